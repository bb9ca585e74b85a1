/**
 * The generator's contract under random input: mutate the real document and the real override files
 * (types swapped, keys deleted or renamed, strange names and strings, refs redirected, deep nesting,
 * duplicated paths, broken syntax) and run the pipeline in process (parse, validate, generate, format).
 * Every case must end in exactly one of two ways: accepted (files, type-checked later in one batch) or
 * rejected with errors that each name a file and a place. An exception is the forbidden third outcome.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { Effect, Exit } from "effect"
import fc from "fast-check"
import { parse as parseYaml, stringify as stringifyYaml } from "yaml"
import { clientModuleFor, renderSdk } from "../../generator/generate.ts"
import { parseOverrides } from "../../generator/overrides/load.ts"
import { compileTemplates, readTemplates, type Templates } from "../../generator/render/templates.ts"
import { parseSpec } from "../../generator/spec/load.ts"
import { makeFormatter, type Formatter } from "../../generator/write/format.ts"
import { ROOT } from "../support/generate.ts"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
type Mutable = null | boolean | number | string | Array<Mutable> | { [key: string]: Mutable }

const SPEC_FILE = "spec.json"
const OVERRIDES = join(ROOT, "builtin-overrides")

/** The real inputs: the committed document and every shipped override file (used as the user's layer, where every rule is strict). */
export const realInputs = () => {
  const spec = JSON.parse(readFileSync(join(ROOT, "better-auth-api-spec.json"), "utf8")) as {
    paths: Record<string, Json>
    components: { schemas: Record<string, Json> }
  }
  const files = (
    readdirSync(OVERRIDES, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>
  )
    .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
    .map((e) => {
      const path = join(e.parentPath, e.name)
      const text = readFileSync(path, "utf8")
      return { file: relative(ROOT, path), text, endpoint: /^endpoint:\s*"?([A-Z]+ [^"\s]+)"?/m.exec(text)?.[1] }
    })
    .sort((a, b) => (a.file < b.file ? -1 : 1))
  return { spec, files }
}

/** Strings that have broken generators: prototype keys, comment closers, line separators, quotes. */
const STRANGE = [
  "__proto__",
  "/",
  "constructor",
  "toString",
  "*/",
  "/*",
  "\u2028",
  "\u2029",
  '"',
  "'",
  "`${x}`",
  "\\",
  "é",
  "🙂",
  "1abc",
  "",
  " ",
  "a-b",
  "Payload",
  "Success",
  "Handler",
  "Schema",
  "index",
  "$ref",
  "x".repeat(300),
  "\u0000",
]
const VALUES: ReadonlyArray<Json> = [
  null,
  false,
  true,
  0,
  -1,
  1.5,
  "",
  "x",
  {},
  [],
  [null],
  [{}],
  { type: "object" },
  { type: "string" },
  { $ref: "#/components/schemas/User" },
  "__INFINITY__",
]
const REFS = [
  "#/components/schemas/Nope",
  "other.json#/User",
  "https://example.com/s.json",
  "#/paths",
  "#/components/schemas/",
  "#/components/schemas/constructor",
  "#/components/schemas/User",
  "#/components/schemas/Session",
  "#/shared/Nope",
  5 as unknown as string,
]

/** One mutation, as numbers fast-check can shrink: which node, what to do, with what, how much. */
export type Step = readonly [target: number, op: number, pick: number, amount: number]
export interface Case {
  /** Indexes into the real document's paths: the endpoints this case keeps. */
  readonly paths: ReadonlyArray<number>
  readonly specSteps: ReadonlyArray<Step>
  readonly overrideSteps: ReadonlyArray<Step>
  /** 0: no text damage; otherwise damage the JSON or one YAML text. */
  readonly textDamage: number
}

const step = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat({ max: 60 }))
export const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  paths: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  specSteps: fc.array(step, { maxLength: 4 }),
  overrideSteps: fc.array(step, { maxLength: 3 }),
  textDamage: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() }),
})

