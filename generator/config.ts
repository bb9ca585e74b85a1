/**
 * The CLI's configuration: `better-auth-codegen.config.ts` (or the file `--config` names) exports
 * `defineConfig({...})`; flags override it. Paths in the file are relative to the file, paths in flags
 * to the working directory. Validated by hand with node builtins only, so the no-op fast path stays
 * light; every fault is one line naming the file and the key.
 */
import { existsSync, statSync } from "node:fs"
import { dirname, isAbsolute, relative, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { suggest } from "./suggest.ts"

/**
 * How relative import specifiers end. `.js` (the default) works with `moduleResolution` `bundler`,
 * `node16`/`nodenext` and every bundler, without `allowImportingTsExtensions`; `.ts` needs that option;
 * `none` only suits `bundler` resolution.
 */
export type ImportExtension = ".js" | ".ts" | "none"

export const IMPORT_EXTENSIONS: ReadonlyArray<ImportExtension> = [".js", ".ts", "none"]

/** The formatters the output can go through: oxfmt (default, prettier's bytes) or prettier itself. */
export const FORMATTERS = ["oxfmt", "prettier"] as const
export type FormatterName = (typeof FORMATTERS)[number]
export const DEFAULT_FORMATTER: FormatterName = "oxfmt"

/**
 * What every `Schema.Class` identifier starts with (`"@better-auth-effect/two-factor/totp/verify/Payload"`):
 * package-qualified, as Effect's own identifiers are (`"@effect/..."`), so classes of two SDKs never
 * share one. `""` leaves the bare path.
 */
export const DEFAULT_IDENTIFIER_PREFIX = "@better-auth-effect"

/**
 * What `generate` writes: the browser client (Better Auth client calls) and the server (an Effect
 * `HttpApi` served through Better Auth's handler), each into its own folder.
 */
export const TARGETS = ["client", "server"] as const
export type TargetName = (typeof TARGETS)[number]

export const isTargetName = (name: unknown): name is TargetName => (TARGETS as ReadonlyArray<unknown>).includes(name)

/** The server output's folder when none is set: the client's, suffixed (`generated` → `generated-server`). */
export const defaultServerOut = (out: string): string => `${out.replace(/[\\/]+$/, "")}-server`

export const isFormatterName = (name: string): name is FormatterName => (FORMATTERS as ReadonlyArray<string>).includes(name)

/** What a user sets. Every key is optional. */
export interface CodegenConfig {
  /** The OpenAPI document `bun run spec` writes and `generate` reads. Default `better-auth-api-spec.json`. */
  readonly spec?: string
  /** Your override YAML folder (strict: an override for an endpoint the spec lacks is an error). Default `overrides`. */
  readonly overrides?: string
  /**
   * Apply the overrides shipped with the generator (corrections of Better Auth's document and the
   * feature layout) to the endpoints your spec has. Default `true`.
   */
  readonly builtinOverrides?: boolean
  /** The client output folder. Default `generated`. */
  readonly out?: string
  /** The server output folder. Default: the client's with `-server` appended (`generated-server`). */
  readonly serverOut?: string
  /** Which outputs `generate` writes: `["client", "server"]` (default), or one of them. */
  readonly targets?: ReadonlyArray<TargetName>
  /** Templates replacing shipped ones by name. */
  readonly templates?: string
  /**
   * The module exporting `clientPlugins` (your Better Auth client plugins): a path, or a package
   * specifier such as `@app/auth-client`. The SDK imports only this module. Default `better-auth.client.ts`.
   */
  readonly clientModule?: string
  /** How relative imports in the output end: `.js` (default; bundler and NodeNext), `.ts`, or `none`. */
  readonly importExtension?: ImportExtension
  /**
   * The formatter: `oxfmt` (default; native, makes prettier's bytes for this output) or `prettier`.
   * Either uses the prettier config that applies to the output folder.
   */
  readonly formatter?: FormatterName
  /**
   * What `Schema.Class` identifiers start with, joined to the class's path by `/`:
   * `"@acme/auth"` gives `"@acme/auth/two-factor/totp/verify/Payload"`. Default `"@better-auth-effect"`;
   * `""` for bare paths.
   */
  readonly identifierPrefix?: string
  /**
   * The module exporting `authOptions` (your Better Auth server options): `bun run spec` builds the
   * server from it, and the server output takes `auth.api`'s types from it. Default `better-auth.config.ts`.
   */
  readonly serverModule?: string
}

/** Types the config file's object; returns it unchanged. */
export const defineConfig = (config: CodegenConfig): CodegenConfig => config

export const DEFAULT_CONFIG_FILE = "better-auth-codegen.config.ts"

/** The configuration after file and flags: paths relative to the working directory (absolute outside it). */
export interface ResolvedConfig {
  /** The config file read, if any. */
  readonly file: string | undefined
  readonly spec: string
  readonly overrides: string
  /** Whether `overrides` was named explicitly (a missing folder is then an error). */
  readonly overridesExplicit: boolean
  readonly builtinOverrides: boolean
  readonly out: string
  readonly serverOut: string
  /** The outputs to write, in this order, without repeats. */
  readonly targets: ReadonlyArray<TargetName>
  readonly templates: string | undefined
  /** An absolute path, or a package specifier. */
  readonly clientModule: string
  readonly importExtension: ImportExtension
  readonly formatter: FormatterName
  readonly identifierPrefix: string
  readonly serverModule: string
}

/** A fault in the configuration: one line, naming the file and the key. */
export class ConfigError extends Error {
  override readonly name = "ConfigError"
}

type Keys = { readonly [K in keyof CodegenConfig]-?: "string" | "boolean" | "extension" | "formatter" | "prefix" | "targets" }
const KEYS: Keys = {
  spec: "string",
  overrides: "string",
  builtinOverrides: "boolean",
  out: "string",
  serverOut: "string",
  targets: "targets",
  templates: "string",
  clientModule: "string",
  importExtension: "extension",
  formatter: "formatter",
  identifierPrefix: "prefix",
  serverModule: "string",
}

/** Whether a client module names a package (`@app/auth`, `auth-client`) rather than a file. */
export const isPackageSpecifier = (specifier: string): boolean =>
  !specifier.startsWith(".") && !isAbsolute(specifier) && !/\.(m?[jt]sx?)$/.test(specifier)

/**
 * Why a value cannot be an identifier prefix, if it cannot: it must be a string on one line (it is
 * printed inside a string literal, so any other character is safe), possibly empty.
 */
export const prefixFault = (value: unknown): string | undefined =>
  typeof value !== "string"
    ? `expected a string such as "@acme/auth" (or "" for none), got ${JSON.stringify(value)}`
    : // Control characters are what this rejects.
      // oxlint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f\u2028\u2029]/u.test(value)
      ? `expected one line without control characters, got ${JSON.stringify(value)}`
      : undefined

/** Why a value cannot be the list of targets, if it cannot. */
const targetsFault = (value: unknown): string | undefined =>
  !Array.isArray(value) || value.length === 0 || !value.every(isTargetName)
    ? `expected a non-empty list of ${TARGETS.map((t) => JSON.stringify(t)).join(", ")}, got ${JSON.stringify(value)}`
    : undefined

/** Checks a config object; every fault becomes a ConfigError naming `file` and the key. */
export const validateConfig = (file: string, value: unknown): CodegenConfig => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ConfigError(`${file}: the default export is not an object (export default defineConfig({ ... }))`)
  const known = Object.keys(KEYS)
  for (const [key, item] of Object.entries(value)) {
    const kind = KEYS[key as keyof CodegenConfig]
    if (kind === undefined) {
      const near = suggest(key, known)
      throw new ConfigError(
        `${file}: ${key}: unknown key${near === undefined ? ` (allowed: ${known.join(", ")})` : ` (did you mean "${near}"?)`}`,
      )
    }
    if (item === undefined) continue
    if (kind === "extension") {
      if (!IMPORT_EXTENSIONS.includes(item as ImportExtension))
        throw new ConfigError(
          `${file}: ${key}: expected ${IMPORT_EXTENSIONS.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(item)}`,
        )
      continue
    }
    if (kind === "formatter") {
      if (typeof item !== "string" || !isFormatterName(item))
        throw new ConfigError(
          `${file}: ${key}: expected ${FORMATTERS.map((f) => JSON.stringify(f)).join(" or ")}, got ${JSON.stringify(item)}`,
        )
      continue
    }
    if (kind === "targets") {
      const fault = targetsFault(item)
      if (fault !== undefined) throw new ConfigError(`${file}: ${key}: ${fault}`)
      continue
    }
    if (kind === "prefix") {
      const fault = prefixFault(item)
      if (fault !== undefined) throw new ConfigError(`${file}: ${key}: ${fault}`)
      continue
    }
    if (typeof item !== kind || (kind === "string" && (item as string).trim() === ""))
      throw new ConfigError(`${file}: ${key}: expected a ${kind === "string" ? "non-empty string" : kind}, got ${JSON.stringify(item)}`)
  }
  return value as CodegenConfig
}

