import { describe, expect, it } from "vitest"
import { checkProvenance } from "../../../generator/spec/provenance.ts"

const provenance = { version: "1.7.6", plugins: ["admin"], exporter: "better-auth-effect-codegen@0.1.0" }
const marked = {
  "/sign-in/email": { post: {} },
  "/admin/internal": { post: { "x-better-auth-scope": "server-only" } },
  "/update-user": { post: { "x-better-auth-client-method": "POST" } },
}
const errorCodes = { INVALID_TOKEN: "Invalid token", USER_NOT_FOUND: "User not found" }
const doc = (info: object, paths: object = marked) => ({
  openapi: "3.1.1",
  info: { title: "Better Auth", "x-better-auth-error-codes": errorCodes, ...info },
  paths,
})
const check = (document: object, installed: string | undefined = "1.7.6") => checkProvenance(document, { file: "spec.json", installed })
const codes = (document: object, installed?: string) => check(document, installed).warnings.map((w) => w.code)

describe("checkProvenance", () => {
  it("reads the provenance of an exported document and warns about nothing when it matches the installed better-auth", () => {
    const result = check(doc({ "x-better-auth": provenance }))
    expect(result.provenance).toEqual(provenance)
    expect(result.errorCodes).toEqual(["INVALID_TOKEN", "USER_NOT_FOUND"])
    expect(result.warnings).toEqual([])
    expect(result.error).toBeUndefined()
  })

  it.each([
    ["a spec from another better-auth", doc({ "x-better-auth": { ...provenance, version: "1.7.25" } }), ["spec-version-mismatch"]],
    ["a spec without provenance", doc({}), ["spec-without-provenance"]],
    [
      "a spec without provenance or markers",
      doc({}, { "/sign-in/email": { post: {} } }),
      ["spec-without-provenance", "spec-without-markers"],
    ],
    [
      "a spec without error codes",
      doc({ "x-better-auth": provenance, "x-better-auth-error-codes": undefined }),
      ["spec-without-error-codes"],
    ],
    [
      "a spec with provenance but no scope marker",
      doc({ "x-better-auth": provenance }, { "/sign-in/email": { post: {} } }),
      ["spec-without-markers"],
    ],
  ])("warns about %s", (_, document, want) => {
    expect(codes(document, "1.7.6")).toEqual(want)
  })

  it("names both versions and the fix when they differ", () => {
    expect(check(doc({ "x-better-auth": { ...provenance, version: "1.7.25" } })).warnings[0]).toEqual({
      code: "spec-version-mismatch",
      at: "#/info/x-better-auth/version",
      message:
        "exported from better-auth 1.7.25, but better-auth 1.7.6 is installed: the SDK would describe another client (install 1.7.25, or run `npm run spec` to export from 1.7.6)",
    })
  })

  it.each([
    [
      "a scope it does not know",
      doc({}, { "/x": { post: { "x-better-auth-scope": "admin" } } }),
      'spec.json:#/paths/~1x/post/x-better-auth-scope: x-better-auth-scope must be one of "server-only", "server", "http", found "admin" (re-export with `npm run spec`)',
    ],
    [
      "a client method that is not GET or POST",
      doc({}, { "/x": { post: { "x-better-auth-client-method": 1 } } }),
      'spec.json:#/paths/~1x/post/x-better-auth-client-method: x-better-auth-client-method must be "GET" or "POST", found 1 (re-export with `npm run spec`)',
    ],
    [
      "a provenance that is not an object",
      doc({ "x-better-auth": "1.7.6" }),
      'spec.json:#/info/x-better-auth: expected an object { version, plugins, exporter }, found "1.7.6"',
    ],
    [
      "a version that is not a string",
      doc({ "x-better-auth": { ...provenance, version: 1.7 } }),
      "spec.json:#/info/x-better-auth/version: expected the better-auth version as a string, found 1.7",
    ],
    [
      "error codes that are not an object",
      doc({ "x-better-auth-error-codes": ["INVALID_TOKEN"] }),
      'spec.json:#/info/x-better-auth-error-codes: expected an object of error code → message, found ["INVALID_TOKEN"]',
    ],
    [
      "an error code without a message",
      doc({ "x-better-auth-error-codes": { INVALID_TOKEN: 1 } }),
      'spec.json:#/info/x-better-auth-error-codes/INVALID_TOKEN: expected the message of error code "INVALID_TOKEN" as a string, found 1',
    ],
    [
      "plugins that are not strings",
      doc({ "x-better-auth": { ...provenance, plugins: [{}] } }),
      "spec.json:#/info/x-better-auth/plugins: expected the plugin ids as an array of strings, found [{}]",
    ],
  ])("refuses %s, with a JSON pointer", (_, document, want) => {
    expect(String(check(document).error)).toBe(want)
  })
})
