/**
 * Stage 4 (plan): what a run would do to the output folder, decided before anything is written, so that
 * `--check` and `--dry-run` are the write path with writes off. Compares the new files with the disk and
 * with the previous manifest's hashes: a file whose bytes differ from what the previous run wrote was
 * edited by hand, and is never overwritten or deleted silently.
 */
import type { RenderedFile } from "../render/views.ts"
import { hashOf } from "./hash.ts"
import { type Manifest, MANIFEST_FILE } from "./manifest.ts"

export type ActionKind = "create" | "update" | "unchanged" | "delete"

export interface Action {
  readonly path: string
  readonly kind: ActionKind
  /** The new content (create, update, unchanged). */
  readonly content: string | undefined
  /** The content on disk (update, unchanged, delete). */
  readonly before: string | undefined
  /** The file on disk is not what the previous run wrote: it was edited by hand. */
  readonly edited: boolean
  /** Hash of the new content (create, update, unchanged). */
  readonly hash: string | undefined
}

export interface Plan {
  readonly actions: ReadonlyArray<Action>
  /** Create, update and delete actions: what a write changes. */
  readonly changes: ReadonlyArray<Action>
  /** Changes that would overwrite or delete a hand-edited file. */
  readonly conflicts: ReadonlyArray<Action>
}

export interface PlanInput {
  /** Every file of the new output, manifest included. */
  readonly files: ReadonlyArray<RenderedFile>
  /** Contents on disk of the new files' paths and of the previous manifest's files (absent: not on disk). */
  readonly disk: ReadonlyMap<string, string>
  readonly previous: Manifest | undefined
}

/** Decides every action. Pure. */
export const planWrite = (input: PlanInput): Plan => {
  const previousHashes = input.previous?.files ?? {}
  const editedOnDisk = (path: string, before: string | undefined) =>
    path !== MANIFEST_FILE && before !== undefined && previousHashes[path] !== undefined && hashOf(before) !== previousHashes[path]
  const actions: Array<Action> = input.files.map((file) => {
    const before = input.disk.get(file.path)
    const kind: ActionKind = before === undefined ? "create" : before === file.content ? "unchanged" : "update"
    return { path: file.path, kind, content: file.content, before, edited: kind === "update" && editedOnDisk(file.path, before), hash: hashOf(file.content) }
  })
  const next = new Set(input.files.map((f) => f.path))
  for (const path of Object.keys(previousHashes)) {
    const before = input.disk.get(path)
    if (next.has(path) || before === undefined) continue
    actions.push({ path, kind: "delete", content: undefined, before, edited: editedOnDisk(path, before), hash: undefined })
  }
  actions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const changes = actions.filter((a) => a.kind !== "unchanged")
  return { actions, changes, conflicts: changes.filter((a) => a.edited) }
}

/** How many files a plan creates, updates, deletes and leaves unchanged. */
export const planCounts = (plan: Plan) => ({
  create: plan.changes.filter((a) => a.kind === "create").length,
  update: plan.changes.filter((a) => a.kind === "update").length,
  delete: plan.changes.filter((a) => a.kind === "delete").length,
  unchanged: plan.actions.length - plan.changes.length,
})
