/**
 * Steps of an OAuth authorization-code flow against the OAuth provider plugin that no generated handler
 * makes: the browser navigation to /oauth2/authorize (a redirect) and the client's form-encoded token
 * request (the endpoint refuses the JSON the generated handler sends).
 */
import { createHash } from "node:crypto"
import { vi } from "vitest"
import { BASE_URL } from "../../support/live.ts"
import type { Actor, ConformanceServer } from "./harness.ts"

export const REDIRECT_URI = "https://app.example.com/callback"
export const LOGOUT_URI = "https://app.example.com/signed-out"
export const SCOPE = "openid profile email offline_access"
const API = `${BASE_URL}/api/auth`
const VERIFIER = "conformance-pkce-verifier-0123456789-abcdefghijklmnop"

/** Navigates `browser` to the authorization endpoint; answers the signed query of the page it is sent to. */
export const authorize = async (browser: Actor, clientId: string) => {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state: "state-1234",
    code_challenge: createHash("sha256").update(VERIFIER).digest("base64url"),
    code_challenge_method: "S256",
  })
  const response = await browser.visit(`${API}/oauth2/authorize?${query}`)
  const location = response.headers.get("location")
  if (response.status !== 302 || location === null) throw new Error(`authorize answered ${response.status}`)
  const [page = "", signed = ""] = location.split("?")
  return { page, signedQuery: signed }
}

/** The code in the redirect URI a consent answered. */
export const codeFrom = (url: string) => {
  const code = new URL(url).searchParams.get("code")
  if (code === null) throw new Error(`no code in ${url}`)
  return code
}

/** Exchanges a code at the token endpoint (form-encoded, as RFC 6749 requires). */
export const exchangeCode = async (
  client: Actor,
  credentials: { readonly clientId: string; readonly clientSecret: string },
  code: string,
) => {
  const response = await client.fetch(`${API}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      code_verifier: VERIFIER,
    }),
  })
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as { access_token: string; refresh_token: string; id_token: string; token_type: string; scope: string }
}

/**
 * Runs `body` while requests the server makes to its own public URL (e.g. fetching its JWKS to verify an
 * id_token_hint) reach it in-process, as they would over the network; any other outgoing request fails.
 */
export const withLoopback = async <A>(server: ConformanceServer, body: () => Promise<A>): Promise<A> => {
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    if (!request.url.startsWith(`${BASE_URL}/`)) throw new Error(`unexpected outgoing request ${request.method} ${request.url}`)
    return server.auth.handler(request)
  })
  try {
    return await body()
  } finally {
    vi.unstubAllGlobals()
  }
}
