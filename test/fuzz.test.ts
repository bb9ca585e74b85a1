/**
 * Property-based test of the generator's contract (see test/fuzz/property.ts): for mutated real
 * documents and override files, the outcome is an accepted output that type-checks, or errors that
 * each name a file and a place; never a crash. A fixed seed and a bounded count keep it reproducible
 * and quick here; `npm run fuzz` runs thousands of cases.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"
import { fuzz } from "./fuzz/drive.ts"

const dir = mkdtempSync(join(ROOT, "test", ".fuzz-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("mutated documents and override files", () => {
  it("end in a type-checked output or located errors, never a crash", async () => {
    const report = await fuzz({ runs: 150, seed: 13, dir })
    expect(report.failure).toBeUndefined()
    expect(report.typeErrors).toEqual([])
    // Both outcomes occur, so the property is not vacuous.
    expect(report.accepted).toBeGreaterThan(10)
    expect(report.rejected).toBeGreaterThan(10)
  })
})
