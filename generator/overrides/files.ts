/**
 * Stage 1c (files): which files an overrides folder holds and the names they are shown by. Node
 * builtins only, so the override worker (prefetch-worker.ts) lists a folder exactly as load.ts does.
 */
import { createHash } from "node:crypto"
import { readdir } from "node:fs/promises"
import { join, relative, resolve } from "node:path"

/** The file at the root of an overrides folder that holds global rules and shared schemas. */
export const DEFAULTS_FILE = "_defaults.yaml"

/** Every YAML file below `dir`, sorted (none when `dir` does not exist; other listing errors are thrown). */
export const listYaml = async (dir: string): Promise<ReadonlyArray<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return []
    throw error
  })
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** How a file below `dir` is named in messages: `<label>/<path below dir>`, else relative to the working directory. */
export const shownName = (dir: string, path: string, label: string | undefined): string =>
  label === undefined ? relative(process.cwd(), path) || path : `${label}/${relative(dir, path).split("\\").join("/")}`

/** Whether a listed file is the folder's defaults file. */
export const isDefaultsFile = (dir: string, path: string): boolean => path === join(dir, DEFAULTS_FILE)

/** One cache file per overrides folder (the shipped layer and the user's do not evict each other); see cache.ts. */
export const overridesCacheFile = (cacheDir: string, dir: string): string =>
  join(cacheDir, `overrides-${createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 16)}.json`)
