/**
 * Runs after every conformance file on every storage (its own vitest project, sequence.groupOrder 1):
 * merges what each file exercised live into generated/COVERAGE.md. The suite writes the report, like `generate` writes the SDK;
 * a run whose report differs from the committed file rewrites it and fails, so CI catches a stale one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { NOT_EXERCISED } from "./support/not-exercised.ts"
import { conformanceFiles, readRecords, ROOT, type Storage, STORAGES } from "./support/records.ts"
import { endpointKey, type Manifest, renderCoverage } from "./support/report.ts"

const COVERAGE = join(ROOT, "generated", "COVERAGE.md")
const manifest = JSON.parse(readFileSync(join(ROOT, "generated", "manifest.json"), "utf8")) as Manifest
const records = STORAGES.flatMap(readRecords)
const exercisedBy = (storage: Storage): ReadonlySet<string> => new Set(records.filter((r) => r.storage === storage).flatMap((r) => r.exercised))
const exercisedOn: Record<Storage, ReadonlySet<string>> = { memory: exercisedBy("memory"), sqlite: exercisedBy("sqlite"), postgres: exercisedBy("postgres") }
const exercised = new Set(records.flatMap((record) => record.exercised))
const generated = new Set(manifest.generated.map(endpointKey))

// Only a complete run can say what is covered: every conformance file wrote its record on every storage
// and all passed.
const ran = new Set(records.map((record) => `${record.storage} ${record.file}`))
const complete = STORAGES.every((storage) => conformanceFiles().every((file) => ran.has(`${storage} ${file}`))) && records.every((record) => record.passed)

describe.skipIf(!complete)("live conformance coverage (checked after a complete, passing conformance run on every storage)", () => {
  it("exercised only generated endpoints (a request elsewhere means a wrong client call)", () => {
    expect([...exercised].filter((key) => !generated.has(key))).toEqual([])
  })

  it("exercised every endpoint on every storage (one that decodes on one storage only is not covered)", () => {
    const partial = [...exercised].filter((key) => STORAGES.some((storage) => !exercisedOn[storage].has(key)))
    expect(partial.map((key) => `${key}: ${STORAGES.filter((storage) => !exercisedOn[storage].has(key)).join(", ")} missing`)).toEqual([])
  })

  it("has a reason for every generated endpoint it did not exercise", () => {
    expect([...generated].filter((key) => !exercised.has(key) && NOT_EXERCISED[key] === undefined).sort()).toEqual([])
  })

  it("keeps no reason for an endpoint that was exercised or is not generated", () => {
    expect(Object.keys(NOT_EXERCISED).filter((key) => exercised.has(key) || !generated.has(key))).toEqual([])
  })

  it("exercises at least 85% of the client-callable endpoints", () => {
    expect(exercised.size / generated.size).toBeGreaterThanOrEqual(0.85)
  })

  it("matches the committed generated/COVERAGE.md (rewritten when it differed: review and commit)", () => {
    const fresh = renderCoverage(manifest, exercisedOn, NOT_EXERCISED)
    const committed = existsSync(COVERAGE) ? readFileSync(COVERAGE, "utf8") : ""
    if (committed !== fresh) writeFileSync(COVERAGE, fresh)
    expect(committed, "generated/COVERAGE.md was stale and has been rewritten").toBe(fresh)
  })
})
