/**
 * The pipeline's imports point one way: `cli → generate.ts → write → render → model → {spec,
 * overrides}`, with the spec export (`export/`, a command of its own) beside the CLI and leaves every
 * stage may use (errors, hints, the config shape). A module imports its own stage and those below it,
 * never one above, and no chain of imports between modules closes a cycle. A folder or top-level file
 * this table does not know fails the rule, so a new stage must be placed.
 */
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

const GENERATOR = join(ROOT, "generator")

/** Each stage folder's rank: a module imports only from a rank below its own, or from its own folder. */
export const RANKS: Readonly<Record<string, number>> = {
  cli: 6,
  export: 6,
  "generate.ts": 5,
  write: 4,
  render: 3,
  model: 2,
  spec: 1,
  overrides: 1,
  // Leaves that depend on nothing of the generator: shared errors, hints, the config shape.
  "errors.ts": 0,
  "suggest.ts": 0,
  "config.ts": 0,
  "text.ts": 0,
}

/** `generator/model/build.ts` → `model`, `generator/errors.ts` → `errors.ts`. */
const stageOf = (file: string): string => relative(GENERATOR, file).split("/")[0]!

/** The relative imports of a module (static, dynamic and type-only), resolved to files. */
export const importsOf = (file: string, text: string): ReadonlyArray<string> =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => m[1] ?? m[2]!)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => resolve(dirname(file), specifier))

/** Upward imports, as `from → to` lines. */
export const upwardImports = (graph: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> =>
  [...graph].flatMap(([from, targets]) =>
    targets
      .filter((to) => to.startsWith(GENERATOR))
      .filter((to) => {
        const [a, b] = [stageOf(from), stageOf(to)]
        if (a === b) return false
        const [ra, rb] = [RANKS[a], RANKS[b]]
        // Leaves may use each other (a cycle among them is caught below).
        if (ra === 0 && rb === 0) return false
        return ra === undefined || rb === undefined || rb >= ra
      })
      .map((to) => `${relative(ROOT, from)} → ${relative(ROOT, to)}`),
  )

/** Every import cycle between modules, each as the chain of files that closes it. */
export const cycles = (graph: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> => {
  const found: Array<string> = []
  const state = new Map<string, "open" | "done">()
  const visit = (file: string, path: ReadonlyArray<string>) => {
    if (state.get(file) === "done") return
    if (state.get(file) === "open") {
      found.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(" → "))
      return
    }
    state.set(file, "open")
    for (const next of graph.get(file) ?? []) visit(next, [...path, file])
    state.set(file, "done")
  }
  for (const file of [...graph.keys()].sort()) visit(file, [])
  return found
}

const moduleGraph = (): ReadonlyMap<string, ReadonlyArray<string>> => {
  const files = readdirSync(GENERATOR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(GENERATOR, f))
  return new Map(files.map((file) => [file, importsOf(file, readFileSync(file, "utf8"))]))
}

describe("the generator's imports", () => {
  const graph = moduleGraph()

  it("point one way: no stage imports a stage above it", () => {
    expect(upwardImports(graph)).toEqual([])
  })

  it("close no cycle", () => {
    expect(cycles(graph)).toEqual([])
  })

  it("are read right: the rule trips on an upward import and on a cycle", () => {
    const at = (path: string) => join(GENERATOR, path)
    const bad = new Map([
      [at("model/build.ts"), [at("render/views.ts")]],
      [at("render/views.ts"), [at("model/naming.ts")]],
      [at("model/naming.ts"), [at("model/build.ts")]],
    ])
    expect(upwardImports(bad)).toEqual(["generator/model/build.ts → generator/render/views.ts"])
    expect(cycles(bad)).toEqual([
      "generator/model/build.ts → generator/render/views.ts → generator/model/naming.ts → generator/model/build.ts",
    ])
    expect(
      importsOf(at("a/b.ts"), 'import type { X } from "../c/d.ts"\nexport * from "./e.ts"\nconst m = await import("../f.ts")'),
    ).toEqual([at("c/d.ts"), at("a/e.ts"), at("f.ts")])
  })
})
