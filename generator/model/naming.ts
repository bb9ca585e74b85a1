/**
 * The one naming authority: every identifier, namespace, client call and file path of the output is
 * decided here. Other stages ask; they never build names themselves.
 */
import type { ImportExtension } from "../config.ts"
import type { Warning } from "../errors.ts"
import { pointer } from "../spec/pointer.ts"
import { IDENTIFIER } from "../text.ts"

/** `verify-totp` → `verifyTotp` (Better Auth's client does the same to each path segment). */
export const camelCase = (segment: string): string => segment.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** `multi-session` → `MultiSession`, `totp` → `Totp`. */
export const pascalCase = (segment: string): string => {
  const camel = camelCase(segment)
  return camel.charAt(0).toUpperCase() + camel.slice(1)
}

/**
 * The barrel namespace of a folder: PascalCase of its name, `_`-prefixed when the name starts with a
 * digit (`/1abc/x` is a client path, but `1abc` is no identifier).
 */
export const namespaceFor = (segment: string): string => {
  const pascal = pascalCase(segment)
  return /^[A-Za-z_$]/.test(pascal) ? pascal : `_${pascal}`
}

/** A path segment that can be a folder and a client property: lower-case letters, digits and dashes. */
export const isSafeSegment = (segment: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(segment)

/** The client's method chain for a path: `/two-factor/get-totp-uri` → `["twoFactor", "getTotpUri"]`. */
export const clientCallFor = (path: string): ReadonlyArray<string> => segmentsOf(path).map(camelCase)

/** Non-empty path segments. */
export const segmentsOf = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s.length > 0)

/** Default folder for an endpoint: its path segments (`/two-factor/verify-totp` → `two-factor/verify-totp`). */
export const defaultFolder = (path: string): ReadonlyArray<string> => segmentsOf(path)

/** Where an endpoint's files go and what its barrel namespace and span are called. */
export interface EndpointLayout {
  readonly folder: ReadonlyArray<string>
  readonly leaf: string
  readonly namespace: string
  readonly domain: string
  readonly feature: string
}

/**
 * The layout of one endpoint: the path's segments unless an override relocates it. The namespace is
 * PascalCase of the leaf, the span domain the folder's parent path and the feature the leaf, unless
 * overridden. Override values were validated (kebab-case folders, identifiers) when loaded.
 */
export const endpointLayout = (input: {
  readonly path: string
  readonly folder?: string | undefined
  readonly namespace?: string | undefined
  readonly domain?: string | undefined
  readonly feature?: string | undefined
}): EndpointLayout => {
  const folder = input.folder === undefined ? defaultFolder(input.path) : input.folder.split("/")
  const leaf = folder.at(-1)!
  return {
    folder,
    leaf,
    namespace: input.namespace ?? namespaceFor(leaf),
    domain: input.domain ?? folder.slice(0, -1).join("/"),
    feature: input.feature ?? leaf,
  }
}

/** File names inside an endpoint folder. */
export const endpointFiles = (folder: ReadonlyArray<string>) => {
  const leaf = folder.at(-1) ?? "root"
  const dir = folder.join("/")
  return {
    contract: `${dir}/${leaf}.contract.ts`,
    handler: `${dir}/${leaf}.handler.ts`,
    index: `${dir}/index.ts`,
    contractModule: `./${leaf}.contract.ts`,
    handlerModule: `./${leaf}.handler.ts`,
  }
}

/** The output folder's own package.json (module type, no side effects). */
export const OUTPUT_PACKAGE_JSON = "package.json"

/** The longest file or folder name most file systems take, in bytes. */
export const MAX_SEGMENT_BYTES = 255
/** The longest output-relative path the generator writes, in bytes (the output folder's own path comes on top). */
export const MAX_PATH_BYTES = 1024

/** Why an output-relative path cannot be written on common file systems, or undefined when it can. */
export const pathFault = (path: string): string | undefined => {
  const bytes = (text: string) => Buffer.byteLength(text, "utf8")
  const long = path.split("/").find((segment) => bytes(segment) > MAX_SEGMENT_BYTES)
  if (long !== undefined)
    return `the file or folder name ${JSON.stringify(long.length > 40 ? `${long.slice(0, 40)}…` : long)} is ${bytes(long)} bytes long; file systems take at most ${MAX_SEGMENT_BYTES}`
  if (bytes(path) > MAX_PATH_BYTES)
    return `the output path ${JSON.stringify(`${path.slice(0, 40)}…`)} is ${bytes(path)} bytes long; the generator writes paths of at most ${MAX_PATH_BYTES}`
  return undefined
}

/** Where shared component schemas live. */
export const COMMON_FOLDER = "_common"
/** Where the runtime (handler factory, errors, client service) lives. */
export const RUNTIME_FOLDER = "_runtime"
/** The root barrel's namespaces for `_common/` and `_runtime/`. */
export const COMMON_NAMESPACE = "Common"
export const RUNTIME_NAMESPACE = "Runtime"
/** Names the root barrel uses for itself. */
export const ROOT_NAMESPACES: ReadonlySet<string> = new Set([COMMON_NAMESPACE, RUNTIME_NAMESPACE])
/** Names an endpoint folder's barrel exports. */
export const ENDPOINT_EXPORTS: ReadonlySet<string> = new Set(["Payload", "Success", "Handler"])
/** The runtime's schema for answer dates (a `Date` from the client, or an ISO string). */
export const DATE_SCHEMA = "ClientDate"

