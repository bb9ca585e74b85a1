/**
 * The server target keeps every check Better Auth's router makes: each attack below gets the same
 * refusal through the generated server as through Better Auth's own handler, with the origin check on
 * (Better Auth turns it off under NODE_ENV=test unless told otherwise) and rate limiting configured.
 * Calling `auth.api` directly, as a naive server would, lets the same requests through: the last cases
 * show it, so these tests would catch a handler that did.
 */
import { betterAuth } from "better-auth"
import { Cause, Exit, Option, Redacted } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { authOptions } from "../../better-auth.config.ts"
import * as Server from "../../generated-server/index.ts"
import { openDatabase } from "../conformance/support/storage.ts"
import { BASE_URL } from "../support/live.ts"
import { browser, serve } from "../support/served.ts"

const EVIL = "https://evil.example"
const options = authOptions()
// SQLite, as a deployment answers (the contracts expect unset columns as null).
const auth = betterAuth({
  ...options,
  database: await openDatabase("sqlite", options),
  advanced: { disableOriginCheck: false },
  // Three sign-in attempts a minute per address: the fourth is limited.
  rateLimit: { enabled: true, window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 3 } } },
  // The refusals below are logged by Better Auth as errors; they are the point of the test.
  logger: { disabled: true },
})
const served = serve(auth)
afterAll(() => served.dispose())

type Answer = { readonly status: number; readonly code: string | undefined }

/**
 * The same request to Better Auth's handler and to the generated server: status and Better Auth's code
 * of each. JSON unless the headers say otherwise (`"content-type": ""` sends none).
 */
const both = async (
  path: string,
  init: { readonly method: "GET" | "POST"; readonly headers: Record<string, string>; readonly body?: object },
) => {
  const request = () =>
    new Request(`${BASE_URL}/api/auth${path}`, {
      method: init.method,
      headers: Object.fromEntries(
        Object.entries({ "content-type": "application/json", ...init.headers }).filter(([, value]) => value !== ""),
      ),
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    })
  const read = async (response: Response): Promise<Answer> => {
    const text = await response.text()
    let body: { code?: string } = {}
    try {
      body = text === "" ? {} : (JSON.parse(text) as { code?: string })
    } catch {
      // A plain-text refusal (415) has no code.
    }
    return { status: response.status, code: body.code }
  }
  return { router: await read(await auth.handler(request())), served: await read(await served.handler(request())) }
}

