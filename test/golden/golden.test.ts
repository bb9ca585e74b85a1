/**
 * Golden scenarios: each folder holds a small spec (and overrides, the only ones applied unless its
 * scenario.json says `builtinOverrides: true`; it may also name the `target`, default the client); the
 * generated tree is compared file by file with the committed expectation (`vitest -u` rewrites them
 * after an intended change).
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { generateInMemory, ROOT } from "../support/generate.ts"

const scenarios = readdirSync(import.meta.dirname, { withFileTypes: true }).filter(
  (d) => d.isDirectory() && existsSync(join(import.meta.dirname, d.name, "spec.json")),
)

/** How a scenario is generated: its scenario.json, if it has one. */
const settingsOf = (dir: string): { readonly target?: "client" | "server"; readonly builtinOverrides?: boolean } =>
  existsSync(join(dir, "scenario.json")) ? (JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8")) as object) : {}

/** A scenario generated into `out`. */
const generateScenario = (dir: string, out: string) => {
  const settings = settingsOf(dir)
  return generateInMemory({
    spec: join(dir, "spec.json"),
    overrides: join(dir, "overrides"),
    out,
    builtin: settings.builtinOverrides === true,
    ...(settings.target === undefined ? {} : { target: settings.target }),
  })
}

describe.each(scenarios.map((s) => s.name))("golden scenario %s", (name) => {
  const dir = join(import.meta.dirname, name)
  it("generates the expected files", async () => {
    const run = await generateScenario(dir, join(dir, "expected"))
    expect(run.raw.errors).toEqual([])
    expect([...run.files.keys()]).toMatchSnapshot()
    // The runtime is the same static code in every scenario; generated/_runtime is its one committed copy.
    for (const [path, content] of run.files)
      if (!path.startsWith("_runtime/")) await expect(content).toMatchFileSnapshot(join(dir, "expected", path))
  })
})

/** Whole trees (runtime included) of every scenario, type-checked in one program. */
const TYPECHECK = join(ROOT, ".cache", "golden-typecheck")
afterAll(() => rmSync(TYPECHECK, { recursive: true, force: true }))

describe("the golden scenarios' output", () => {
  it("type-checks against the real client, strict with exactOptionalPropertyTypes", async () => {
    rmSync(TYPECHECK, { recursive: true, force: true })
    for (const { name } of scenarios) {
      const dir = join(import.meta.dirname, name)
      const out = join(TYPECHECK, name)
      const run = await generateScenario(dir, out)
      for (const [path, content] of run.files) {
        mkdirSync(dirname(join(out, path)), { recursive: true })
        writeFileSync(join(out, path), content)
      }
    }
    const compilerOptions = {
      target: "es2022",
      lib: ["es2023", "dom"],
      module: "esnext",
      moduleResolution: "bundler",
      strict: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    }
    writeFileSync(join(TYPECHECK, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["**/*.ts"] }))
    const result = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(TYPECHECK, "tsconfig.json")],
      { encoding: "utf8" },
    )
    expect(`${result.stdout}${result.stderr}`).toBe("")
    expect(result.status).toBe(0)
  })
})
