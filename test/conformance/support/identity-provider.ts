/**
 * A stand-in for the external OAuth identity provider of better-auth.config.ts's genericOAuth "example"
 * provider: accounts linked to it are written straight into the database (no browser round trip to a
 * real provider), and its token endpoint is answered in-process while a test needs it. Nothing here
 * touches Better Auth itself.
 */
import { vi } from "vitest"
import type { ConformanceServer } from "./harness.ts"

export const PROVIDER_ID = "example"
export const AUTHORIZATION_URL = "http://localhost:3000/oauth/authorize"
const TOKEN_URL = "http://localhost:3000/oauth/token"

/** An unsigned ID token (the provider has no discovery document, so Better Auth only decodes it). */
export const idToken = (claims: Record<string, unknown>) =>
  [{ alg: "none", typ: "JWT" }, claims, ""]
    .map((part) => (part === "" ? "" : Buffer.from(JSON.stringify(part)).toString("base64url")))
    .join(".")

/** Links a provider account to a user, as a completed OAuth sign-in would have stored it. */
export const linkProviderAccount = async (
  server: ConformanceServer,
  userId: string,
  account: { readonly subject: string; readonly accessToken: string; readonly refreshToken?: string; readonly idToken?: string },
) => {
  const context = await server.auth.$context
  return context.internalAdapter.createAccount({
    userId,
    providerId: PROVIDER_ID,
    accountId: account.subject,
    accessToken: account.accessToken,
    accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
    scope: "openid,email,profile",
    ...(account.refreshToken === undefined ? {} : { refreshToken: account.refreshToken }),
    ...(account.idToken === undefined ? {} : { idToken: account.idToken }),
  })
}

/**
 * Runs `body` while the provider's token endpoint answers refresh grants for `refreshToken` with
 * `answer`; every other outgoing request fails the test (the suite makes no network calls).
 */
export const withTokenEndpoint = async <A>(refreshToken: string, answer: Record<string, unknown>, body: () => Promise<A>): Promise<A> => {
  const requests: Array<URLSearchParams> = []
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    if (request.url !== TOKEN_URL || request.method !== "POST")
      throw new Error(`unexpected outgoing request ${request.method} ${request.url}`)
    const form = new URLSearchParams(await request.text())
    requests.push(form)
    if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== refreshToken) {
      return Response.json({ error: "invalid_grant" }, { status: 400 })
    }
    return Response.json(answer)
  })
  try {
    return await body()
  } finally {
    vi.unstubAllGlobals()
  }
}
