/**
 * Stage 1c: read every override YAML file, validate it against its Effect Schema, and collect every
 * error (syntax, unknown key, wrong type, duplicate endpoint) with file:line:column before failing.
 * `_defaults.yaml` at the root holds global rules and shared schemas; every other file is one endpoint's.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { relative } from "node:path"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { OverrideError } from "../errors.ts"
import { suggest } from "../suggest.ts"
import { isDefaultsFile, listYaml, shownName } from "./files.ts"
import type { StatedReasons } from "./reasons.ts"
import { DefaultsFile, KNOWN_KEYS, OverrideFile } from "./schema.ts"
import { type FileKind, lazyLocate, type Locate, type Path, readSyntax, type Syntax } from "./syntax.ts"

export { lazyLocate, MAX_ALIAS_COUNT, MAX_OVERRIDE_CHARS } from "./syntax.ts"

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
  /** What its comments say (see Syntax). */
  readonly reasons?: Extract<Syntax, { ok: true }>["reasons"]
  readonly locate: Locate
  readonly errors: ReadonlyArray<OverrideError>
}

/** Validators built once: unknown keys are errors, and every issue of a file is reported. */
const validatorOf = <S extends Schema.Decoder<unknown>>(schema: S) =>
  Schema.toStandardSchemaV1(schema, { parseOptions: { onExcessProperty: "error", errors: "all" } })
const OVERRIDE_VALIDATOR = validatorOf(OverrideFile)
const DEFAULTS_VALIDATOR = validatorOf(DefaultsFile)

const parseWith = <A>(
  file: string,
  text: string,
  validator: typeof OVERRIDE_VALIDATOR | typeof DEFAULTS_VALIDATOR,
  keysAt: (path: Path) => ReadonlyArray<string>,
  kind: FileKind,
  read_: ReturnType<typeof readSyntax> | undefined,
): Parsed<A> => {
  const read = read_ ?? readSyntax(text, kind)
  const { syntax, locate } = read
  if (!syntax.ok) return { locate, errors: syntax.problems.map((p) => new OverrideError({ file, path: "", ...p })) }
  const value = syntax.value
  const result = validator["~standard"].validate(value)
  if (result instanceof Promise) throw new Error("override validation must be synchronous")
  if (result.issues === undefined) return { value: result.value as A, reasons: syntax.reasons, locate, errors: [] }
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

const parseFile = <A, R, L>(parsed: Parsed<A>, make: (value: A, reasons: R) => L): ParsedFile<L> =>
  parsed.value === undefined ? { errors: parsed.errors } : { loaded: make(parsed.value, parsed.reasons as R), errors: [] }

/** A file's syntax read elsewhere (a worker, see prefetch.ts): its positions are parsed again only when asked. */
const readElsewhere = (text: string, syntax: Syntax | undefined) =>
  syntax === undefined ? undefined : { syntax, locate: lazyLocate(text) }

/**
 * Parses and validates one endpoint override file's text. Pure; returns the override or every error in
 * it. `syntax`: the file already read up to validation (readSyntax), by a worker.
 */
export const parseOverride = (file: string, text: string, builtin = false, syntax?: Syntax): ParsedFile<LoadedOverride> => {
  const parsed = parseWith<OverrideFile>(file, text, OVERRIDE_VALIDATOR, overrideKeysAt, "endpoint", readElsewhere(text, syntax))
  return parseFile(parsed, (override, reasons: StatedReasons) => ({ file, override, reasons, locate: parsed.locate, builtin }))
}

/** Parses and validates the defaults file's text (`syntax` as for parseOverride). */
export const parseDefaults = (file: string, text: string, builtin = false, syntax?: Syntax): ParsedFile<LoadedDefaults> => {
  const parsed = parseWith<DefaultsFile>(file, text, DEFAULTS_VALIDATOR, defaultsKeysAt, "defaults", readElsewhere(text, syntax))
  return parseFile(parsed, (defaults, reasons: Readonly<Record<string, string>>) => ({
    file,
    defaults,
    reasons,
    locate: parsed.locate,
    builtin,
  }))
}

/**
 * Parses one layer's files (pure): `files` maps the path shown to the user to its text. `syntaxes`, when
 * given, holds each file already read up to validation (by index; see prefetch.ts).
 */
export const parseOverrides = (
  files: ReadonlyArray<{ readonly file: string; readonly text: string; readonly isDefaults: boolean }>,
  builtin = false,
  syntaxes?: ReadonlyArray<Syntax>,
) => {
  const errors: Array<OverrideError> = []
  const endpoints: Array<LoadedOverride> = []
  let defaults: LoadedDefaults | undefined
  const byEndpoint = new Map<string, string>()
  for (const [index, { file, text, isDefaults }] of files.entries()) {
    const syntax = syntaxes?.[index]
    if (isDefaults) {
      const result = parseDefaults(file, text, builtin, syntax)
      errors.push(...result.errors)
      defaults = result.loaded
      continue
    }
    const result = parseOverride(file, text, builtin, syntax)
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
      const file = shownName(dir, path, options.label)
      const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new OverrideError({
          file,
          at: "",
          path: "",
          message: `cannot be read (${error.code ?? error.message})`,
          hint: "fix or remove the file (a symbolic link that points nowhere or to itself?)",
        })
      })
      return { file, text, isDefaults: isDefaultsFile(dir, path) }
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
