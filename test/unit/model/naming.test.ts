import { describe, expect, it } from "vitest"
import {
  camelCase,
  classIdentifier,
  namespaceFor,
  clientCallFor,
  componentFile,
  endpointFiles,
  pascalCase,
  propertyKey,
  relativeImport,
} from "../../../generator/model/naming.ts"

describe("naming", () => {
  it.each([
    ["verify-totp", "verifyTotp"],
    ["get-totp-uri", "getTotpUri"],
    ["sign-in", "signIn"],
    ["oauth2", "oauth2"],
  ])("camelCase(%s) = %s", (given, want) => expect(camelCase(given)).toBe(want))

  it.each([
    ["multi-session", "MultiSession"],
    ["totp", "Totp"],
    ["get-uri", "GetUri"],
  ])("pascalCase(%s) = %s", (given, want) => expect(pascalCase(given)).toBe(want))

  it.each([
    ["/two-factor/get-totp-uri", ["twoFactor", "getTotpUri"]],
    ["/sign-in/email", ["signIn", "email"]],
    ["/oauth2/client/rotate-secret", ["oauth2", "client", "rotateSecret"]],
  ])("clientCallFor(%s)", (given, want) => expect(clientCallFor(given)).toEqual(want))

  it("names endpoint files after the leaf folder", () => {
    expect(endpointFiles(["two-factor", "verify-totp"])).toMatchObject({
      contract: "two-factor/verify-totp/verify-totp.contract.ts",
      handler: "two-factor/verify-totp/verify-totp.handler.ts",
      index: "two-factor/verify-totp/index.ts",
    })
  })

  it.each([
    ["OauthClient", "_common/oauth-client.ts"],
    ["User", "_common/user.ts"],
  ])("componentFile(%s) = %s", (given, want) => expect(componentFile(given)).toBe(want))

  it.each([
    ["two-factor/verify-totp/verify-totp.handler.ts", "_runtime/index.ts", "../../_runtime/index.ts"],
    ["index.ts", "_common/user.ts", "./_common/user.ts"],
    ["_common/index.ts", "_common/user.ts", "./user.ts"],
  ])("relativeImport(%s, %s) = %s", (from, to, want) => expect(relativeImport(from, to)).toBe(want))
})

describe("classIdentifier", () => {
  it.each([
    ["@better-auth-effect", ["two-factor", "totp", "verify", "Payload"], "@better-auth-effect/two-factor/totp/verify/Payload"],
    ["@acme/auth/", ["User"], "@acme/auth/User"],
    ["", ["two-factor", "totp", "verify", "Success"], "two-factor/totp/verify/Success"],
  ] as const)("%j + %j → %s", (prefix, path, want) => expect(classIdentifier(prefix, path)).toBe(want))
})

describe("propertyKey", () => {
  it.each([
    ["name", "name"],
    ["__proto__", '["__proto__"]'],
    ["constructor", "constructor"],
    ['a"b', '"a\\"b"'],
    ["1x", '"1x"'],
    ["é", '"é"'],
    ["a\u2028b", '"a\u2028b"'],
  ])("%s → %s", (name, want) => expect(propertyKey(name)).toBe(want))
})

describe("namespaceFor", () => {
  it.each([
    ["two-factor", "TwoFactor"],
    ["1abc", "_1abc"],
    ["2fa-setup", "_2faSetup"],
    ["constructor", "Constructor"],
  ])("%s → %s", (segment, want) => expect(namespaceFor(segment)).toBe(want))
})
