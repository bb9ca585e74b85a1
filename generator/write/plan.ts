/**
 * Stage 4 (plan): what a run would do to the output folder, decided before anything is written, so that
 * `--check` and `--dry-run` are the write path with writes off. Compares the new files with the disk and
 * with the previous manifest's hashes: a file whose bytes differ from what the previous run wrote was
 * edited by hand, and is never overwritten or deleted silently; nor is a file the manifest does not
 * record (a user's own file at a path the generator needs, or every file when no manifest is readable).
 */
import type { RenderedFile } from "../render/target.ts"
import { hashOf } from "./hash.ts"
import { type Manifest, MANIFEST_FILE } from "./manifest.ts"
import { byText } from "../text.ts"

export type ActionKind = "create" | "update" | "unchanged" | "delete"

export interface Action {
  readonly path: string
  readonly kind: ActionKind
  /** The new content (create, update, unchanged). */
  readonly content: string | undefined
  /** The content on disk (update, unchanged, delete). */
  readonly before: string | undefined
  /**
   * Changing the file would lose bytes the generator cannot prove it wrote: the previous manifest records
   * another hash (edited by hand), or records none (a file of the user's, or no readable manifest).
   */
  readonly edited: boolean
  /** The previous manifest records a hash for this path (so `edited` means edited by hand). */
  readonly recorded: boolean
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
  const previousHashes = new Map(Object.entries(input.previous?.files ?? {}))
  // Only bytes the previous run provably wrote (their hash is in its manifest) may be replaced silently;
  // without a readable manifest that is none. The manifest itself is always the generator's.
  const notProvablyOurs = (path: string, before: string | undefined) =>
    path !== MANIFEST_FILE && before !== undefined && previousHashes.get(path) !== hashOf(before)
  const actions: Array<Action> = input.files.map((file) => {
    const before = input.disk.get(file.path)
    const kind: ActionKind = before === undefined ? "create" : before === file.content ? "unchanged" : "update"
    const edited = kind === "update" && notProvablyOurs(file.path, before)
    return {
      path: file.path,
      kind,
      content: file.content,
      before,
      edited,
      recorded: previousHashes.has(file.path),
      hash: hashOf(file.content),
    }
  })
  const next = new Set(input.files.map((f) => f.path))
  for (const path of previousHashes.keys()) {
    const before = input.disk.get(path)
    if (next.has(path) || before === undefined) continue
    actions.push({
      path,
      kind: "delete",
      content: undefined,
      before,
      edited: notProvablyOurs(path, before),
      recorded: true,
      hash: undefined,
    })
  }
  actions.sort(byText((a) => a.path))
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
