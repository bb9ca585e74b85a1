/**
 * Stage 1c: read every override YAML file, validate it against its Effect Schema, and collect every
 * error (syntax, unknown key, wrong type, duplicate endpoint) with file:line:column before failing.
 * `_defaults.yaml` at the root holds global rules and shared schemas; every other file is one endpoint's.
 */
import { existsSync } from "node:fs"
import { readdir, readFile } from "node:fs/promises"
import { join, relative } from "node:path"
import { Effect, Schema } from "effect"
import { type Alias, type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml"
import { OverrideError } from "../errors.ts"
import { suggest } from "../suggest.ts"
import { ruleReasons, type StatedReasons, statedReasons } from "./reasons.ts"
import { DEFAULTS_FILE, DefaultsFile, KNOWN_KEYS, OverrideFile } from "./schema.ts"

/** A validated file and a way to point into it. */
export interface Located {
  /** Path as shown to the user (relative to the working directory). */
  readonly file: string
  /** `line:column` of the value at a key path inside the file (or of the nearest existing parent). */
  readonly locate: (path: ReadonlyArray<string | number>) => string
}

export interface LoadedOverride extends Located {
  readonly override: OverrideFile
  /** The reasons its comments give, shown with its provenance in the generated JSDoc. */
  readonly reasons?: StatedReasons | undefined
  /**
   * Shipped with the generator: inert where the spec lacks its endpoint or a field it patches (that
   * plugin is not installed). A user's override is strict: those are errors naming the file.
   */
  readonly builtin: boolean
}

export interface LoadedDefaults extends Located {
  readonly defaults: DefaultsFile
  /** Rule name → the comment above it under `rules:` (why the rule exists), shown with its provenance. */
  readonly reasons?: Readonly<Record<string, string>> | undefined
  /** Shipped with the generator (see LoadedOverride.builtin). */
  readonly builtin: boolean
}

/**
 * Every override that applies: the shipped layer first, then the user's. One endpoint may have an
 * override in each; the user's is applied after the shipped one.
 */
export interface LoadedOverrides {
  readonly endpoints: ReadonlyArray<LoadedOverride>
  /** Each layer's `_defaults.yaml`, shipped first: rules add up, a user's shared schema replaces a shipped one of that name. */
  readonly defaults: ReadonlyArray<LoadedDefaults>
}

export const NO_OVERRIDES: LoadedOverrides = { endpoints: [], defaults: [] }

/** The shipped layer, then the user's. */
export const layerOverrides = (builtin: LoadedOverrides, user: LoadedOverrides): LoadedOverrides => ({
  endpoints: [...builtin.endpoints, ...user.endpoints],
  defaults: [...builtin.defaults, ...user.defaults],
})

type Path = ReadonlyArray<PropertyKey>

/** The keys allowed in the object that holds the last key of `path`. */
const overrideKeysAt = (path: Path): ReadonlyArray<string> => {
  const parent = path.slice(0, -1)
  if (parent.length === 0) return KNOWN_KEYS.file
  if (parent.length === 1 && parent[0] === "span") return KNOWN_KEYS.span
  if (parent.length === 1 && parent[0] === "server") return KNOWN_KEYS.server
  if (parent.length === 1) return KNOWN_KEYS.patch
  if (parent.length === 3 && parent[1] === "fields") return KNOWN_KEYS.field
  return []
}

const defaultsKeysAt = (path: Path): ReadonlyArray<string> => {
  const parent = path.slice(0, -1)
  if (parent.length === 0) return KNOWN_KEYS.defaults
  if (parent.length === 1 && parent[0] === "rules") return KNOWN_KEYS.rules
  if (parent.length === 2 && parent[0] === "components") return KNOWN_KEYS.patch
  if (parent.length === 4 && parent[0] === "components" && parent[2] === "fields") return KNOWN_KEYS.field
  return []
}

const makeLocate =
  (doc: Document, position: (offset: number) => string) =>
  (path: Path, key = false): string => {
    let node: unknown = doc.contents
    let found: { range?: [number, number, number] | null | undefined } | undefined
    for (const [index, segment] of path.entries()) {
      if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment]
        if (node === undefined) break
        found = node as typeof found
        continue
      }
      if (!isMap(node)) break
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment)
      if (pair === undefined) break
      found = (key && index === path.length - 1 ? pair.key : pair.value) as typeof found
      node = pair.value
    }
    const range = found?.range ?? (doc.contents as typeof found)?.range
    return position(range?.[0] ?? 0)
  }

const valueAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined), value)

