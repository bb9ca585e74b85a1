/**
 * Browser bundles of the SDK with esbuild (platform browser, ESM, minified), and the check that a bundle
 * holds no server code: node builtins, server-only packages and the server entry points of Better Auth
 * and its plugins. Used by the bundle test, the real-browser test and the bench.
 */
import { builtinModules } from "node:module"
import { join } from "node:path"
import { build, type Metafile, type Plugin } from "esbuild"

export const ROOT = join(import.meta.dirname, "..", "..")

/** The SDK's entry: what an app imports. */
export const SDK_ENTRY = "generated/index.ts"

export type BundleInput =
  /** A file, relative to the project root. */
  | { readonly entry: string }
  /** Source text (an app), resolved from `resolveDir`. */
  | { readonly contents: string; readonly resolveDir: string }

export interface Bundle {
  readonly code: string
  readonly bytes: number
  readonly metafile: Metafile
  /** The entry's path as the metafile names it (relative to the project root). */
  readonly entry: string
}

const BUILTINS = new Set(builtinModules)
const isBuiltin = (specifier: string) => specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0] ?? "")

/**
 * Node builtins stay external (instead of failing the build with esbuild's own error), so the metafile
 * records who imports them and the check can name the whole import chain.
 */
const builtinsExternal: Plugin = {
  name: "node-builtins-external",
  setup: (context) => {
    context.onResolve({ filter: /.*/ }, (args) => (isBuiltin(args.path) ? { path: args.path, external: true } : undefined))
  },
}

const STDIN_NAME = "<app>"

/** Bundles for the browser; fails with esbuild's messages if the build fails. */
export const bundleForBrowser = async (input: BundleInput, options: { readonly minify?: boolean } = {}): Promise<Bundle> => {
  const result = await build({
    ...("entry" in input
      ? { entryPoints: [input.entry] }
      : { stdin: { contents: input.contents, resolveDir: input.resolveDir, sourcefile: STDIN_NAME, loader: "ts" } }),
    absWorkingDir: ROOT,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: options.minify ?? true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [builtinsExternal],
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error("esbuild wrote no output")
  return {
    code: output.text,
    bytes: output.contents.byteLength,
    metafile: result.metafile,
    entry: "entry" in input ? input.entry : STDIN_NAME,
  }
}

/** Packages that are server code as a whole (any file of theirs in a browser bundle is a fault). */
export const SERVER_PACKAGES: ReadonlyArray<string> = [
  "stripe",
  "kysely",
  "@better-auth/scim",
  "@better-auth/kysely-adapter",
  "@better-auth/drizzle-adapter",
  "@better-auth/prisma-adapter",
  "@better-auth/mongo-adapter",
  "@simplewebauthn/server",
  "samlify",
  "xml-crypto",
  "node-rsa",
]

/** Better Auth packages whose every entry point is shared by client and server. */
const SHARED_BETTER_AUTH_PACKAGES = new Set(["@better-auth/core", "@better-auth/utils"])

const packageOf = (specifier: string): { readonly name: string; readonly subpath: string } => {
  const parts = specifier.split("/")
  const size = specifier.startsWith("@") ? 2 : 1
  return { name: parts.slice(0, size).join("/"), subpath: parts.slice(size).join("/") }
}

/**
 * Why an import specifier is server-only, or undefined. Server entry points: `better-auth` and its
 * subpaths outside `client` (`better-auth/plugins`, `better-auth/api`, adapters), a `@better-auth/*`
 * plugin package's entries other than `…/client`, and `better-call`'s router (its `error` and `client`
 * entries are shared).
 */
export const serverOnlySpecifier = (specifier: string): string | undefined => {
  if (isBuiltin(specifier)) return "node builtin"
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined
  const { name, subpath } = packageOf(specifier)
  if (SERVER_PACKAGES.includes(name)) return "server-only package"
  const clientEntry = subpath.split("/").includes("client")
  if (name === "better-auth" && !clientEntry) return "Better Auth server entry point"
  if (name.startsWith("@better-auth/") && !SHARED_BETTER_AUTH_PACKAGES.has(name) && !clientEntry) return "plugin server entry point"
  if (name === "better-call" && subpath !== "error" && subpath !== "client") return "Better Auth's server router"
  return undefined
}

/** The package a bundled file belongs to (`node_modules/<name>/…`), or undefined for project files. */
const packageOfPath = (path: string): string | undefined => {
  const at = path.lastIndexOf("node_modules/")
  return at === -1 ? undefined : packageOf(path.slice(at + "node_modules/".length)).name
}

export interface Offense {
  /** The specifier as written, e.g. `node:crypto`, `stripe`, `better-auth/plugins`. */
  readonly what: string
  readonly reason: string
  /** From the entry to the offending import: file, file, …, specifier. */
  readonly chain: ReadonlyArray<string>
}

/**
 * Every server-only import in a bundle, each with its shortest import chain from the entry
 * (breadth-first over the metafile's import graph). The walk stops at each offending import: what a
 * server package imports in turn (its builtins, its own dependencies) is not reported again.
 */
export const serverOnlyImports = (bundle: Bundle): ReadonlyArray<Offense> => {
  const inputs = bundle.metafile.inputs
  const parent = new Map<string, string | undefined>([[bundle.entry, undefined]])
  const chainTo = (file: string): Array<string> => {
    const chain: Array<string> = []
    for (let at: string | undefined = file; at !== undefined; at = parent.get(at)) chain.unshift(at)
    return chain
  }
  const found = new Map<string, Offense>()
  const queue = [bundle.entry]
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!
    for (const imported of inputs[file]?.imports ?? []) {
      const specifier = imported.original ?? imported.path
      const owner = imported.external === true ? undefined : packageOfPath(imported.path)
      const reason =
        serverOnlySpecifier(specifier) ?? (owner !== undefined && SERVER_PACKAGES.includes(owner) ? "server-only package" : undefined)
      if (reason !== undefined) {
        if (!found.has(specifier)) found.set(specifier, { what: specifier, reason, chain: [...chainTo(file), specifier] })
        continue
      }
      if (imported.external === true || parent.has(imported.path) || inputs[imported.path] === undefined) continue
      parent.set(imported.path, file)
      queue.push(imported.path)
    }
  }
  return [...found.values()]
}

/** One line: `stripe (server-only package): generated/index.ts → … → better-auth.config.ts → stripe`. */
export const describeOffense = (offense: Offense): string => `${offense.what} (${offense.reason}): ${offense.chain.join(" → ")}`