let counter = 0
/** A signed-up user's session cookie (signed up through the served API, from the app's own origin). */
const signedUp = async () => {
  const email = `security-${++counter}-${Date.now()}@example.com`
  const response = await served.handler(
    new Request(`${BASE_URL}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE_URL, "x-forwarded-for": `198.51.100.${counter}` },
      body: JSON.stringify({ email, name: "Security", password: "password-123456" }),
    }),
  )
  expect(response.status).toBe(200)
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ")
  return { email, cookie }
}

describe("the generated server refuses what Better Auth's router refuses", () => {
  it("an organization created with the session cookie from an attacker's Origin: 403 INVALID_ORIGIN", async () => {
    const { cookie } = await signedUp()
    const answers = await both("/organization/create", {
      method: "POST",
      headers: { cookie, origin: EVIL },
      body: { name: "Evil", slug: `evil-${counter}` },
    })
    expect(answers.router).toEqual({ status: 403, code: "INVALID_ORIGIN" })
    expect(answers.served).toEqual(answers.router)
  })

  it("a sign-up whose callbackURL points to the attacker: 403 INVALID_CALLBACK_URL", async () => {
    const body = (n: number) => ({
      email: `callback-${n}-${Date.now()}@example.com`,
      name: "X",
      password: "password-123456",
      callbackURL: `${EVIL}/steal`,
    })
    const router = await auth.handler(
      new Request(`${BASE_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL },
        body: JSON.stringify(body(1)),
      }),
    )
    const viaServer = await served.handler(
      new Request(`${BASE_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL },
        body: JSON.stringify(body(2)),
      }),
    )
    expect(router.status).toBe(403)
    expect(viaServer.status).toBe(403)
    expect(((await viaServer.json()) as { code: string }).code).toBe("INVALID_CALLBACK_URL")
  })

  it("a password reset whose redirectTo points to the attacker: 403 INVALID_REDIRECT_URL", async () => {
    const { email } = await signedUp()
    const answers = await both("/request-password-reset", {
      method: "POST",
      headers: { origin: BASE_URL },
      body: { email, redirectTo: `${EVIL}/reset` },
    })
    expect(answers.router).toEqual({ status: 403, code: "INVALID_REDIRECT_URL" })
    expect(answers.served).toEqual(answers.router)
  })

  it("a sign-in posted by a cross-site navigation (a login CSRF): 403 CROSS_SITE_NAVIGATION_LOGIN_BLOCKED", async () => {
    const { email } = await signedUp()
    const answers = await both("/sign-in/email", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "x-forwarded-for": "192.0.2.10" },
      body: { email, password: "password-123456" },
    })
    expect(answers.router).toEqual({ status: 403, code: "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED" })
    expect(answers.served).toEqual(answers.router)
  })

  it("a sign-up posted without a JSON content type (a cross-site form, a no-cors fetch): refused, no user created", async () => {
    for (const contentType of ["", "text/plain"]) {
      const email = `untyped-${contentType.length}-${Date.now()}@example.com`
      const answers = await both("/sign-up/email", {
        method: "POST",
        headers: { origin: BASE_URL, "content-type": contentType, "x-forwarded-for": `198.51.100.${200 + contentType.length}` },
        body: { email, name: "X", password: "password-123456" },
      })
      expect(answers.router.status, contentType).toBe(415)
      expect(answers.served.status, contentType).toBeGreaterThanOrEqual(400)
      const signIn = await auth.handler(
        new Request(`${BASE_URL}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE_URL, "x-forwarded-for": "192.0.2.99" },
          body: JSON.stringify({ email, password: "password-123456" }),
        }),
      )
      expect(signIn.status, `${contentType}: the user must not exist`).toBe(401)
    }
  })

  it("fails the derived HttpApiClient with the typed error: Forbidden with Better Auth's code and message", async () => {
    const attacker = browser(served, { origin: EVIL, "sec-fetch-mode": "cors", "x-forwarded-for": "198.51.100.250" })
    const exit = await attacker.run((api) =>
      api.signUp.email({
        payload: new Server.SignUp.Email.Payload({
          email: `typed-${Date.now()}@example.com`,
          name: "X",
          password: Redacted.make("password-123456"),
          callbackURL: `${EVIL}/steal`,
        }),
      }),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
    expect(Option.getOrUndefined(error)).toBeInstanceOf(Server.Runtime.Forbidden)
    expect(Option.getOrUndefined(error)).toMatchObject({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" })
  })

  it("still rate-limits: the fourth sign-in in a minute from one address is 429, typed, with X-Retry-After", async () => {
    const { email } = await signedUp()
    const attempt = () =>
      served.handler(
        new Request(`${BASE_URL}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE_URL, "x-forwarded-for": "203.0.113.7" },
          body: JSON.stringify({ email, password: "wrong-password-1" }),
        }),
      )
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await attempt()).status)
    const limited = await attempt()
    expect(statuses).toEqual([401, 401, 401])
    expect(limited.status).toBe(429)
    expect(limited.headers.get("x-retry-after")).toMatch(/^\d+$/)
    expect(await limited.json()).toMatchObject({ _tag: "BetterAuthTooManyRequests" })
  })

  it("is needed: auth.api called directly lets the attacker's Origin and callbackURL through (200)", async () => {
    const { cookie } = await signedUp()
    const created = await auth.api.createOrganization({
      body: { name: "Evil", slug: `evil-direct-${counter}` },
      headers: new Headers({ cookie, origin: EVIL }),
    })
    expect(created?.slug).toBe(`evil-direct-${counter}`)
  })
})
