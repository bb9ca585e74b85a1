/**
 * Stage 1c, cached: parsing and validating the override YAML is the largest cost of a run whose spec,
 * templates or generator changed but whose overrides did not (about a fifth of the CPU on the
 * 200-operation document). The validated values of each overrides folder (the shipped one, the user's)
 * are kept in the cache folder under a hash of every file's name and text, the yaml and effect versions
 * and the override-loading code; a hit skips yaml and Schema. A file's YAML is parsed again only when an
 * error or warning points into it.
 */
import { createHash } from "node:crypto"
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import * as Effect from "effect/Effect"
import type { OverrideError } from "../errors.ts"
import {
  lazyLocate,
  type LoadedOverrides,
  type LoadOptions,
  loadOverrides,
  missingFolder,
  parseOverrides,
  readOverrideFiles,
  readOverrideFilesOrFail,
} from "./load.ts"
import { overridesCacheFile } from "./files.ts"
import { takePrefetched } from "./prefetch.ts"
import type { StatedReasons } from "./reasons.ts"
import type { DefaultsFile, OverrideFile } from "./schema.ts"

interface CacheFile {
  readonly key: string
  readonly endpoints: ReadonlyArray<{
    readonly file: string
    readonly override: OverrideFile
    readonly reasons?: StatedReasons | undefined
  }>
  readonly defaults: ReadonlyArray<{
    readonly file: string
    readonly defaults: DefaultsFile
    readonly reasons?: Readonly<Record<string, string>> | undefined
  }>
}

type Files = Awaited<ReturnType<typeof readOverrideFiles>>

export { overridesCacheFile }

/** The key of a layer: its files' names and texts, whether it is the shipped one, and the code and versions that read it. */
const keyOf = async (files: Files, builtin: boolean): Promise<string> => {
  const hash = createHash("sha256")
  const add = (label: string, content: string | Buffer) => hash.update(`${label}\0${content.length}\0`).update(content)
  const require = createRequire(import.meta.url)
  for (const library of ["yaml", "effect"]) add(library, await readFile(require.resolve(`${library}/package.json`)))
  for (const name of (await readdir(import.meta.dirname)).filter((n) => n.endsWith(".ts")).sort())
    add(name, await readFile(join(import.meta.dirname, name)))
  add("builtin", String(builtin))
  for (const { file, text, isDefaults } of files) add(`${isDefaults ? "defaults" : "endpoint"} ${file}`, text)
  return hash.digest("hex")
}

const readCache = async (cacheFile: string): Promise<CacheFile | undefined> => {
  try {
    return JSON.parse(await readFile(cacheFile, "utf8")) as CacheFile
  } catch {
    return undefined // absent or unreadable: parse afresh
  }
}

const writeCache = async (cacheFile: string, cache: CacheFile): Promise<void> => {
  await mkdir(dirname(cacheFile), { recursive: true })
  const temp = `${cacheFile}.${process.pid}`
  await writeFile(temp, JSON.stringify(cache))
  await rename(temp, cacheFile)
}

/** The layer from the cache entry, with positions parsed on demand. */
const fromCache = (cache: CacheFile, files: Files, builtin: boolean): LoadedOverrides => {
  const textOf = new Map(files.map((f) => [f.file, f.text]))
  const locate = (file: string) => lazyLocate(textOf.get(file) ?? "")
  return {
    endpoints: cache.endpoints.map(({ file, override, reasons }) => ({ file, override, reasons, locate: locate(file), builtin })),
    defaults: cache.defaults.map(({ file, defaults, reasons }) => ({ file, defaults, reasons, locate: locate(file), builtin })),
  }
}

/**
 * Loads one layer of overrides like `loadOverrides`, answering from the cache folder when the files and
 * the code that reads them are those of the last valid load of that folder (no cache when `cacheDir`
 * is undefined). Only a load without errors is cached, so every error is reported afresh.
 */
export const loadOverridesCached = (
  dir: string,
  options: LoadOptions,
  cacheDir: string | undefined,
): Effect.Effect<LoadedOverrides, ReadonlyArray<OverrideError>> =>
  cacheDir === undefined || missingFolder(dir, options) !== undefined
    ? loadOverrides(dir, options)
    : Effect.gen(function* () {
        const builtin = options.builtin === true
        const cacheFile = overridesCacheFile(cacheDir, dir)
        // Read by the CLI's override worker, when it started one for this folder (prefetch.ts).
        const prefetched = yield* Effect.promise(async () => takePrefetched(dir, options))
        const files = prefetched?.files ?? (yield* readOverrideFilesOrFail(dir, options))
        const key = yield* Effect.promise(() => keyOf(files, builtin))
        const cache = yield* Effect.promise(() => readCache(cacheFile))
        if (cache !== undefined && cache.key === key) return fromCache(cache, files, builtin)
        const syntaxes = prefetched === undefined ? undefined : yield* Effect.promise(() => prefetched.syntaxes())
        const { overrides, errors } = parseOverrides(files, builtin, syntaxes)
        if (errors.length > 0) return yield* Effect.fail(errors)
        const entry: CacheFile = {
          key,
          endpoints: overrides.endpoints.map(({ file, override, reasons }) => ({ file, override, reasons })),
          defaults: overrides.defaults.map(({ file, defaults, reasons }) => ({ file, defaults, reasons })),
        }
        // A cache that cannot be written costs the next run time, not this run its result.
        yield* Effect.promise(() => writeCache(cacheFile, entry).catch(() => undefined))
        return overrides
      })
