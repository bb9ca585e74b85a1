/**
 * Stage 3b: the Handlebars templates in templates/, read and compiled once per run. Templates hold
 * layout only: they interpolate precomputed views and never escape (`noEscape`), because every value
 * put into them is already a TypeScript fragment or a JSON.stringify'd literal.
 */
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import Handlebars from "handlebars"

export const TEMPLATE_NAMES = [
  "contract",
  "component",
  "handler",
  "index",
  "runtime/client",
  "runtime/errors",
  "runtime/handler",
  "runtime/schemas",
  "runtime/index",
] as const

export type TemplateName = (typeof TEMPLATE_NAMES)[number]
export type Templates = Readonly<Record<TemplateName, (view: object) => string>>

/** Compiles template sources (name → text). */
export const compileTemplates = (sources: Readonly<Record<TemplateName, string>>): Templates => {
  const hbs = Handlebars.create()
  return Object.fromEntries(
    TEMPLATE_NAMES.map((name) => [name, hbs.compile(sources[name], { noEscape: true, strict: true })]),
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
 * `runtime/client.hbs`, …), else the shipped one. A `.hbs` file in `userDir` that replaces nothing is
 * an error, so a misspelt template name is not silently ignored.
 */
export const readTemplates = async (userDir?: string): Promise<Readonly<Record<TemplateName, string>>> => {
  if (userDir !== undefined) {
    const entries = await readdir(userDir, { recursive: true, encoding: "utf8" })
    const known = new Set<string>(TEMPLATE_NAMES.map((name) => `${name}.hbs`))
    const unknown = entries.map((e) => e.split("\\").join("/")).filter((e) => e.endsWith(".hbs") && !known.has(e))
    if (unknown.length > 0) throw new Error(`${unknown.join(", ")} replace no template (the names are ${[...known].join(", ")})`)
  }
  const read = async (name: TemplateName) => {
    const own = userDir === undefined ? undefined : await readIfExists(join(userDir, `${name}.hbs`))
    return [name, own ?? (await readFile(join(SHIPPED_TEMPLATES, `${name}.hbs`), "utf8"))] as const
  }
  return Object.fromEntries(await Promise.all(TEMPLATE_NAMES.map(read))) as Record<TemplateName, string>
}
