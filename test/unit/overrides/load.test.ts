import { describe, expect, it } from "vitest"
import { parseOverride } from "../../../generator/overrides/load.ts"

const cases: ReadonlyArray<[string, { given: string; want: ReadonlyArray<string> }]> = [
  [
    "a typo names the line and suggests the key",
    { given: 'endpoint: "POST /two-factor/verify-totp"\nmutatesSesion: true\n', want: ['f.yaml:2:1: mutatesSesion: unknown key "mutatesSesion" (did you mean "mutatesSession"?)'] },
  ],
  [
    "a wrong value type names the value",
    { given: 'endpoint: "POST /x"\nmutatesSession: "yes"\n', want: ["f.yaml:2:17: mutatesSession: Expected boolean (see overrides.schema.json for the allowed values)"] },
  ],
  ["a missing endpoint", { given: "skip: no\n", want: ['f.yaml:1:1: endpoint: missing required key "endpoint" (add endpoint: ...)'] }],
  [
    "an endpoint that is not METHOD /path",
    { given: "endpoint: /x\n", want: ['f.yaml:1:11: endpoint: "/x" is not "METHOD /path" (write it like "POST /two-factor/verify-totp")'] },
  ],
  [
    "an unknown field patch key, deep in the file",
    {
      given: 'endpoint: "GET /x"\npayload:\n  fields:\n    id: { optinal: false }\n',
      want: ['f.yaml:4:11: payload.fields.id.optinal: unknown key "optinal" (did you mean "optional"?)'],
    },
  ],
  ["a YAML syntax error", { given: 'endpoint: "GET /x\n', want: ["f.yaml:2:1: YAML syntax error: Missing closing \"quote (fix the YAML syntax)"] }],
  [
    "several errors are all reported",
    {
      given: 'endpoint: "GET /x"\nskipp: a\nclientCal: b\n',
      want: ['f.yaml:2:1: skipp: unknown key "skipp" (did you mean "skip"?)', 'f.yaml:3:1: clientCal: unknown key "clientCal" (did you mean "clientCall"?)'],
    },
  ],
]

describe("parseOverride", () => {
  it.each(cases)("%s", (_, { given, want }) => {
    const result = parseOverride("f.yaml", given)
    expect(result.errors.map((e) => e.toString())).toEqual(want)
  })

  it("accepts a valid file", () => {
    const result = parseOverride("f.yaml", 'endpoint: "GET /x"\npayload:\n  fields:\n    id: { optional: false }\n')
    expect(result.errors).toEqual([])
    expect(result.loaded?.override.payload?.fields?.["id"]?.optional).toBe(false)
  })
})