/** Strings with a format: what is wrong and how to write it, by key. */
const FORMATS: Readonly<Record<string, readonly [string, string]>> = {
  endpoint: ['is not "METHOD /path"', 'write it like "POST /two-factor/verify-totp"'],
  folder: ["is not a folder of kebab-case segments", "write it like two-factor/totp/verify"],
  domain: ["is not a folder of kebab-case segments", "write it like two-factor/totp"],
  feature: ["is not a folder of kebab-case segments", "write it like verify"],
  namespace: ["is not a TypeScript identifier", "use letters, digits, _ and $, not starting with a digit, e.g. GetUri"],
  clientCall: ["is not a dotted client method", "write it like twoFactor.verifyTotp"],
  shared: ["is not a TypeScript identifier", "name shared schemas like SessionWithUser"],
}

const FOLDER_KEYS = new Set(["folder", "domain", "feature"])

/** A folder-like value that climbs out of the output folder gets its own message. */
const escapesOutput = (value: unknown): boolean =>
  typeof value === "string" && (value.startsWith("/") || value.includes("\\") || value.split("/").some((s) => s === ".." || s === "."))

interface Parsed<A> {
  readonly value?: A
  /** The parsed document, for what its comments say. */
  readonly doc?: Document
  readonly locate: (path: Path) => string
  readonly errors: ReadonlyArray<OverrideError>
}

/** Validators built once: unknown keys are errors, and every issue of a file is reported. */
const validatorOf = <S extends Schema.Decoder<unknown>>(schema: S) =>
  Schema.toStandardSchemaV1(schema, { parseOptions: { onExcessProperty: "error", errors: "all" } })
const OVERRIDE_VALIDATOR = validatorOf(OverrideFile)
const DEFAULTS_VALIDATOR = validatorOf(DefaultsFile)

/** The largest override file read, in characters: override files are a few hundred bytes. */
export const MAX_OVERRIDE_CHARS = 256 * 1024
/** How many aliases one file may expand (YAML "billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100

/** The first alias that is inside the node its anchor names (`a: &x [*x]`), or else the first unresolved one. */
const badAlias = (doc: Document): { readonly alias: Alias; readonly selfReference: boolean } | undefined => {
  let found: { alias: Alias; selfReference: boolean } | undefined
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc)
      if (target !== undefined && !path.includes(target)) return undefined
      found = { alias, selfReference: target !== undefined }
      return visit.BREAK
    },
  })
  return found
}

const firstAlias = (doc: Document): Alias | undefined => {
  let found: Alias | undefined
  visit(doc, {
    Alias(_, alias) {
      found = alias
      return visit.BREAK
    },
  })
  return found
}