/** A path as messages show it: relative to the working directory, or absolute outside it. */
const shown = (path: string): string => {
  const rel = relative(process.cwd(), path)
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel
}

/** Reads a config file (TypeScript or JavaScript, default export). */
export const readConfigFile = async (file: string): Promise<CodegenConfig> => {
  if (!existsSync(file)) throw new ConfigError(`${shown(file)}: config file not found`)
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown }
  } catch (error) {
    throw new ConfigError(`${shown(file)}: cannot load (${String((error as Error).message ?? error).split("\n")[0]})`)
  }
  return validateConfig(shown(file), module.default)
}

/** Flags that can override the file. */
export interface ConfigFlags {
  readonly config?: string | undefined
  readonly spec?: string | undefined
  readonly overrides?: string | undefined
  readonly out?: string | undefined
  readonly "server-out"?: string | undefined
  readonly target?: ReadonlyArray<string> | undefined
  readonly templates?: string | undefined
  readonly "client-module"?: string | undefined
  readonly "import-extension"?: string | undefined
  readonly formatter?: string | undefined
  readonly "no-builtin-overrides"?: boolean | undefined
  readonly "identifier-prefix"?: string | undefined
}

/**
 * File, then flags, then defaults. The config file is `--config`, or `better-auth-codegen.config.ts`
 * in the working directory when it exists.
 */