/** Component `OauthClient` → file `_common/oauth-client.ts`. */
export const componentFile = (name: string): string =>
  `${COMMON_FOLDER}/${name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .toLowerCase()}.ts`

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
)

/** A valid, non-reserved TypeScript identifier. */
export const isIdentifier = (name: string): boolean => IDENTIFIER.test(name) && !RESERVED.has(name)

/** A component class name: PascalCase of the component key, made a valid identifier. */
export const componentIdentifier = (name: string): string => {
  const cleaned = name.replace(/[^A-Za-z0-9_$]+/g, "_")
  const pascal = cleaned.charAt(0).toUpperCase() + cleaned.slice(1)
  return isIdentifier(pascal) ? pascal : `_${pascal}`
}

/** A specifier of a `.ts` file written in the chosen style: `./email.contract.ts` → `./email.contract.js`. */
export const withExtension = (specifier: string, extension: ImportExtension): string => {
  if (!/\.(ts|tsx|mts)$/.test(specifier) || specifier.endsWith(".d.ts")) return specifier
  const base = specifier.replace(/\.(ts|tsx|mts)$/, "")
  const js = specifier.endsWith(".mts") ? ".mjs" : ".js"
  return extension === "none" ? base : extension === ".ts" ? specifier : `${base}${js}`
}

/** The type a recursive component is encoded as: `Node` → `NodeEncoded` (reserved by `componentNames`). */
/**
 * The identifier of a `Schema.Class` (its name at runtime, in errors and in JSON Schema): the prefix
 * (trailing `/` ignored), then the class's path, e.g. `@better-auth-effect/two-factor/totp/verify/Payload`
 * for an endpoint (its folder, then `Payload`) or `@better-auth-effect/User` for a component.
 */
export const classIdentifier = (prefix: string, path: ReadonlyArray<string>): string => {
  const base = prefix.replace(/\/+$/, "")
  return base === "" ? path.join("/") : `${base}/${path.join("/")}`
}

export const encodedIdentifier = (identifier: string): string => `${identifier}Encoded`

/** Relative import specifier from one output file to another (both relative to the output folder). */
export const relativeImport = (fromFile: string, toFile: string): string => {
  const from = fromFile.split("/").slice(0, -1)
  const to = toFile.split("/")
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  const up = from.length - common
  const rest = to.slice(common).join("/")
  return up === 0 ? `./${rest}` : `${"../".repeat(up)}${rest}`
}

/**
 * The key a property is printed under: bare when it is an identifier, else a JSON string. `__proto__`
 * is computed (`["__proto__"]`): as a plain or quoted key an object literal would set its prototype
 * instead of declaring a field.
 */
export const propertyKey = (name: string): string =>
  name === "__proto__" ? `[${JSON.stringify(name)}]` : IDENTIFIER.test(name) ? name : JSON.stringify(name)

/**
 * Identifiers the generated modules declare or import besides components: a component of one of these
 * names would clash with them (`Payload` in a contract that imports it, `Schema` everywhere).
 */
const GENERATED_IDENTIFIERS: ReadonlyArray<string> = [...ENDPOINT_EXPORTS, "Schema", "Effect", DATE_SCHEMA, "ReadonlyArray"]
/** Files of `_common/` the generator writes itself. */
const GENERATED_FILES: ReadonlyArray<string> = [`${COMMON_FOLDER}/index.ts`]

/**
 * Makes component identifiers and files unique, in name order: a name that differs from another only in
 * case or punctuation (`User`, `user`), equals an identifier the generated code uses (`Payload`), would
 * take another's `…Encoded` type, or a file the generator writes (`index`), gets the smallest free
 * numeric suffix and a `naming-collision` warning.
 */
export const uniqueComponentNames = <
  C extends { readonly name: string; readonly identifier: string; readonly file: string; readonly definedBy: string | undefined },
>(
  components: ReadonlyArray<C>,
  warn: (warning: Warning) => void,
): ReadonlyArray<C> => {
  const identifiers = new Map<string, string>(GENERATED_IDENTIFIERS.map((id) => [id, `the generated ${id}`]))
  const files = new Map<string, string>(GENERATED_FILES.map((file) => [file, `the generated ${file}`]))
  return components.map((component) => {
    const identifierAt = (suffix: number) => component.identifier + (suffix > 1 ? suffix : "")
    const fileAt = (suffix: number) => component.file.replace(/\.ts$/, suffix > 1 ? `-${suffix}.ts` : ".ts")
    const clash = (suffix: number) =>
      identifiers.get(identifierAt(suffix)) ??
      identifiers.get(encodedIdentifier(identifierAt(suffix))) ??
      files.get(fileAt(suffix).toLowerCase())
    let suffix = 1
    const first = clash(suffix)
    while (clash(suffix) !== undefined) suffix++
    const identifier = identifierAt(suffix)
    const file = fileAt(suffix)
    if (first !== undefined) {
      const where =
        component.definedBy === undefined
          ? { at: pointer("components", "schemas", component.name) }
          : { at: pointer("shared", component.name), file: component.definedBy }
      warn({
        code: "naming-collision",
        ...where,
        message: `"${component.name}" would be named like ${first}; it is ${identifier} in ${file}`,
      })
    }
    const owner = `"${component.name}"`
    identifiers.set(identifier, owner)
    identifiers.set(encodedIdentifier(identifier), owner)
    files.set(file.toLowerCase(), owner)
    return { ...component, identifier, file }
  })
}