const parseWith = <A>(
  file: string,
  text: string,
  validator: typeof OVERRIDE_VALIDATOR | typeof DEFAULTS_VALIDATOR,
  keysAt: (path: Path) => ReadonlyArray<string>,
): Parsed<A> => {
  if (text.length > MAX_OVERRIDE_CHARS)
    return {
      locate: () => "1:1",
      errors: [
        new OverrideError({
          file,
          at: "1:1",
          path: "",
          message: `the file is larger than ${MAX_OVERRIDE_CHARS / 1024} KiB`,
          hint: "an override file corrects one endpoint: keep it small, or split shared schemas",
        }),
      ],
    }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return `${line}:${col}`
  }
  const locate = makeLocate(doc, position)
  if (doc.errors.length > 0)
    return {
      locate,
      errors: doc.errors.map(
        (e) =>
          new OverrideError({
            file,
            at: position(e.pos[0]),
            path: "",
            message: `YAML syntax error: ${e.message.split("\n")[0]}`,
            hint: "fix the YAML syntax",
          }),
      ),
    }
  const aliasError = (alias: Alias | undefined, message: string, hint: string) => ({
    locate,
    errors: [new OverrideError({ file, at: position(alias?.range?.[0] ?? 0), path: "", message, hint })],
  })
  const bad = badAlias(doc)
  if (bad !== undefined)
    return bad.selfReference
      ? aliasError(
          bad.alias,
          `alias *${bad.alias.source} is inside the node its anchor &${bad.alias.source} names, so its value never ends`,
          "write the value out instead of the alias",
        )
      : aliasError(
          bad.alias,
          `alias *${bad.alias.source} has no anchor &${bad.alias.source} before it`,
          "define the anchor before the alias, or write the value out",
        )
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    return aliasError(
      firstAlias(doc),
      `YAML aliases expand too much (${(error as Error).message})`,
      `use at most ${MAX_ALIAS_COUNT} aliases' worth of expansion, or write the values out`,
    )
  }
  if (value === null || value === undefined)
    return {
      locate,
      errors: [
        new OverrideError({
          file,
          at: "1:1",
          path: "",
          message: "the file is empty",
          hint: 'add endpoint: "METHOD /path" and a correction, or delete the file',
        }),
      ],
    }
  const result = validator["~standard"].validate(value)
  if (result instanceof Promise) throw new Error("override validation must be synchronous")
  if (result.issues === undefined) return { value: result.value as A, doc, locate, errors: [] }
  const errors = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p))
    const dotted = path.map(String).join(".")
    const last = String(path.at(-1))
    const sharedName = path[0] === "shared" && path.length === 2
    if (issue.message.includes("excess property") && !sharedName) {
      const near = suggest(last, keysAt(path))
      return new OverrideError({
        file,
        at: locate(path, true),
        path: dotted,
        message: `unknown key "${last}"`,
        hint:
          near === undefined
            ? `remove it; allowed here: ${keysAt(path).join(", ") || "(see overrides.schema.json)"}`
            : `did you mean "${near}"?`,
      })
    }
    if (issue.message.includes("Missing key"))
      return new OverrideError({
        file,
        at: locate(path.slice(0, -1)),
        path: dotted,
        message: `missing required key "${last}"`,
        hint: `add ${last}: ...`,
      })
    const actual = valueAt(value, path)
    if (FOLDER_KEYS.has(last) && escapesOutput(actual))
      return new OverrideError({
        file,
        at: locate(path),
        path: dotted,
        message: `${JSON.stringify(actual)} would write outside the output folder`,
        hint: "use kebab-case segments below the output folder, e.g. two-factor/totp/verify",
      })
    if (sharedName)
      return new OverrideError({
        file,
        at: locate(path, true),
        path: dotted,
        message: `${JSON.stringify(last)} ${FORMATS["shared"]![0]}`,
        hint: FORMATS["shared"]![1],
      })
    const format = typeof actual === "string" ? FORMATS[last] : undefined
    if (format !== undefined)
      return new OverrideError({ file, at: locate(path), path: dotted, message: `${JSON.stringify(actual)} ${format[0]}`, hint: format[1] })
    const shown = JSON.stringify(actual) ?? String(actual)
    const got = actual === undefined ? "" : `, got ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`
    return new OverrideError({
      file,
      at: locate(path),
      path: dotted,
      message: `${issue.message}${got}`,
      hint: "see overrides.schema.json for the allowed values",
    })
  })
  return { locate, errors }
}

/** A parsed file as its loader wants it, or every error in it. */
type ParsedFile<L> = { readonly loaded?: L; readonly errors: ReadonlyArray<OverrideError> }

const parseFile = <A, L>(
  parsed: ReturnType<typeof parseWith<A>>,
  make: (value: A, doc: NonNullable<ReturnType<typeof parseWith<A>>["doc"]>) => L,
): ParsedFile<L> =>
  parsed.value === undefined || parsed.doc === undefined
    ? { errors: parsed.errors }
    : { loaded: make(parsed.value, parsed.doc), errors: [] }

/** Parses and validates one endpoint override file's text. Pure; returns the override or every error in it. */
export const parseOverride = (file: string, text: string, builtin = false): ParsedFile<LoadedOverride> => {
  const parsed = parseWith<OverrideFile>(file, text, OVERRIDE_VALIDATOR, overrideKeysAt)
  return parseFile(parsed, (override, doc) => ({ file, override, reasons: statedReasons(doc), locate: parsed.locate, builtin }))
}