export const resolveConfig = async (flags: ConfigFlags): Promise<ResolvedConfig> => {
  const cwd = process.cwd()
  const file =
    flags.config !== undefined ? resolve(flags.config) : existsSync(resolve(DEFAULT_CONFIG_FILE)) ? resolve(DEFAULT_CONFIG_FILE) : undefined
  const config = file === undefined ? {} : await readConfigFile(file)
  const base = file === undefined ? cwd : dirname(file)
  const fromFile = (value: string | undefined) => (value === undefined ? undefined : resolve(base, value))
  const fromFlag = (value: string | undefined) => (value === undefined ? undefined : resolve(cwd, value))
  const extension = flags["import-extension"] ?? config.importExtension ?? ".js"
  if (!IMPORT_EXTENSIONS.includes(extension as ImportExtension))
    throw new ConfigError(`--import-extension: expected ${IMPORT_EXTENSIONS.join(", ")}, got ${JSON.stringify(extension)}`)
  const formatter = flags.formatter ?? config.formatter ?? DEFAULT_FORMATTER
  if (!isFormatterName(formatter))
    throw new ConfigError(`--formatter: expected ${FORMATTERS.join(" or ")}, got ${JSON.stringify(formatter)}`)
  const identifierPrefix = flags["identifier-prefix"] ?? config.identifierPrefix ?? DEFAULT_IDENTIFIER_PREFIX
  const prefixProblem = prefixFault(identifierPrefix)
  if (prefixProblem !== undefined) throw new ConfigError(`--identifier-prefix: ${prefixProblem}`)
  const clientModule = flags["client-module"] ?? config.clientModule
  const clientBase = flags["client-module"] !== undefined ? cwd : base
  const resolvedClient =
    clientModule === undefined
      ? resolve(base, "better-auth.client.ts")
      : isPackageSpecifier(clientModule)
        ? clientModule
        : resolve(clientBase, clientModule)
  if (!isPackageSpecifier(resolvedClient) && !(existsSync(resolvedClient) && statSync(resolvedClient).isFile())) {
    const where =
      flags["client-module"] !== undefined
        ? "--client-module"
        : file === undefined
          ? "clientModule (default)"
          : `${relative(cwd, file)}: clientModule`
    throw new ConfigError(
      `${where}: ${relative(cwd, resolvedClient)} does not exist (a module exporting clientPlugins, e.g. better-auth.client.ts)`,
    )
  }
  const targets = flags.target !== undefined && flags.target.length > 0 ? flags.target : (config.targets ?? TARGETS)
  const targetProblem = targetsFault(targets)
  if (targetProblem !== undefined) throw new ConfigError(`--target: ${targetProblem}`)
  const out = fromFlag(flags.out) ?? fromFile(config.out) ?? resolve(base, "generated")
  const serverOut = fromFlag(flags["server-out"]) ?? fromFile(config.serverOut) ?? defaultServerOut(out)
  // Each output folder is the generator's alone: one inside the other would delete the other's files.
  const within = (a: string, b: string) => !relative(a, b).startsWith("..") && !isAbsolute(relative(a, b))
  if (targets.includes("client") && targets.includes("server") && (within(out, serverOut) || within(serverOut, out)))
    throw new ConfigError(
      `${flags["server-out"] !== undefined ? "--server-out" : "serverOut"}: ${shown(serverOut)} and the client output ${shown(out)} must be separate folders (neither inside the other)`,
    )
  const overrides = fromFlag(flags.overrides) ?? fromFile(config.overrides)
  const templates = fromFlag(flags.templates) ?? fromFile(config.templates)
  return {
    file,
    spec: shown(fromFlag(flags.spec) ?? fromFile(config.spec) ?? resolve(base, "better-auth-api-spec.json")),
    overrides: shown(overrides ?? resolve(base, "overrides")),
    overridesExplicit: overrides !== undefined,
    builtinOverrides: flags["no-builtin-overrides"] === true ? false : (config.builtinOverrides ?? true),
    out: shown(out),
    serverOut: shown(serverOut),
    targets: TARGETS.filter((t) => (targets as ReadonlyArray<string>).includes(t)),
    templates: templates === undefined ? undefined : shown(templates),
    clientModule: resolvedClient,
    importExtension: extension as ImportExtension,
    formatter,
    identifierPrefix,
    serverModule: fromFile(config.serverModule) ?? resolve(base, "better-auth.config.ts"),
  }
}
