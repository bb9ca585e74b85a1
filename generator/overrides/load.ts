/**
 * Stage 1c: read every override YAML file, validate it against the Effect Schema, and collect every
 * error (syntax, unknown key, wrong type, duplicate endpoint) with file:line:column before failing.
 */
import { readdir, readFile } from "node:fs/promises"
import { join, relative } from "node:path"
import { Effect, Schema } from "effect"
import { isMap, isPair, isScalar, LineCounter, parseDocument } from "yaml"
import { OverrideError } from "../errors.ts"
import { KNOWN_KEYS, OverrideFile } from "./schema.ts"

export interface LoadedOverride {
  /** Path as given to the user (relative to the working directory). */
  readonly file: string
  readonly override: OverrideFile
  /** `line:column` of the value (or key) at a path inside the file. */
  readonly locate: (path: ReadonlyArray<string | number>) => string
}

const validator = Schema.toStandardSchemaV1(OverrideFile, { parseOptions: { onExcessProperty: "error", errors: "all" } })

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

/** The closest known key within two edits, for a "did you mean" hint. */
export const suggest = (key: string, known: ReadonlyArray<string>): string | undefined =>
  known
    .map((candidate) => ({ candidate, d: distance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0]?.candidate

const knownKeysAt = (path: ReadonlyArray<PropertyKey>): ReadonlyArray<string> => {
  const parent = path.slice(0, -1)
  if (parent.length === 0) return KNOWN_KEYS.file
  if (parent.length === 1) return KNOWN_KEYS.patch
  if (parent.length === 3 && parent[1] === "fields") return KNOWN_KEYS.field
  return []
}

/** Parses and validates one override file's text. Pure; returns the override or every error in it. */
export const parseOverride = (file: string, text: string): { readonly loaded?: LoadedOverride; readonly errors: ReadonlyArray<OverrideError> } => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return `${line}:${col}`
  }
  if (doc.errors.length > 0)
    return { errors: doc.errors.map((e) => new OverrideError({ file, at: position(e.pos[0]), path: "", message: `YAML syntax error: ${e.message.split("\n")[0]}`, hint: "fix the YAML syntax" })) }

  const locate = (path: ReadonlyArray<PropertyKey>, key = false): string => {
    let node: unknown = doc.contents
    let found: { range?: [number, number, number] | null | undefined } | undefined
    for (const segment of path) {
      if (!isMap(node)) break
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment)
      if (pair === undefined) break
      found = (key && segment === path.at(-1) ? pair.key : pair.value) as typeof found
      node = pair.value
    }
    const range = found?.range ?? (doc.contents as typeof found)?.range
    return position(range?.[0] ?? 0)
  }

  const value = doc.toJS() as unknown
  const result = validator["~standard"].validate(value)
  if (result instanceof Promise) throw new Error("override validation must be synchronous")
  if (result.issues !== undefined) {
    const errors = result.issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p))
      const dotted = path.map(String).join(".")
      if (issue.message.includes("excess property")) {
        const key = String(path.at(-1))
        const near = suggest(key, knownKeysAt(path))
        return new OverrideError({
          file,
          at: locate(path, true),
          path: dotted,
          message: `unknown key "${key}"`,
          hint: near === undefined ? `remove it; allowed here: ${knownKeysAt(path).join(", ") || "(see overrides.schema.json)"}` : `did you mean "${near}"?`,
        })
      }
      if (issue.message.includes("Missing key"))
        return new OverrideError({ file, at: locate(path.slice(0, -1)), path: dotted, message: `missing required key "${String(path.at(-1))}"`, hint: `add ${String(path.at(-1))}: ...` })
      return new OverrideError({ file, at: locate(path), path: dotted, message: issue.message, hint: "see overrides.schema.json for the allowed values" })
    })
    return { errors }
  }
  const override = result.value
  const endpointOk = /^(GET|POST|PUT|PATCH|DELETE) \/\S*$/.test(override.endpoint)
  if (!endpointOk)
    return { errors: [new OverrideError({ file, at: locate(["endpoint"]), path: "endpoint", message: `endpoint ${JSON.stringify(override.endpoint)} is not "METHOD /path"`, hint: 'write it like "POST /two-factor/verify-totp"' })] }
  return { loaded: { file, override, locate: (path) => locate(path) }, errors: [] }
}

const listYaml = async (dir: string): Promise<ReadonlyArray<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return []
    throw error
  })
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Loads every override file under `dir`; fails with all errors at once. */
export const loadOverrides = (dir: string): Effect.Effect<ReadonlyArray<LoadedOverride>, ReadonlyArray<OverrideError>> =>
  Effect.gen(function* () {
    const files = yield* Effect.promise(() => listYaml(dir))
    const errors: Array<OverrideError> = []
    const loaded: Array<LoadedOverride> = []
    const byEndpoint = new Map<string, string>()
    for (const path of files) {
      const file = relative(process.cwd(), path)
      const text = yield* Effect.promise(() => readFile(path, "utf8"))
      const result = parseOverride(file, text)
      errors.push(...result.errors)
      if (result.loaded === undefined) continue
      const first = byEndpoint.get(result.loaded.override.endpoint)
      if (first !== undefined) {
        errors.push(new OverrideError({ file, at: result.loaded.locate(["endpoint"]), path: "endpoint", message: `${result.loaded.override.endpoint} is already overridden by ${first}`, hint: "keep one file per endpoint" }))
        continue
      }
      byEndpoint.set(result.loaded.override.endpoint, file)
      loaded.push(result.loaded)
    }
    if (errors.length > 0) return yield* Effect.fail(errors)
    return loaded
  })
