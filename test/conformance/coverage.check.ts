/**
 * Runs after every conformance file on every storage (its own vitest project, sequence.groupOrder 1):
 * merges what each file exercised live into generated/COVERAGE.md. The suite writes the report, like `generate` writes the SDK;
 * a run whose report differs from the committed file rewrites it and fails, so CI catches a stale one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { contractFields, contractModel, mergeEvidence } from "./support/evidence.ts"
import { LOOSE_FIELDS } from "./support/loose-fields.ts"
import { NOT_EXERCISED } from "./support/not-exercised.ts"
import { recordedRun, ROOT } from "./support/records.ts"
import { endpointKey, type Manifest, renderCoverage } from "./support/report.ts"

const COVERAGE = join(ROOT, "generated", "COVERAGE.md")
const manifest = JSON.parse(readFileSync(join(ROOT, "generated", "manifest.json"), "utf8")) as Manifest
const { records, exercised, exercisedOn, complete, partial } = recordedRun("client")
const generated = new Set(manifest.generated.map(endpointKey))
// A record written before field evidence existed has none.
const evidence = mergeEvidence(records.map((record) => record.fields ?? {}))
const fields = contractFields(await contractModel())

/** Optional fields never absent, and nullable fields never null, in any answer on any storage. */
const looser = [...fields].flatMap(([id, facts]) => {
  const counts = evidence[id]
  if (counts === undefined || counts.seen === 0) return []
  const loose = [
    ...(facts.optional && counts.absent === 0 ? ["optional"] : []),
    ...(facts.nullable && counts.null === 0 ? ["nullable"] : []),
  ]
  return loose.length === 0 ? [] : [{ id, loose, counts }]
})

describe.skipIf(!complete)("live conformance coverage (checked after a complete, passing conformance run on every storage)", () => {
  it("exercised only generated endpoints (a request elsewhere means a wrong client call)", () => {
    expect([...exercised].filter((key) => !generated.has(key))).toEqual([])
  })

  it("exercised every endpoint on every storage (one that decodes on one storage only is not covered)", () => {
    expect(partial).toEqual([])
  })

  it("has a reason for every generated endpoint it did not exercise", () => {
    expect([...generated].filter((key) => !exercised.has(key) && NOT_EXERCISED[key] === undefined).sort()).toEqual([])
  })

  it("keeps no reason for an endpoint that was exercised or is not generated", () => {
    expect(Object.keys(NOT_EXERCISED).filter((key) => exercised.has(key) || !generated.has(key))).toEqual([])
  })

  it("has no Success field optional or nullable against the evidence of every answer, unless loose-fields.ts says why", () => {
    const unexplained = looser.filter((field) => LOOSE_FIELDS[field.id] === undefined)
    expect(
      unexplained.map(
        (f) =>
          `${f.id}: ${f.loose.join(" and ")} in the contract, but in ${f.counts.seen} answers never ${f.loose.map((l) => (l === "optional" ? "absent" : "null")).join(" nor ")}`,
      ),
      "tighten these fields (overrides), or record why not in test/conformance/support/loose-fields.ts",
    ).toEqual([])
  })

  it("keeps no loose-field reason for a field that is no longer looser than its evidence", () => {
    const explained = new Set(looser.map((field) => field.id))
    expect(Object.keys(LOOSE_FIELDS).filter((id) => !explained.has(id))).toEqual([])
  })

  it("exercises at least 85% of the client-callable endpoints", () => {
    expect(exercised.size / generated.size).toBeGreaterThanOrEqual(0.85)
  })

  it("matches the committed generated/COVERAGE.md (rewritten when it differed: review and commit)", () => {
    const fresh = renderCoverage(manifest, exercisedOn, NOT_EXERCISED, { fields, evidence, reasons: LOOSE_FIELDS })
    const committed = existsSync(COVERAGE) ? readFileSync(COVERAGE, "utf8") : ""
    if (committed !== fresh) writeFileSync(COVERAGE, fresh)
    expect(committed, "generated/COVERAGE.md was stale and has been rewritten").toBe(fresh)
  })
})
