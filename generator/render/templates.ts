/**
 * Stage 3b: the Handlebars templates in templates/, read and compiled once per run. Templates hold
 * layout only: they interpolate precomputed views and never escape (`noEscape`), because every value
 * put into them is already a TypeScript fragment or a JSON.stringify'd literal.
 */
import { readFile } from "node:fs/promises"
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

/** Reads every template from a folder (`templates/` by default). */
export const readTemplates = async (dir: string): Promise<Readonly<Record<TemplateName, string>>> =>
  Object.fromEntries(
    await Promise.all(TEMPLATE_NAMES.map(async (name) => [name, await readFile(join(dir, `${name}.hbs`), "utf8")] as const)),
  ) as Record<TemplateName, string>