/** Parses and validates the defaults file's text. */
export const parseDefaults = (file: string, text: string, builtin = false): ParsedFile<LoadedDefaults> => {
  const parsed = parseWith<DefaultsFile>(file, text, DEFAULTS_VALIDATOR, defaultsKeysAt)
  return parseFile(parsed, (defaults, doc) => ({ file, defaults, reasons: ruleReasons(doc), locate: parsed.locate, builtin }))
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

/** Parses one layer's files (pure): `files` maps the path shown to the user to its text. */
export const parseOverrides = (
  files: ReadonlyArray<{ readonly file: string; readonly text: string; readonly isDefaults: boolean }>,
  builtin = false,
) => {
  const errors: Array<OverrideError> = []
  const endpoints: Array<LoadedOverride> = []
  let defaults: LoadedDefaults | undefined
  const byEndpoint = new Map<string, string>()
  for (const { file, text, isDefaults } of files) {
    if (isDefaults) {
      const result = parseDefaults(file, text, builtin)
      errors.push(...result.errors)
      defaults = result.loaded
      continue
    }
    const result = parseOverride(file, text, builtin)
    errors.push(...result.errors)
    if (result.loaded === undefined) continue
    const first = byEndpoint.get(result.loaded.override.endpoint)
    if (first !== undefined) {
      errors.push(
        new OverrideError({
          file,
          at: result.loaded.locate(["endpoint"]),
          path: "endpoint",
          message: `${result.loaded.override.endpoint} is already overridden by ${first}`,
          hint: "keep one file per endpoint: merge the two",
        }),
      )
      continue
    }
    byEndpoint.set(result.loaded.override.endpoint, file)
    endpoints.push(result.loaded)
  }
  return { overrides: { endpoints, defaults: defaults === undefined ? [] : [defaults] } satisfies LoadedOverrides, errors }
}

export interface LoadOptions {
  /** The shipped layer (lenient about endpoints and fields the spec lacks). */
  readonly builtin?: boolean
  /** Files are named `<label>/<path below dir>` (default: relative to the working directory). */
  readonly label?: string
  /** A missing folder is an error (it was named explicitly); otherwise it means no overrides. */
  readonly required?: boolean
}

/** Every override file under `dir` with its text and the name it is shown by, as `parseOverrides` takes them. */
export const readOverrideFiles = async (
  dir: string,
  options: LoadOptions = {},
): Promise<ReadonlyArray<{ readonly file: string; readonly text: string; readonly isDefaults: boolean }>> => {
  const shown = (path: string) =>
    options.label === undefined ? relative(process.cwd(), path) || path : `${options.label}/${relative(dir, path).split("\\").join("/")}`
  // A folder that cannot be listed, or a file that cannot be read, is an error naming it (never a crash).
  const paths = await listYaml(dir).catch((error: NodeJS.ErrnoException) => {
    const message = error.code === "ENOTDIR" ? "is a file, not a folder" : `cannot be listed (${error.code ?? error.message})`
    throw new OverrideError({
      file: options.label ?? (relative(process.cwd(), dir) || dir),
      at: "",
      path: "",
      message,
      hint: "--overrides names a folder of YAML files; a symbolic link loop or an unreadable folder below it also stops the listing",
    })
  })
  return Promise.all(
    paths.map(async (path) => {
      const file = shown(path)
      const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new OverrideError({
          file,
          at: "",
          path: "",
          message: `cannot be read (${error.code ?? error.message})`,
          hint: "fix or remove the file (a symbolic link that points nowhere or to itself?)",
        })
      })
      return { file, text, isDefaults: path === join(dir, DEFAULTS_FILE) }
    }),
  )
}

/** `readOverrideFiles` as an Effect whose failure is the located error (a folder or file that cannot be read). */
export const readOverrideFilesOrFail = (dir: string, options: LoadOptions = {}) =>
  Effect.tryPromise({
    try: () => readOverrideFiles(dir, options),
    catch: (error): ReadonlyArray<OverrideError> => [
      error instanceof OverrideError
        ? error
        : new OverrideError({
            file: dir,
            at: "",
            path: "",
            message: `cannot be read (${String(error)})`,
            hint: "check the folder's permissions",
          }),
    ],
  })

/** The error for a folder named explicitly that does not exist, if that is the case. */
export const missingFolder = (dir: string, options: LoadOptions): OverrideError | undefined =>
  options.required === true && !existsSync(dir)
    ? new OverrideError({
        file: dir,
        at: "",
        path: "",
        message: "the overrides folder does not exist",
        hint: "create it, or name another with --overrides / overrides in the config file",
      })
    : undefined

/** A `locate` for a file's text that parses the YAML only when first asked (for values validated earlier). */
export const lazyLocate = (text: string): Located["locate"] => {
  let locate: Located["locate"] | undefined
  return (path) => {
    if (locate === undefined) {
      const lineCounter = new LineCounter()
      const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
      locate = makeLocate(doc, (offset) => {
        const { line, col } = lineCounter.linePos(offset)
        return `${line}:${col}`
      })
    }
    return locate(path)
  }
}

/** Loads every override file under `dir` as one layer; fails with all errors at once. */
export const loadOverrides = (dir: string, options: LoadOptions = {}): Effect.Effect<LoadedOverrides, ReadonlyArray<OverrideError>> =>
  Effect.gen(function* () {
    const missing = missingFolder(dir, options)
    if (missing !== undefined) return yield* Effect.fail([missing])
    const files = yield* readOverrideFilesOrFail(dir, options)
    const { overrides, errors } = parseOverrides(files, options.builtin === true)
    if (errors.length > 0) return yield* Effect.fail(errors)
    return overrides
  })
