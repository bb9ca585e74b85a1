/**
 * Runs after every conformance project (like coverage.check.ts): merges what the server target's
 * projects exercised through the generated server into generated-server/COVERAGE.md, and holds the
 * server target to what the client target proves: every served endpoint the flows reach is exercised
 * through the served API on every storage.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { NOT_EXERCISED } from "./support/not-exercised.ts"
import { recordedRun, ROOT } from "./support/records.ts"
import { endpointKey, type Manifest, renderServerCoverage } from "./support/report.ts"

const COVERAGE = join(ROOT, "generated-server", "COVERAGE.md")
const manifest = JSON.parse(readFileSync(join(ROOT, "generated-server", "manifest.json"), "utf8")) as Manifest
const { exercised, exercisedOn, complete, partial } = recordedRun("server")
const served = new Set(manifest.generated.map(endpointKey))
// What the client target's flows exercised: a served endpoint among them must go through the server too.
const byClient = recordedRun("client").exercised

describe.skipIf(!complete)("server target coverage (checked after a complete, passing run of the server projects on every storage)", () => {
  it("exercised only served endpoints", () => {
    expect([...exercised].filter((key) => !served.has(key))).toEqual([])
  })

  it("exercised every endpoint on every storage", () => {
    expect(partial).toEqual([])
  })

  it("serves every endpoint the client target's flows exercise, when it serves it", () => {
    expect([...served].filter((key) => byClient.has(key) && !exercised.has(key)).sort()).toEqual([])
  })

  it("has a reason for every served endpoint it did not exercise", () => {
    expect([...served].filter((key) => !exercised.has(key) && NOT_EXERCISED[key] === undefined).sort()).toEqual([])
  })

  it("exercises at least 85% of the served endpoints", () => {
    expect(exercised.size / served.size).toBeGreaterThanOrEqual(0.85)
  })

  it("matches the committed generated-server/COVERAGE.md (rewritten when it differed: review and commit)", () => {
    const fresh = renderServerCoverage(manifest, exercisedOn, NOT_EXERCISED)
    const committed = existsSync(COVERAGE) ? readFileSync(COVERAGE, "utf8") : ""
    if (committed !== fresh) writeFileSync(COVERAGE, fresh)
    expect(committed, "generated-server/COVERAGE.md was stale and has been rewritten").toBe(fresh)
  })
})
