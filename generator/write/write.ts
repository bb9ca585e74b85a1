/**
 * Stage 4b: put the files on disk without ever leaving a half-written output folder. Everything is
 * written into a fresh sibling folder first, then swapped in with renames; a failure before the swap
 * leaves the previous output untouched.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises"
import { dirname, isAbsolute, relative, resolve } from "node:path"
import { Effect } from "effect"
import { WriteError } from "../errors.ts"
import type { RenderedFile } from "../render/views.ts"

/** Resolves `path` inside `root`, refusing anything that would land outside it. */
export const insideRoot = (root: string, path: string): string | undefined => {
  const target = resolve(root, path)
  const rel = relative(resolve(root), target)
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? undefined : target
}

/** Replaces the output folder with exactly `files`. */
export const writeTree = (outDir: string, files: ReadonlyArray<RenderedFile>): Effect.Effect<void, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const out = resolve(outDir)
      const staging = `${out}.tmp-${process.pid}`
      const previous = `${out}.old-${process.pid}`
      const targets = files.map((file) => {
        const target = insideRoot(staging, file.path)
        if (target === undefined) throw new Error(`refusing to write ${JSON.stringify(file.path)} outside the output folder`)
        return { target, content: file.content }
      })
      await rm(staging, { recursive: true, force: true })
      try {
        for (const { target, content } of targets) {
          await mkdir(dirname(target), { recursive: true })
          await writeFile(target, content)
        }
      } catch (error) {
        await rm(staging, { recursive: true, force: true })
        throw error
      }
      await mkdir(dirname(out), { recursive: true })
      await rename(out, previous).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error
      })
      await rename(staging, out)
      await rm(previous, { recursive: true, force: true })
    },
    catch: (error) => new WriteError({ path: outDir, message: error instanceof Error ? error.message : String(error) }),
  })

