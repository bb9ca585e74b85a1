/**
 * Stage 4a: prettier, in memory, before anything touches the disk. The config is resolved once per run.
 * Formatted text is cached by a hash of (prettier version, config, unformatted text), so a file whose
 * generated text did not change is never formatted twice. Misses are formatted one at a time: prettier
 * holds a whole syntax tree per call (formatting all at once took gigabytes on the 10× document), and
 * worker threads measured slower on this 2-core machine (each pays prettier's load and JIT warm-up).
 */
import { createHash } from "node:crypto"
import { mkdir, readFile, rename, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import type { RenderedFile } from "../render/views.ts"

export interface FormatStats {
  readonly hits: number
  readonly misses: number
}

export interface Formatter {
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
}

interface CacheFile {
  readonly prettier: string
  readonly entries: Record<string, string>
}

/** Entries kept beyond those used by the last run, so alternating between two specs stays warm. */
const MAX_ENTRIES = 20_000
const readCache = async (file: string | undefined, version: string): Promise<Map<string, string>> => {
  if (file === undefined) return new Map()
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as CacheFile
    return cache.prettier === version ? new Map(Object.entries(cache.entries)) : new Map()
  } catch {
    return new Map() // absent or unreadable: a cold run
  }
}

/** A formatter using the prettier config that applies to `options.configFor`. */
export const makeFormatter = async (options: FormatterOptions): Promise<Formatter> => {
  const prettier = await import("prettier")
  const config = (await prettier.resolveConfig(options.configFor, { editorconfig: false })) ?? {}
  const formatOptions = { ...config, parser: "typescript" }
  const salt = JSON.stringify(formatOptions)
  const cache = await readCache(options.cacheFile, prettier.version)
  const used = new Map<string, string>()
  let hits = 0
  let misses = 0
  const keyOf = (content: string) => createHash("sha256").update(salt).update("\0").update(content).digest("base64url")

  const format = async (files: ReadonlyArray<RenderedFile>) => {
    const keys = files.map((file) => (file.path.endsWith(".ts") ? keyOf(file.content) : undefined))
    const missing = [...new Set(keys.filter((key): key is string => key !== undefined && !cache.has(key) && !used.has(key)))]
    const textOf = new Map(files.map((file, i) => [keys[i], file.content]))
    const texts = missing.map((key) => textOf.get(key)!)
    const formatted = await sequential(texts)
    missing.forEach((key, i) => used.set(key, formatted[i]!))
    misses += missing.length
    return files.map((file, i) => {
      const key = keys[i]
      if (key === undefined) return file
      const content = used.get(key) ?? cache.get(key)!
      if (!used.has(key)) hits++
      used.set(key, content)
      return { ...file, content }
    })
  }
  const sequential = async (texts: ReadonlyArray<string>) => {
    const out: Array<string> = []
    for (const text of texts) out.push(await prettier.format(text, formatOptions))
    return out
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
    await writeFile(temp, JSON.stringify({ prettier: prettier.version, entries } satisfies CacheFile))
    await rename(temp, options.cacheFile)
  }
  return { format, save, stats: () => ({ hits, misses }) }
}