/** Every container node below `value`, with its parent and key, in a stable order. */
const nodes = (value: Mutable): Array<{ parent: Mutable & object; key: string | number }> => {
  const out: Array<{ parent: Mutable & object; key: string | number }> = []
  const visit = (node: Mutable, depth: number) => {
    if (node === null || typeof node !== "object" || depth > 40) return
    const entries: Array<[string | number, Mutable]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node)
    for (const [key, child] of entries) {
      out.push({ parent: node, key })
      visit(child, depth + 1)
    }
  }
  visit(value, 0)
  return out
}

const clone = <A>(value: A): A => structuredClone(value)

const nest = (inner: Mutable, levels: number, pick: number): Mutable => {
  let node = inner
  for (let i = 0; i < levels; i++)
    node = pick % 2 === 0 ? { type: "object", properties: { a: node }, required: ["a"] } : { type: "array", items: node }
  return node
}

/** Applies one mutation to `root` (in place). */
const mutate = (root: Mutable, [target, op, pick, amount]: Step, componentNames: ReadonlyArray<string>): void => {
  const all = nodes(root)
  if (all.length === 0) return
  const { parent, key } = all[target % all.length]!
  const set = (value: Mutable) => {
    if (Array.isArray(parent)) parent[key as number] = value
    else (parent as Record<string, Mutable>)[key] = value
  }
  const current = (Array.isArray(parent) ? parent[key as number] : (parent as Record<string, Mutable>)[key]) as Mutable
  switch (op % 9) {
    case 0: // swap the type
      return set(clone(VALUES[pick % VALUES.length]) as Mutable)
    case 1: // delete the key
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete (parent as Record<string, Mutable>)[key]
      return
    case 2: {
      // rename the key to a strange one (own property, even for __proto__)
      if (Array.isArray(parent)) return
      const record = parent as Record<string, Mutable>
      delete record[key]
      Object.defineProperty(record, STRANGE[pick % STRANGE.length]!, {
        value: current,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return
    }
    case 3: // a strange string value
      return set(STRANGE[pick % STRANGE.length]!)
    case 4: {
      // redirect or add a $ref
      const refs = [...REFS, ...componentNames.map((n) => `#/components/schemas/${n}`)]
      return set({ $ref: refs[pick % refs.length]! })
    }
    case 5: // nest deeply
      return set(nest(current, amount, pick))
    case 6: {
      // a strange enum or const
      const values: ReadonlyArray<Array<Mutable>> = [[{ a: 1 }], [[1]], ["__INFINITY__"], [], ["a", "a"], [null], ["*/", "\u2028"]]
      const chosen = values[amount % values.length]!
      return set({ type: pick % 3 === 0 ? "string" : "number", ...(pick % 2 === 0 ? { enum: chosen } : { const: chosen[0] ?? null }) })
    }
    case 7: {
      // make a component recursive through a property
      const name = componentNames[pick % Math.max(1, componentNames.length)]
      if (name === undefined) return
      return set({
        type: "object",
        properties: {
          self: { $ref: `#/components/schemas/${name}` },
          list: { type: "array", items: { $ref: `#/components/schemas/${name}` } },
        },
      })
    }
    default: // duplicate: the same value under a strange sibling key
      if (!Array.isArray(parent)) (parent as Record<string, Mutable>)[`${String(key)}${STRANGE[pick % STRANGE.length]}`] = clone(current)
      return
  }
}

/** Damages text: truncates it, inserts a character, or adds a trailing comma or a YAML alias bomb. */
const damage = (text: string, how: number, yaml: boolean): string => {
  const at = how % Math.max(1, text.length)
  switch ((how >> 4) % 5) {
    case 0:
      return text.slice(0, at)
    case 1:
      return `${text.slice(0, at)}${["{", "]", ",", '"', ":", "\\", "\u2028"][how % 7]}${text.slice(at)}`
    case 2:
      return yaml ? `${text}\nz: &z [*z]\n` : text.replace(/(\S)(\s*\n\s*})/, "$1,$2")
    case 3:
      return yaml
        ? `${text}\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`
        : `\uFEFF${text}`
    default:
      return yaml ? `${text}\ndescription: *nowhere\n` : text.replace(/"openapi": *"3\.1\.\d"/, '"openapi": 3.1')
  }
}

/** The inputs of one case: the document's text and the override files' texts. */
export const materialize = (input: ReturnType<typeof realInputs>, c: Case) => {
  const pathKeys = Object.keys(input.spec.paths).sort()
  const keep = [...new Set(c.paths.map((i) => pathKeys[i % pathKeys.length]!))]
  const spec = clone({ ...input.spec, paths: Object.fromEntries(keep.map((k) => [k, input.spec.paths[k]!])) }) as unknown as Mutable
  const names = Object.keys(input.spec.components.schemas).sort()
  for (const s of c.specSteps) mutate(spec, s, names)
  let specText = JSON.stringify(spec, null, 2).replace(/"__INFINITY__"/g, "1e309")
  // The overrides of the kept endpoints, and the defaults file.
  const methods = keep.flatMap((path) => Object.keys(input.spec.paths[path] as object).map((m) => `${m.toUpperCase()} ${path}`))
  const files = input.files
    .filter((f) => f.endpoint === undefined || methods.includes(f.endpoint))
    .map((f) => ({ file: f.file, text: f.text, isDefaults: f.file.endsWith("_defaults.yaml") }))
  for (const [index, s] of c.overrideSteps.entries()) {
    const target = files[(s[0] + index) % files.length]
    if (target === undefined) continue
    const value = parseYaml(target.text) as Mutable
    mutate(value, s, names)
    target.text = stringifyYaml(value, { aliasDuplicateObjects: false }).replace(/__INFINITY__/g, ".inf")
  }
  if (c.textDamage !== 0) {
    const which = c.textDamage % (files.length + 1)
    if (which === files.length) specText = damage(specText, c.textDamage, false)
    else files[which]!.text = damage(files[which]!.text, c.textDamage, true)
  }
  return { specText, files }
}

/** A located error line: `file:#/pointer: …` or `file:line:column: …`. */
export const LOCATED = /^[^\n:]+:(#(\/[^\n]*?)?|\d+:\d+): [^\n]+$/

export type Outcome =
  | { readonly kind: "accepted"; readonly files: ReadonlyMap<string, string> }
  | { readonly kind: "rejected"; readonly errors: ReadonlyArray<string> }

export interface Pipeline {
  readonly templates: Templates
  readonly formatter: Formatter
  readonly out: string
}

export const makePipeline = async (out: string): Promise<Pipeline> => ({
  templates: compileTemplates(await readTemplates()),
  formatter: await makeFormatter({ configFor: join(out, "index.ts") }),
  out,
})

/** Runs the pipeline as the CLI does, in process; throws only where the generator would crash. */
export const runCase = async (pipeline: Pipeline, input: ReturnType<typeof materialize>): Promise<Outcome> => {
  const spec = Effect.runSyncExit(parseSpec(SPEC_FILE, input.specText))
  if (Exit.isFailure(spec)) {
    if (spec.cause.reasons[0]?._tag !== "Fail") throw new Error(`parseSpec died: ${String(spec.cause)}`)
    return { kind: "rejected", errors: [String(spec.cause.reasons[0].error)] }
  }
  const parsed = parseOverrides(input.files)
  if (parsed.errors.length > 0) return { kind: "rejected", errors: parsed.errors.map(String) }
  const result = renderSdk({
    spec: spec.value,
    overrides: parsed.overrides,
    templates: pipeline.templates,
    options: {
      specName: SPEC_FILE,
      clientModule: clientModuleFor(pipeline.out, join(ROOT, "better-auth.client.ts"), ".js"),
      importExtension: ".js",
    },
  })
  if (result.errors.length > 0) return { kind: "rejected", errors: result.errors.map(String) }
  const formatted = await pipeline.formatter.format(result.files)
  return { kind: "accepted", files: new Map(formatted.map((f) => [f.path, f.content])) }
}

/** The files of an accepted output that the batch type-check reads, and a key that is equal for equal outputs. */
export const checkedFiles = (files: ReadonlyMap<string, string>) => {
  const kept = [...files]
    .filter(([path]) => path.endsWith(".contract.ts") || path.startsWith("_common/") || path === "_runtime/schemas.ts")
    .sort(([a], [b]) => (a < b ? -1 : 1))
  const key = createHash("sha256").update(JSON.stringify(kept)).digest("hex")
  return { kept, key }
}
