/**
 * Stage 3b: the templates in templates/, read and compiled once per run. The per-endpoint ones are
 * Handlebars and hold layout only: they interpolate precomputed views and never escape (`noEscape`),
 * because every value put into them is already a TypeScript fragment or a JSON.stringify'd literal. The
 * runtime is real TypeScript (templates/runtime/*.ts), type-checked where it is written; rendering it
 * only prepends the banner and rewrites its import specifiers: its own modules in the chosen extension
 * style, and the one import of `clientPlugins` to the app's client module.
 */
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import Handlebars from "handlebars"
import type { ImportExtension } from "../config.ts"
import { withExtension } from "../model/naming.ts"

export const TEMPLATE_NAMES = [
  "contract",
  "component",
  "handler",
  "index",
  "runtime/client",
  "runtime/error-codes",
  "runtime/errors",
  "runtime/handler",
  "runtime/schemas",
  "runtime/index",
  "server/contract",
  "server/handler",
  "server/group",
  "server/group-layer",
  "server/api",
  "server/layer",
  "server/runtime/errors",
  "server/runtime/server",
  "server/runtime/index",
] as const

export type TemplateName = (typeof TEMPLATE_NAMES)[number]
export type Templates = Readonly<Record<TemplateName, (view: object) => string>>

/** The file a template is read from: runtime modules are TypeScript, the rest Handlebars. */
export const templateFile = (name: TemplateName): string => (isRuntime(name) ? `${name}.ts` : `${name}.hbs`)

/** Runtime modules are TypeScript copied as they are; the rest are Handlebars. */
const isRuntime = (name: TemplateName) => name.startsWith("runtime/") || name.startsWith("server/runtime/")

/** What a runtime module needs filled in. */
export interface RuntimeView {
  readonly banner: string
  /** The client module's specifier, as seen from the runtime folder. */
  readonly clientModule: string
  /** The server module's specifier (it exports `authOptions`), as seen from the runtime folder. */
  readonly serverModule: string
  readonly importExtension: ImportExtension
  /** The declared error codes, sorted: they fill `BETTER_AUTH_ERROR_CODES` (runtime/error-codes.ts). */
  readonly errorCodes: ReadonlyArray<string>
}

const CLIENT_PLUGINS_IMPORT = /^(import \{ clientPlugins \} from )"[^"\n]*"/m
const AUTH_OPTIONS_IMPORT = /^(import type \{ authOptions \} from )"[^"\n]*"/m
const RELATIVE_SPECIFIER = /(from |import\()"(\.\.?\/[^"\n]*)"/g
const ERROR_CODES_LIST = /^(export const BETTER_AUTH_ERROR_CODES = )\[\]( as const)$/m

/**
 * A runtime module for the output: the banner, its own imports in the chosen style, the app's client
 * module, the declared error codes (one per line) in place of `BETTER_AUTH_ERROR_CODES = [] as const`.
 */
export const fillRuntime = (source: string, view: RuntimeView): string => {
  const relative = source.replace(
    RELATIVE_SPECIFIER,
    (_, keyword: string, specifier: string) => `${keyword}${JSON.stringify(withExtension(specifier, view.importExtension))}`,
  )
  const codes = view.errorCodes.length === 0 ? "[]" : `[\n${view.errorCodes.map((code) => `  ${JSON.stringify(code)},\n`).join("")}]`
  const filled = relative
    .replace(CLIENT_PLUGINS_IMPORT, (_, head: string) => `${head}${JSON.stringify(view.clientModule)}`)
    .replace(AUTH_OPTIONS_IMPORT, (_, head: string) => `${head}${JSON.stringify(view.serverModule)}`)
    .replace(ERROR_CODES_LIST, (_, head: string, tail: string) => `${head}${codes}${tail}`)
  return `${view.banner}\n${filled}`
}

/** Compiles template sources (name → text). */
export const compileTemplates = (sources: Readonly<Record<TemplateName, string>>): Templates => {
  const hbs = Handlebars.create()
  return Object.fromEntries(
    TEMPLATE_NAMES.map((name) =>
      isRuntime(name)
        ? [name, (view: object) => fillRuntime(sources[name], view as RuntimeView)]
        : [name, hbs.compile(sources[name], { noEscape: true, strict: true })],
    ),
  ) as Templates
}

/** The templates shipped with the generator. */
export const SHIPPED_TEMPLATES = join(import.meta.dirname, "..", "..", "templates")

const readIfExists = (path: string) =>
  readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined
    throw error
  })

/**
 * Reads every template: from `userDir` where it has one of that name (`handler.hbs`,
 * `runtime/client.ts`, …), else the shipped one. A `.hbs` or `.ts` file in `userDir` that replaces
 * nothing is an error, so a misspelt template name is not silently ignored.
 */
export const readTemplates = async (userDir?: string): Promise<Readonly<Record<TemplateName, string>>> => {
  if (userDir !== undefined) {
    const entries = await readdir(userDir, { recursive: true, encoding: "utf8" })
    const known = new Set<string>(TEMPLATE_NAMES.map(templateFile))
    const unknown = entries.map((e) => e.split("\\").join("/")).filter((e) => /\.(hbs|ts)$/.test(e) && !known.has(e))
    if (unknown.length > 0) throw new Error(`${unknown.join(", ")} replace no template (the names are ${[...known].join(", ")})`)
  }
  const read = async (name: TemplateName) => {
    const own = userDir === undefined ? undefined : await readIfExists(join(userDir, templateFile(name)))
    return [name, own ?? (await readFile(join(SHIPPED_TEMPLATES, templateFile(name)), "utf8"))] as const
  }
  return Object.fromEntries(await Promise.all(TEMPLATE_NAMES.map(read))) as Record<TemplateName, string>
}
