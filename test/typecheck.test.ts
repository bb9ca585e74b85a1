/**
 * The type check is what catches a wrong client call (the client proxy accepts any name at run time).
 * Render a handler with a deliberately wrong method name and a payload that does not fit, and assert
 * that tsc reports both against the real better-auth client types.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Project } from "ts-morph"
import { afterAll, describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

const dir = mkdtempSync(join(ROOT, "test", ".probe-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Type-checks several probe handlers in one program (one tsc pass); returns each probe's messages. */
const diagnosticsFor = (probes: Readonly<Record<string, string>>): Readonly<Record<string, ReadonlyArray<string>>> => {
  const project = new Project({ tsConfigFilePath: join(ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true })
  const files = Object.entries(probes).map(([name, source]) => {
    const file = join(dir, `${name}.handler.ts`)
    writeFileSync(file, source)
    project.addSourceFileAtPath(file)
    return [name, file] as const
  })
  project.resolveSourceFileDependencies()
  const diagnostics = project.getPreEmitDiagnostics()
  return Object.fromEntries(
    files.map(([name, file]) => [
      name,
      diagnostics
        .filter((d) => d.getSourceFile()?.getFilePath() === file)
        .map((d) => {
          const text = d.getMessageText()
          return typeof text === "string" ? text : text.getMessageText()
        }),
    ]),
  )
}

const handler = (call: string) => `
import { createHandler } from "../../generated/_runtime/index.ts"
import { Payload, Success } from "../../generated/two-factor/totp/verify/verify.contract.ts"
export const Handler = createHandler({
  domain: "two-factor",
  feature: "verify-totp",
  payloadSchema: Payload,
  successSchema: Success,
  mutatesSession: true,
  execute: (client, payload) => ${call},
})
`

describe("execute calls are checked against the real client type", () => {
  const errors = diagnosticsFor({
    generated: handler("client.twoFactor.verifyTotp(payload)"),
    wrongMethod: handler("client.twoFactor.verifyTotpp(payload)"),
    wrongPayload: handler("client.signIn.email(payload)"),
  })

  it("accepts the generated call", () => {
    expect(errors["generated"]).toEqual([])
  })

  it("rejects a client method that does not exist", () => {
    expect(errors["wrongMethod"]?.join("\n")).toMatch(/Property 'verifyTotpp' does not exist/)
  })

  it("rejects a payload that does not fit the client's parameter", () => {
    expect(errors["wrongPayload"]?.join("\n")).toMatch(/not assignable/)
  })
})

/** An app's error handling: narrow `code` to the declared codes, then switch on it. */
const codeSwitch = (known: string) => `
import { type BetterAuthApiError, isBetterAuthErrorCode } from "../../generated/_runtime/index.ts"
export const explain = (error: BetterAuthApiError): string => {
  if (isBetterAuthErrorCode(error.code)) {
    switch (error.code) {
      case ${JSON.stringify(known)}:
        return "wrong email or password"
      default:
        return error.code
    }
  }
  // Codes outside the declared list (OAuth's) are plain strings.
  return error.code === "authorization_pending" ? "not yet" : error.message
}
`

describe("BetterAuthApiError.code is typed with the declared error codes", () => {
  const errors = diagnosticsFor({ declared: codeSwitch("INVALID_EMAIL_OR_PASSWORD"), misspelt: codeSwitch("INVALID_EMAIL_OR_PASWORD") })

  it("accepts a switch on a declared code, and a comparison with an undeclared one", () => {
    expect(errors["declared"]).toEqual([])
  })

  it("rejects a misspelt code", () => {
    expect(errors["misspelt"]?.join("\n")).toMatch(/Type '"INVALID_EMAIL_OR_PASWORD"' is not comparable/)
  })
})

/** A server handler as the generator writes it, with its `auth.api` method, path and payload given. */
const serverHandler = (method: string, path: string, payload: string) => `
import { route } from "../../generated-server/_runtime/server.ts"
import { Payload, Success } from "../../generated-server/sign-up/email/email.contract.ts"
import { Payload as SignInPayload } from "../../generated-server/sign-in/email/email.contract.ts"
void SignInPayload
export const handler = route({
  method: ${JSON.stringify(method)},
  path: ${JSON.stringify(path)},
  in: "body",
  payload: ${payload},
  success: Success,
})
`

describe("server handlers are checked against the app's typed auth.api", () => {
  const errors = diagnosticsFor({
    serverGenerated: serverHandler("signUpEmail", "/sign-up/email", "Payload"),
    serverWrongMethod: serverHandler("signUpEmial", "/sign-up/email", "Payload"),
    serverWrongPath: serverHandler("signUpEmail", "/sign-in/email", "Payload"),
    serverWrongPayload: serverHandler("signUpEmail", "/sign-up/email", "SignInPayload"),
  })

  it("accepts the generated route", () => {
    expect(errors["serverGenerated"]).toEqual([])
  })

  it("rejects an auth.api method that does not exist", () => {
    expect(errors["serverWrongMethod"]?.join("\n")).toMatch(/"signUpEmial"' is not assignable/)
  })

  it("rejects a path that is not the method's", () => {
    expect(errors["serverWrongPath"]?.join("\n")).toMatch(/"\/sign-in\/email"' is not assignable to type '"\/sign-up\/email"'/)
  })

  it("rejects a payload that does not fit the method's body", () => {
    expect(errors["serverWrongPayload"]?.join("\n")).toMatch(/payloadDoesNotFit/)
  })
})
