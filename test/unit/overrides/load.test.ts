/** Parsing single override texts; every invalid-file case with real files is in invalid.test.ts. */
import { describe, expect, it } from "vitest"
import { parseDefaults, parseOverride, parseOverrides } from "../../../generator/overrides/load.ts"
import { suggest } from "../../../generator/suggest.ts"

describe("parseDefaults", () => {
  it("reads the comment above each rule as its reason", () => {
    const text =
      '# yaml-language-server: $schema=x.json\n# The file.\nrules:\n  # Secrets,\n  # on two lines.\n  redact: [password]\n  nullableOptional: [User]\n  # Sign-in changes the session.\n  mutatesSession: ["^/sign-in"]\n'
    const result = parseDefaults("d.yaml", text)
    expect(result.errors).toEqual([])
    expect(result.loaded?.reasons).toEqual({ redact: "Secrets, on two lines.", mutatesSession: "Sign-in changes the session." })
  })
})

describe("parseOverride", () => {
  it.each([
    [
      "the top comment (not the schema line) for the file, a side's own comment for that side",
      '# yaml-language-server: $schema=../overrides.schema.json\n# Feature layout,\n#   on two lines.\nendpoint: "GET /x"\nfolder: a\nsuccess:\n  # The server answers { status }.\n  replace: { type: object }\npayload:\n  fields:\n    x: { optional: false }\n',
      { file: "Feature layout, on two lines.", payload: "Feature layout, on two lines.", success: "The server answers { status }." },
    ],
    [
      "a comment on a field inside the side; not one above the side key (it may be about something else)",
      '# Why.\n\nendpoint: "GET /x"\n# No payload: the server reads it from the cookie.\nsuccess:\n  fields:\n    # Field reason.\n    y: { optional: false }\npayload:\n  fields:\n    x: { optional: false }\n',
      { file: "Why.", payload: "Why.", success: "Field reason." },
    ],
    [
      "no comment at all",
      '# yaml-language-server: $schema=x.json\nendpoint: "GET /x"\nfolder: a\n',
      { file: undefined, payload: undefined, success: undefined },
    ],
  ])("reads the stated reasons: %s", (_, text, want) => {
    const result = parseOverride("f.yaml", text)
    expect(result.errors).toEqual([])
    expect(result.loaded?.reasons).toEqual(want)
  })

  it("reports every error of a file in one run, in file order", () => {
    const result = parseOverride("f.yaml", 'endpoint: "GET /x"\nskipp: a\nclientCal: b\n')
    expect(result.errors.map(String)).toEqual([
      'f.yaml:2:1: skipp: unknown key "skipp" (did you mean "skip"?)',
      'f.yaml:3:1: clientCal: unknown key "clientCal" (did you mean "clientCall"?)',
    ])
  })

  it("lists the allowed keys when nothing is close", () => {
    expect(parseOverride("f.yaml", 'endpoint: "GET /x"\nspan: { zzz: a }\n').errors.map(String)).toEqual([
      'f.yaml:2:9: span.zzz: unknown key "zzz" (remove it; allowed here: domain, feature)',
    ])
  })

  it("accepts every capability at once", () => {
    const text = `endpoint: "GET /x"
folder: a/b-c/d
namespace: D
span: { domain: a, feature: d }
clientCall: a.bC
method: POST
mutatesSession: true
description: "Why: it's \\"quoted\\""
payload:
  replace: { type: object, properties: { id: { type: string } } }
  fields:
    id: { optional: false, nullable: true, redacted: true, type: string, literals: [a, 1, true], array: true, description: d, schema: { type: string } }
  remove: [x]
success:
  replace: { $ref: "#/shared/S" }
`
    const result = parseOverride("f.yaml", text)
    expect(result.errors).toEqual([])
    expect(result.loaded?.override).toMatchObject({
      folder: "a/b-c/d",
      method: "POST",
      description: 'Why: it\'s "quoted"',
      payload: { remove: ["x"] },
    })
    expect(result.loaded?.locate(["payload", "fields", "id"])).toBe("12:9")
  })
})

describe("parseDefaults", () => {
  it("accepts rules and shared schemas", () => {
    const result = parseDefaults(
      "_defaults.yaml",
      'rules:\n  redact: [password]\n  nullableOptional: ["*"]\nshared:\n  S: { type: object }\n',
    )
    expect(result.errors).toEqual([])
    expect(result.loaded?.defaults.shared?.["S"]).toEqual({ type: "object" })
  })
})

describe("parseOverrides", () => {
  it("treats only the defaults file as defaults", () => {
    const { overrides, errors } = parseOverrides([
      { file: "_defaults.yaml", text: "rules: { redact: [pin] }\n", isDefaults: true },
      { file: "a.yaml", text: 'endpoint: "GET /a"\n', isDefaults: false },
    ])
    expect(errors).toEqual([])
    expect(overrides.defaults[0]?.defaults.rules?.redact).toEqual(["pin"])
    expect(overrides.endpoints.map((e) => e.override.endpoint)).toEqual(["GET /a"])
  })
})

describe("suggest", () => {
  it.each([
    ["mutatesSesion", "mutatesSession"],
    ["FOLDER", "folder"],
    ["clientcal", "clientCall"],
    ["zzzzzz", undefined],
  ])("%s → %s", (given, want) => {
    expect(suggest(given, ["endpoint", "folder", "clientCall", "mutatesSession"])).toBe(want)
  })
})
