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

const diagnosticsFor = (source: string): ReadonlyArray<string> => {
  const file = join(dir, "probe.handler.ts")
  writeFileSync(file, source)
  const project = new Project({ tsConfigFilePath: join(ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true })
  project.addSourceFileAtPath(file)
  project.resolveSourceFileDependencies()
  return project
    .getPreEmitDiagnostics()
    .filter((d) => d.getSourceFile()?.getFilePath() === file)
    .map((d) => {
      const text = d.getMessageText()
      return typeof text === "string" ? text : text.getMessageText()
    })
}

const handler = (call: string) => `
import { createHandler } from "../../generated/_runtime/index.ts"
import { Payload, Success } from "../../generated/two-factor/verify-totp/verify-totp.contract.ts"
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
  it("accepts the generated call", () => {
    expect(diagnosticsFor(handler("client.twoFactor.verifyTotp(payload)"))).toEqual([])
  })

  it("rejects a client method that does not exist", () => {
    const errors = diagnosticsFor(handler("client.twoFactor.verifyTotpp(payload)"))
    expect(errors.join("\n")).toMatch(/Property 'verifyTotpp' does not exist/)
  })

  it("rejects a payload that does not fit the client's parameter", () => {
    const errors = diagnosticsFor(handler("client.signIn.email(payload)"))
    expect(errors.join("\n")).toMatch(/not assignable/)
  })
})
