/**
 * The generated server target served in-process in front of a live Better Auth (SQLite), called through
 * the `HttpApiClient` derived from the generated `Api` with a cookie jar, and by plain requests where
 * the wire itself is the point (each Set-Cookie on its own line).
 */
import { betterAuth } from "better-auth"
import { Cause, Exit, Option, Redacted } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { authOptions } from "../../better-auth.config.ts"
import * as Server from "../../generated-server/index.ts"
import { openDatabase } from "../conformance/support/storage.ts"
import { BASE_URL } from "../support/live.ts"
import { browser, serve } from "../support/served.ts"

const options = authOptions()
const auth = betterAuth({ ...options, database: await openDatabase("sqlite", options), logger: { disabled: true } })
const served = serve(auth)
afterAll(() => served.dispose())

const ok = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isFailure(exit)) throw new Error(Cause.pretty(exit.cause))
  return exit.value
}
const failure = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined

let counter = 0
const signUpPayload = () =>
  new Server.SignUp.Email.Payload({
    email: `served-${++counter}-${Date.now()}@example.com`,
    name: "Served",
    password: Redacted.make("password-123456"),
  })

describe("the generated server target", () => {
  it("signs up, reads the session, lists sessions and signs out through the derived HttpApiClient and its cookie jar", async () => {
    const b = browser(served)
    const payload = signUpPayload()
    const signedUp = ok(await b.run((api) => api.signUp.email({ payload })))
    expect(signedUp.user.email).toBe(payload.email)
    expect(signedUp.user.createdAt).toBeInstanceOf(Date)
    const session = ok(await b.run((api) => api.core.getSession({ query: new Server.Core.GetSession.Payload({}) })))
    expect(session?.user.id).toBe(signedUp.user.id)
    const sessions = ok(await b.run((api) => api.core.listSessions()))
    expect(sessions.map((s) => s.userId)).toEqual([signedUp.user.id])
    expect(ok(await b.run((api) => api.core.signOut({ payload: new Server.Core.SignOut.Payload({}) }))).success).toBe(true)
    expect(ok(await b.run((api) => api.core.getSession({ query: new Server.Core.GetSession.Payload({}) })))).toBeNull()
  })

  it("fails with Better Auth's errors typed per status, with its code and message", async () => {
    const anonymous = browser(served)
    expect(failure(await anonymous.run((api) => api.core.listSessions()))).toMatchObject({
      _tag: "BetterAuthUnauthorized",
      code: "UNAUTHORIZED",
    })
    const payload = signUpPayload()
    ok(await browser(served).run((api) => api.signUp.email({ payload })))
    const again = failure(await browser(served).run((api) => api.signUp.email({ payload })))
    expect(again).toBeInstanceOf(Server.Runtime.UnprocessableEntity)
    expect(again).toMatchObject({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" })
    const wrong = failure(
      await browser(served).run((api) =>
        api.signIn.email({
          payload: new Server.SignIn.Email.Payload({ email: payload.email, password: Redacted.make("not-the-password") }),
        }),
      ),
    )
    expect(wrong).toBeInstanceOf(Server.Runtime.Unauthorized)
    expect(wrong).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" })
  })

  it("answers each Set-Cookie Better Auth sets on its own line (sign-out clears three cookies)", async () => {
    const payload = signUpPayload()
    const post = (path: string, body: object, cookie?: string) =>
      new Request(`${BASE_URL}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL, ...(cookie === undefined ? {} : { cookie }) },
        body: JSON.stringify(body),
      })
    const signedUp = await served.handler(post("/sign-up/email", { email: payload.email, name: "X", password: "password-123456" }))
    const cookie = signedUp.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ")
    const direct = await auth.handler(post("/sign-out", {}, cookie))
    const signedUpAgain = await served.handler(post("/sign-in/email", { email: payload.email, password: "password-123456" }))
    const cookieAgain = signedUpAgain.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ")
    const viaServer = await served.handler(post("/sign-out", {}, cookieAgain))
    const names = (response: Response) =>
      response.headers.getSetCookie().map((line) => line.split("=")[0]!.replace(/_multi-.*/, "_multi-…"))
    expect(names(direct).length).toBeGreaterThanOrEqual(3)
    expect(names(viaServer).sort()).toEqual(names(direct).sort())
    for (const line of viaServer.headers.getSetCookie()) expect(line).toMatch(/Max-Age=0/i)
  })

  it("refuses a payload that does not fit the contract before Better Auth sees it (400)", async () => {
    const seen: Array<string> = []
    const spied = serve({ handler: (request) => (seen.push(request.url), auth.handler(request)), options: auth.options })
    const response = await spied.handler(
      new Request(`${BASE_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL },
        body: JSON.stringify({ email: 42, name: "X" }),
      }),
    )
    expect(response.status).toBe(400)
    expect(seen).toEqual([])
    await spied.dispose()
  })

  it("reaches Better Auth where its router serves: the path of a baseURL that has one", async () => {
    const mounted = betterAuth({
      ...options,
      baseURL: `${BASE_URL}/auth`,
      database: await openDatabase("sqlite", options),
      logger: { disabled: true },
    })
    const elsewhere = serve(mounted)
    const exit = await browser(elsewhere).run((api) => api.signUp.email({ payload: signUpPayload() }))
    expect(Exit.isSuccess(exit)).toBe(true)
    await elsewhere.dispose()
  })

  it("leaves the email links (verify-email, delete-user callback) to Better Auth's handler: not served", async () => {
    for (const path of ["/verify-email?token=x&callbackURL=%2Fdone", "/delete-user/callback?token=x&callbackURL=%2Fdone"]) {
      const viaServer = await served.handler(new Request(`${BASE_URL}/api/auth${path}`, { headers: { "sec-fetch-mode": "navigate" } }))
      // No route: the HttpApi's own empty 404, so an app's router falls through to Better Auth's handler.
      expect([viaServer.status, await viaServer.text()], path).toEqual([404, ""])
    }
    const direct = await auth.handler(
      new Request(`${BASE_URL}/api/auth/verify-email?token=x&callbackURL=%2Fdone`, { headers: { "sec-fetch-mode": "navigate" } }),
    )
    expect([direct.status, direct.headers.get("location")]).toEqual([302, "/done?error=INVALID_TOKEN"])
  })
})
