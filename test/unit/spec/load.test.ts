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

  it("reports an engine's multi-line message as one line", () => {
    const exit = Effect.runSyncExit(parseSpec("spec.json", '\uFEFF{\n  "openapi": "3.1.0",\n  "paths": {}\n}'))
    if (Exit.isSuccess(exit) || exit.cause.reasons[0]?._tag !== "Fail") throw new Error("expected a failure")
    const line = String(exit.cause.reasons[0].error)
    expect(line).toMatch(/^spec\.json:1:1: not valid JSON \(/)
    expect(line).not.toMatch(/[\r\n\u2028\u2029]/)
  })

  it("accepts a minimal document", () => {
    expect(Effect.runSync(parseSpec("spec.json", '{"openapi":"3.1.0","paths":{}}'))).toEqual({ openapi: "3.1.0", paths: {} })
  })
})

describe("syntaxErrorOffset: the same line and column under Bun and Node", () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `    "k${i}": ${i},`).join("\n")
  it.each([
    ["a stray brace between properties", '{\n  "a": 1,\n  }"b": 2\n}', "3:3"],
    ["a bracket closing an object", '{\n  "paths": {]\n}', "2:13"],
    ["a truncated file", '{\n  "paths": {', "2:13"],
    [
      "a trailing comma on line 6 of a long document",
      `{\n  "openapi": "3.1.0",\n  "paths": {},\n  "x": {\n    "a": [1, 2],\n    "b": 1,\n  },\n  "y": {\n${lines(2000)}\n    "end": 0\n  }\n}`,
      "7:3",
    ],
    ["a trailing comma in an array", '{"a": [1, 2,]}', "1:13"],
    ["a single-quoted string", "{'a': 1}", "1:2"],
    ["a bad escape", '{"a": "\\x"}', "1:8"],
    ["a control character in a string", '{"a": "x\ty"}', "1:9"],
    ["a leading zero", '{"a": 01}', "1:8"],
    ["garbage after the document", '{"a": 1} x', "1:10"],
    ["deep nesting that is cut off", `${"[".repeat(100_000)}`, "1:100001"],
  ])("%s", (_, text, want) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(lineColumn(text, syntaxErrorOffset(text))).toBe(want)
  })

  it("finds nothing wrong in valid JSON", () => {
    for (const text of [
      '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}',
      "[]",
      ' "s" ',
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
    ]) {
      expect(() => JSON.parse(text)).not.toThrow()
      expect(syntaxErrorOffset(text)).toBe(-1)
    }
  })
})
