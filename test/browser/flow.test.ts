/**
 * The SDK in a real browser: headless Chromium (@sparticuz/chromium, driven by puppeteer-core) loads a
 * page whose app is the browser bundle of test/browser/app.ts and runs sign-up → sign-in → get-session →
 * list-sessions → sign-out through the generated handlers against Better Auth on 127.0.0.1, with the
 * browser's own fetch and cookies.
 */
import chromium from "@sparticuz/chromium"
import puppeteer, { type Browser, type Cookie, type Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { AuthSteps, Credentials } from "./app.ts"
import { type BrowserServer, startBrowserServer } from "./server.ts"

/**
 * Flags for a machine without network: no sandbox (containers), no GPU, no background requests. FedCM off:
 * the headless shell has no credential service, and Better Auth's one-tap client calls
 * `navigator.credentials.preventSilentAccess()` after sign-out without handling its rejection.
 */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-features=FedCm",
]

const SESSION_COOKIE = "better-auth.session_token"

let server: BrowserServer
let browser: Browser
let page: Page
/** What the page reported on its console as errors, and uncaught exceptions. */
const pageErrors: Array<string> = []

beforeAll(async () => {
  server = await startBrowserServer()
  browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), headless: true, args: CHROMIUM_FLAGS })
  page = await browser.newPage()
  page.on("console", (message) => void (message.type() === "error" && pageErrors.push(message.text())))
  page.on("pageerror", (error) => void pageErrors.push(String(error)))
  await page.goto(server.origin, { waitUntil: "load" })
  await page.waitForFunction(() => "authSteps" in window)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Runs one step of the app in the page. */
const step = <K extends keyof AuthSteps>(name: K, ...args: Parameters<AuthSteps[K]>): Promise<unknown> =>
  page.evaluate(
    (name, args) => {
      const steps = (window as unknown as { authSteps: Record<string, (...a: Array<unknown>) => unknown> }).authSteps
      return steps[name]!(...args)
    },
    name,
    args as Array<unknown>,
  )

const sessionCookie = async (): Promise<Cookie | undefined> => (await browser.cookies()).find((c) => c.name === SESSION_COOKIE)

const DATE = expect.stringMatching(/^Date\(\d{4}-\d\d-\d\dT/)

describe("the SDK in headless Chromium", () => {
  const user: Credentials & { readonly name: string } = {
    name: "Ada Lovelace",
    email: "ada@example.com",
    password: "correct horse battery staple",
  }
  // Steps build on each other in order: each test is one step of the flow.
  let signedIn: { token: string; user: { id: string } }

  it("signs up: the decoded user, dates decoded", async () => {
    const answer = await step("signUp", user)
    expect(answer).toMatchObject({ user: { email: user.email, name: user.name, emailVerified: false, createdAt: DATE } })
  })

  it("signs in: a new session, its cookie httpOnly and held by the browser only", async () => {
    const answer = (await step("signIn", user)) as typeof signedIn
    expect(answer).toMatchObject({ redirect: false, token: expect.any(String), user: { email: user.email, createdAt: DATE } })
    signedIn = answer
    const cookie = await sessionCookie()
    expect(cookie).toMatchObject({ domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" })
    // The signed cookie carries the sign-in session's token.
    expect(decodeURIComponent(cookie?.value ?? "").split(".")[0]).toBe(answer.token)
    expect(await step("documentCookie")).not.toContain(SESSION_COOKIE)
  })

  it("gets the session the browser's cookie names", async () => {
    const answer = await step("getSession")
    expect(answer).toMatchObject({
      session: { token: signedIn.token, userId: signedIn.user.id, expiresAt: DATE },
      user: { id: signedIn.user.id, email: user.email },
    })
  })

  it("lists the user's sessions: this browser's and another device's", async () => {
    // In this browser, the multi-session plugin revoked sign-up's session when sign-in replaced it for the
    // same user; a sign-in elsewhere (the server's API, as another device) adds a second session.
    const elsewhere = await server.auth.api.signInEmail({ body: { email: user.email, password: user.password } })
    const answer = (await step("listSessions")) as Array<{ userId: string; token: string; createdAt: string }>
    expect(answer.map((session) => session.token).sort()).toEqual([signedIn.token, elsewhere.token].sort())
    expect(answer.every((session) => session.userId === signedIn.user.id)).toBe(true)
    expect(answer[0]?.createdAt).toEqual(DATE)
  })

  it("signs out: the cookie is gone and get-session answers null", async () => {
    expect(await step("signOut")).toEqual({ success: true })
    expect(await sessionCookie()).toBeUndefined()
    expect(await step("getSession")).toBeNull()
  })

  it("fails with a BetterAuthApiError, not a ContractError, when the server redirects (an opaque redirect in a browser)", async () => {
    const answer = await step("verifyMagicLink", "not-a-token")
    // No code: the browser hides the Location that carries it (page.evaluate drops undefined keys).
    expect(answer).toMatchObject({ _tag: "BetterAuthApiError", status: 0 })
    expect(answer).not.toHaveProperty("code")
    expect((answer as { message: string }).message).toMatch(/opaque redirect: no status, no Location/)
  })

  it("ran with no page error and no Better Auth warning", () => {
    expect(pageErrors).toEqual([])
    expect(server.logs).toEqual([])
  })
})

describe("the server the page talks to", () => {
  it("checks origins: a request with a cookie from another origin is refused", async () => {
    const response = await fetch(`${server.origin}/api/auth/sign-out`, {
      method: "POST",
      headers: { origin: "http://attacker.example", cookie: `${SESSION_COOKIE}=anything`, "content-type": "application/json" },
      body: "{}",
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" })
    expect(server.logs).toContainEqual({ level: "error", message: "Invalid origin: http://attacker.example" })
  })
})
