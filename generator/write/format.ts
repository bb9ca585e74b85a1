/**
 * Stage 4a: formatting, in memory, before anything touches the disk. Two formatters make the same bytes
 * for our output: oxfmt (the default, a native formatter, ~40× faster here) and prettier (the reference:
 * test/formatted.test.ts formats the committed output with prettier and asserts byte-identity). Options
 * come from the prettier config that applies to the output folder (prettier's defaults when there is
 * none; prettier is loaded only to read a config that exists), resolved once per run. Formatted text is
 * cached by a hash of (formatter and version, options, unformatted text), so a file whose generated text
 * did not change is never formatted twice. prettier formats one file at a time: it holds a whole syntax
 * tree per call (all at once took gigabytes on the 10× document), and worker threads measured slower on
 * this 2-core machine (each pays prettier's load and JIT warm-up).
 */
import { createHash } from "node:crypto"
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { DEFAULT_FORMATTER, type FormatterName } from "../config.ts"
import type { RenderedFile } from "../render/target.ts"

export interface FormatStats {
  readonly hits: number
  readonly misses: number
}

export interface Formatter {
  /** The formatter in use and its version, e.g. `oxfmt 0.79.0`. */
  readonly name: string
  /** Formats every `.ts` file (other files pass through), in order. */
  readonly format: (files: ReadonlyArray<RenderedFile>) => Promise<ReadonlyArray<RenderedFile>>
  /** Writes the cache back (entries used by this run first), if there is a cache file. */
  readonly save: () => Promise<void>
  readonly stats: () => FormatStats
}

export interface FormatterOptions {
  /** A path inside the output folder: the prettier config that applies to it is used. */
  readonly configFor: string
  /** The cache file; none when undefined. */
  readonly cacheFile?: string | undefined
  /** Which formatter; oxfmt when undefined. */
  readonly formatter?: FormatterName | undefined
}

interface CacheFile {
  /** The formatter and version that wrote the entries. */
  readonly formatter: string
  readonly entries: Record<string, string>
}

/** Formats one file's text; `path` tells oxfmt the language. */
type FormatText = (path: string, text: string) => Promise<string>

interface Engine {
  readonly name: string
  /** The resolved options, part of every cache key. */
  readonly options: Readonly<Record<string, unknown>>
  readonly format: FormatText
  /** Whether files may be formatted concurrently (oxfmt formats on native threads). */
  readonly concurrent: boolean
}

/** Entries kept beyond those used by the last run, so alternating between two specs stays warm. */
const MAX_ENTRIES = 20_000
/**
 * Files handed to oxfmt at once. Measured on 2 cores: 8 at a time against 64 took about a third less
 * memory (185 against 250 MiB at 200 operations, 370 against 590 MiB at 2,000) and less time.
 */
const BATCH = 8

const readCache = async (file: string | undefined, formatter: string): Promise<Map<string, string>> => {
  if (file === undefined) return new Map()
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as CacheFile
    return cache.formatter === formatter ? new Map(Object.entries(cache.entries)) : new Map()
  } catch {
    return new Map() // absent or unreadable: a cold run
  }
}

/** File names prettier reads its config from (package.json only with a `prettier` key). */
const CONFIG_FILE = /^(\.prettierrc(\..+)?|prettier\.config\..+|package\.yaml)$/

/** Whether a package.json has a top-level `prettier` key (an unreadable one is prettier's to report). */
export const hasPrettierKey = async (file: string): Promise<boolean> => {
  try {
    return Object.hasOwn(JSON.parse(await readFile(file, "utf8")) as object, "prettier")
  } catch {
    return true
  }
}

/**
 * Whether a prettier config applies to `file`: a config file in its folder or above (node builtins
 * only, so that oxfmt runs without loading prettier when there is none).
 */
export const hasPrettierConfig = async (file: string): Promise<boolean> => {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const names = await readdir(dir).catch(() => [] as Array<string>)
    if (names.some((name) => CONFIG_FILE.test(name))) return true
    if (names.includes("package.json")) {
      if (await hasPrettierKey(join(dir, "package.json"))) return true
    }
    if (dirname(dir) === dir) return false
  }
}

