/**
 * Stage 4 (write): apply a plan without ever leaving a half-written output folder. The new tree is built
 * in a sibling staging folder (unchanged files and files the generator does not own are hard-linked, so
 * their bytes and mtimes are kept; changed files are written), then swapped in with two renames. A run
 * that fails or is killed before the swap leaves the previous output exactly as it was; the next run
 * removes the leftover staging folder and, if killed between the two renames, puts the previous back.
 */
import { existsSync } from "node:fs"
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path"
import * as Effect from "effect/Effect"
import { WriteError } from "../errors.ts"
import type { Plan } from "./plan.ts"

/** Resolves `path` inside `root`, refusing anything that would land outside it. */
export const insideRoot = (root: string, path: string): string | undefined => {
  const target = resolve(root, path)
  const rel = relative(resolve(root), target)
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? undefined : target
}

const STAGING = ".tmp-"
const PREVIOUS = ".old-"

const siblings = async (out: string, marker: string) => {
  const entries = await readdir(dirname(out)).catch(() => [] as Array<string>)
  return entries.filter((name) => name.startsWith(`${basename(out)}${marker}`)).map((name) => join(dirname(out), name))
}

/** Repairs what a killed run left behind: a staging folder, or a previous output not yet swapped back. */
export const recoverOutput = (outDir: string): Effect.Effect<void, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const out = resolve(outDir)
      for (const staging of await siblings(out, STAGING)) await rm(staging, { recursive: true, force: true })
      const previous = await siblings(out, PREVIOUS)
      const exists = await readdir(out).then(
        () => true,
        () => false,
      )
      if (!exists && previous.length === 1) await rename(previous[0]!, out)
      else for (const old of previous) await rm(old, { recursive: true, force: true })
    },
    catch: (error) => new WriteError({ path: outDir, message: `cannot recover the output folder (${(error as Error).message})` }),
  })

/** Reads the given output-relative paths that exist on disk. */
export const readDisk = (outDir: string, paths: Iterable<string>): Effect.Effect<ReadonlyMap<string, string>, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const out = resolve(outDir)
      // No output folder yet (a first or cold run): nothing to read, and no thousands of failed opens.
      if (!existsSync(out)) return new Map()
      const entries = await Promise.all(
        [...new Set(paths)].map(async (path) => {
          const target = insideRoot(out, path)
          if (target === undefined) return undefined
          const content = await readFile(target, "utf8").catch((error: NodeJS.ErrnoException) => {
            if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined
            // Name the file in the way (`index.ts` replaced by a folder), not just the output folder.
            throw new Error(
              `${join(outDir, path)}: ${error.code === "EISDIR" ? "is a folder where the generator writes a file; move it away" : `cannot be read (${error.code ?? error.message})`}`,
            )
          })
          return content === undefined ? undefined : ([path, content] as const)
        }),
      )
      return new Map(entries.filter((e) => e !== undefined))
    },
    catch: (error) => new WriteError({ path: outDir, message: `cannot read the output folder (${(error as Error).message})` }),
  })

/** Every file below `dir`, as paths relative to it (empty when `dir` does not exist). */
const listFiles = async (dir: string): Promise<ReadonlyArray<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return []
    throw error
  })
  return entries.filter((e) => !e.isDirectory()).map((e) => relative(dir, join(e.parentPath, e.name)))
}

/** Runs `task` over `items`, a batch at a time (enough to keep the disk busy, few enough file handles). */
const inBatches = async <A>(items: ReadonlyArray<A>, task: (item: A) => Promise<unknown>, size = 64): Promise<void> => {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task))
}

/** Applies the plan's changes (nothing at all when there are none). `log` hears each phase, for --verbose. */
export const applyPlan = (outDir: string, plan: Plan, log: (line: string) => void = () => {}): Effect.Effect<void, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      if (plan.changes.length === 0) return
      const out = resolve(outDir)
      const staging = `${out}${STAGING}${process.pid}`
      const previous = `${out}${PREVIOUS}${process.pid}`
      const writes = plan.changes
        .filter((a) => a.kind !== "delete")
        .map((action) => {
          const target = insideRoot(staging, action.path)
          if (target === undefined) throw new Error(`refusing to write ${JSON.stringify(action.path)} outside the output folder`)
          return { target, content: action.content! }
        })
      const replaced = new Set(plan.changes.map((a) => a.path))
      const kept = (await listFiles(out)).filter((path) => !replaced.has(path.split("\\").join("/")))
      try {
        await mkdir(staging, { recursive: true })
        log(`staging ${writes.length} written and ${kept.length} kept files in ${staging}`)
        const folders = new Set([...kept.map((path) => dirname(join(staging, path))), ...writes.map((w) => dirname(w.target))])
        await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })))
        await inBatches(kept, (path) => link(join(out, path), join(staging, path)))
        await inBatches(writes, ({ target, content }) => writeFile(target, content))
      } catch (error) {
        await rm(staging, { recursive: true, force: true })
        throw error
      }
      log(`swapping ${staging} in as ${out}`)
      let moved = false
      try {
        await mkdir(dirname(out), { recursive: true })
        moved = await rename(out, previous).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code !== "ENOENT") throw error
            return false
          },
        )
        await rename(staging, out)
      } catch (error) {
        // Put the previous output back and drop the staging folder: a failed swap changes nothing.
        if (moved) await rename(previous, out).catch(() => undefined)
        await rm(staging, { recursive: true, force: true })
        throw error
      }
      await rm(previous, { recursive: true, force: true })
    },
    catch: (error) => new WriteError({ path: outDir, message: error instanceof Error ? error.message : String(error) }),
  })
