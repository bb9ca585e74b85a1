/**
 * Property-based test of the generator's contract (see test/fuzz/property.ts): for mutated real
 * documents and override files, the outcome is an accepted output that type-checks, or errors that
 * each name a file and a place; never a crash. A fixed seed and a bounded count keep it reproducible
 * and quick here; `npm run fuzz` runs thousands of cases. A few rejected cases are also run through the
 * real command, which must exit 2 and leave an existing output folder byte for byte as it was.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"
import { fuzz } from "./fuzz/drive.ts"
import { caseArbitrary, LOCATED, makePipeline, materialize, realInputs, runCase } from "./fuzz/property.ts"

const dir = mkdtempSync(join(ROOT, "test", ".fuzz-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("mutated documents and override files", () => {
  it("end in a type-checked output or located errors, never a crash", async () => {
    const report = await fuzz({ runs: 150, seed: 13, dir: join(dir, "property") })
    expect(report.failure).toBeUndefined()
    expect(report.typeErrors).toEqual([])
    // Both outcomes occur, so the property is not vacuous.
    expect(report.accepted).toBeGreaterThan(10)
    expect(report.rejected).toBeGreaterThan(10)
  })

  it("rejected through the real command: exit 2, located lines, the output folder untouched", async () => {
    const input = realInputs()
    const pipeline = await makePipeline(join(dir, "out"))
    const write = (project: string, materialized: ReturnType<typeof materialize>) => {
      rmSync(join(project, "overrides"), { recursive: true, force: true })
      writeFileSync(join(project, "spec.json"), materialized.specText)
      for (const file of materialized.files) {
        mkdirSync(dirname(join(project, file.file)), { recursive: true })
        writeFileSync(join(project, file.file), file.text)
      }
    }
    const generate = (project: string) =>
      spawnSync(
        join(ROOT, "node_modules", ".bin", "bun"),
        [
          join(ROOT, "generator", "cli", "main.ts"),
          "--spec",
          "spec.json",
          "--overrides",
          "builtin-overrides",
          "--no-builtin-overrides",
          "--client-module",
          join(ROOT, "better-auth.client.ts"),
          "--quiet",
        ],
        { cwd: project, encoding: "utf8" },
      )
    const snapshot = (out: string) =>
      Object.fromEntries(
        (readdirSync(out, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
          .filter((e) => e.isFile())
          .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), "utf8")]),
      )
    let checked = 0
    for (const c of fc.sample(caseArbitrary, { numRuns: 60, seed: 31 })) {
      if (checked === 3) break
      const mutated = materialize(input, c)
      if ((await runCase(pipeline, mutated)).kind !== "rejected") continue
      const project = join(dir, `cli-${checked++}`)
      mkdirSync(project, { recursive: true })
      write(project, materialize(input, { ...c, specSteps: [], overrideSteps: [], textDamage: 0 }))
      expect(generate(project).status).toBe(0)
      const before = snapshot(join(project, "generated"))
      write(project, mutated)
      const result = generate(project)
      expect(result.status, result.stderr).toBe(2)
      const lines = result.stderr
        .trim()
        .split("\n")
        .filter((line) => !/^\d+ override error\(s\); /.test(line))
      for (const line of lines) expect(line.replace(/^error: /, "")).toMatch(LOCATED)
      expect(snapshot(join(project, "generated"))).toEqual(before)
    }
    expect(checked).toBe(3)
  })
})