/** The prettier config for `file` (without parser and plugins), or prettier's defaults. */
const prettierOptions = async (file: string): Promise<Record<string, unknown>> => {
  if (!(await hasPrettierConfig(file))) return {}
  const prettier = await import("prettier")
  const { plugins: _plugins, parser: _parser, ...config } = (await prettier.resolveConfig(file, { editorconfig: false })) ?? {}
  return config
}

const version = (name: string): string => {
  const require = createRequire(import.meta.url)
  return (require(`${name}/package.json`) as { version: string }).version
}

const engines: Record<FormatterName, (configFor: string) => Promise<Engine>> = {
  oxfmt: async (configFor) => {
    const [oxfmt, config] = await Promise.all([import("oxfmt"), prettierOptions(configFor)])
    // oxfmt's own default width is 100; prettier's, which our output follows, is 80.
    const options = { printWidth: 80, ...config }
    const format: FormatText = async (path, text) => {
      const result = await oxfmt.format(path, text, options)
      const error = result.errors.find((e) => e.severity === "Error")
      if (error !== undefined) throw new Error(`oxfmt cannot format ${path}: ${error.message}`)
      return result.code
    }
    return { name: `oxfmt ${version("oxfmt")}`, options, format, concurrent: true }
  },
  prettier: async (configFor) => {
    const prettier = await import("prettier")
    const config = (await prettier.resolveConfig(configFor, { editorconfig: false })) ?? {}
    const options = { ...config, parser: "typescript" }
    return { name: `prettier ${prettier.version}`, options, format: (_path, text) => prettier.format(text, options), concurrent: false }
  },
}

/** A formatter using the prettier config that applies to `options.configFor`. */
export const makeFormatter = async (options: FormatterOptions): Promise<Formatter> => {
  const engine = await engines[options.formatter ?? DEFAULT_FORMATTER](options.configFor)
  const salt = JSON.stringify({ formatter: engine.name, options: engine.options })
  const cache = await readCache(options.cacheFile, engine.name)
  const used = new Map<string, string>()
  let hits = 0
  let misses = 0
  const keyOf = (content: string) => createHash("sha256").update(salt).update("\0").update(content).digest("base64url")

  const format = async (files: ReadonlyArray<RenderedFile>) => {
    const keys = files.map((file) => (file.path.endsWith(".ts") ? keyOf(file.content) : undefined))
    const missing = new Map<string, RenderedFile>()
    files.forEach((file, i) => {
      const key = keys[i]
      if (key !== undefined && !cache.has(key) && !used.has(key) && !missing.has(key)) missing.set(key, file)
    })
    const pending = [...missing]
    const size = engine.concurrent ? BATCH : 1
    for (let i = 0; i < pending.length; i += size) {
      const batch = pending.slice(i, i + size)
      const formatted = await Promise.all(batch.map(([, file]) => engine.format(file.path, file.content)))
      batch.forEach(([key], j) => used.set(key, formatted[j]!))
    }
    misses += pending.length
    return files.map((file, i) => {
      const key = keys[i]
      if (key === undefined) return file
      const content = used.get(key) ?? cache.get(key)!
      if (!used.has(key)) hits++
      used.set(key, content)
      return { ...file, content }
    })
  }
  const save = async () => {
    if (options.cacheFile === undefined) return
    const entries: Record<string, string> = Object.fromEntries(used)
    let count = used.size
    for (const [key, value] of cache) {
      if (count >= MAX_ENTRIES) break
      if (key in entries) continue
      entries[key] = value
      count++
    }
    await mkdir(dirname(options.cacheFile), { recursive: true })
    const temp = `${options.cacheFile}.${process.pid}`
    await writeFile(temp, JSON.stringify({ formatter: engine.name, entries } satisfies CacheFile))
    await rename(temp, options.cacheFile)
  }
  return { name: engine.name, format, save, stats: () => ({ hits, misses }) }
}
