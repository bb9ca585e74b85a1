import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { lineColumn, parseSpec, syntaxErrorOffset } from "../../../generator/spec/load.ts"

const errorOf = (text: string) => {
  const exit = Effect.runSyncExit(parseSpec("spec.json", text))
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return String(exit.cause).split("\n")[0]
}

describe("parseSpec", () => {
  it.each([
    ["a truncated file names the end", '{\n  "openapi": "3.1.1",\n  "paths": {', /^.*spec\.json:3:13: not valid JSON/],
    ["a syntax error names its line and column", '{\n  "openapi": "3.1.1",\n  "paths": {]\n}', /spec\.json:3:13: not valid JSON/],
    ["not an object", "[]", /spec\.json:#: expected an OpenAPI document/],
    ["a Swagger 2 document", '{"swagger":"2.0","paths":{}}', /spec\.json:#\/openapi: expected an OpenAPI 3\.x version string/],
    ["paths missing", '{"openapi":"3.1.0"}', /spec\.json:#\/paths: expected an object of paths/],
  ])("%s", (_, text, want) => expect(errorOf(text)).toMatch(want))

  it("accepts a minimal document", () => {
    expect(Effect.runSync(parseSpec("spec.json", '{"openapi":"3.1.0","paths":{}}'))).toEqual({ openapi: "3.1.0", paths: {} })
  })
})

describe("syntaxErrorOffset without a position in the message (Bun's JSON.parse)", () => {
  it.each([
    ["a stray brace between properties", '{\n  "a": 1,\n  }"b": 2\n}', "3:4"],
    ["a bracket closing an object", '{\n  "paths": {]\n}', "2:13"],
    ["a truncated file", '{\n  "paths": {', "2:13"],
  ])("%s", (_, text, want) => expect(lineColumn(text, syntaxErrorOffset(text, "JSON Parse error: Unexpected token"))).toBe(want))
})
