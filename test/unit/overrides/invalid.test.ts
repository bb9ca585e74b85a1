/**
 * Every kind of invalid override, as a real folder of files under test/fixtures/invalid-overrides/,
 * checked against a small spec: the exact message, file:line:column, key path and hint the user sees.
 */
import { readdirSync } from "node:fs"
import { join, relative } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { buildModel } from "../../../generator/model/build.ts"
import { loadOverrides } from "../../../generator/overrides/load.ts"
import { loadSpec } from "../../../generator/spec/load.ts"
import { ROOT } from "../../support/generate.ts"
import { INVALID, INVALID_DIR } from "../../fixtures/invalid-overrides.ts"

/** Loads a fixture folder and builds the model against the small spec; returns every error line. */
const errorsOf = async (name: string): Promise<ReadonlyArray<string>> => {
  const spec = await Effect.runPromise(loadSpec(join(ROOT, "test", "golden", "small", "spec.json")))
  const loaded = await Effect.runPromise(Effect.result(loadOverrides(join(INVALID_DIR, name))))
  if (loaded._tag === "Failure") return loaded.failure.map(String)
  return buildModel(spec, { overrides: loaded.success, specName: "spec.json", warn: () => {} }).errors.map(String)
}

describe("invalid override files", () => {
  it("has a fixture folder for every row, and a row for every fixture folder", () => {
    expect(readdirSync(INVALID_DIR).sort()).toEqual(INVALID.map(([name]) => name).sort())
  })

  it.each(INVALID)("%s", async (name, _, want) => {
    const dir = relative(process.cwd(), join(INVALID_DIR, name))
    expect(await errorsOf(name)).toEqual(want.map((line) => line.replaceAll("{dir}", dir)))
  })
})
