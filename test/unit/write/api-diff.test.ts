import { describe, expect, it } from "vitest"
import { apiDiff } from "../../../generator/write/api-diff.ts"
import type { Manifest, ManifestEndpoint } from "../../../generator/write/manifest.ts"

const endpoint = (shapes: Pick<ManifestEndpoint, "payload" | "success">): ManifestEndpoint => ({
  method: "POST",
  path: "/sign-in/social",
  folder: "sign-in/social",
  namespace: "SignIn.Social",
  clientCall: "signIn.social",
  mutatesSession: true,
  ...shapes,
})
const manifest = (e: ManifestEndpoint): Manifest => ({ generated: [e], skipped: [] })
const lines = (before: ManifestEndpoint, after: ManifestEndpoint) =>
  apiDiff(manifest(before), manifest(after)).map((c) => `${c.kind} ${c.symbol}: ${c.what}`)

const PROVIDERS = '"apple" | "cloudflare" | "discord" | "github" | "google" | string'

describe("apiDiff", () => {
  it("says a removed object once, not each of its fields", () => {
    const before = endpoint({
      success: { Success: "{…}", "Success.account": "{…}", "Success.account.id": "string", "Success.account.providerId": "string" },
    })
    expect(lines(before, endpoint({ success: { Success: "{…}" } }))).toEqual([
      "breaking Auth.SignIn.Social.Success: field `Success.account` removed from the answer",
    ])
  })

  it("says a long union by the members that came and went", () => {
    const before = endpoint({ payload: { Payload: "{…}", "Payload.provider": PROVIDERS }, success: { Success: "unknown" } })
    const after = endpoint({
      payload: { Payload: "{…}", "Payload.provider": PROVIDERS.replace('"cloudflare" | ', "").replace("string", '"zoom" | string') },
      success: { Success: "unknown" },
    })
    expect(lines(before, after)).toEqual([
      'additive Auth.SignIn.Social.Payload: compatible type change: `Payload.provider`: +"zoom", -"cloudflare"',
    ])
  })

  it("lists the fields of a payload that appears, and says whether the handler now needs it", () => {
    const before = endpoint({ success: { Success: "unknown" } })
    const after = endpoint({
      payload: { Payload: "{…}", "Payload.idToken": "string", "Payload.scopes?": "string[]" },
      success: { Success: "unknown" },
    })
    expect(lines(before, after)).toEqual([
      "breaking Auth.SignIn.Social.Handler: payload became required: `Handler()` → `Handler(payload)`",
      "additive Auth.SignIn.Social.Payload: new field `Payload.idToken: string`",
      "additive Auth.SignIn.Social.Payload: new field `Payload.scopes?: string[]`",
    ])
  })
})
