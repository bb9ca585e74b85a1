/**
 * Sign-up, sign-in, sign-out and get-session through the generated handlers against a live server: the
 * contracts decode what the server really answers (Date instances, null for unset fields, unicode and
 * long names), and errors arrive typed with Better Auth's code and status.
 */
import { Cause, Effect, Exit, Redacted, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { freshEmail, LAST_LOGIN_METHOD_COOKIE, PASSWORD, signIn, signUp } from "./support/users.ts"

const server = await startServer()

describe("sign-up", () => {
  it("creates the user and its session, with null for the unset image", async () => {
    const email = freshEmail("ada")
    const { actor, user } = await signUp(server, { email, name: "Ada Lovelace" })
    expect(user.email).toBe(email)
    expect(user.name).toBe("Ada Lovelace")
    expect(user.emailVerified).toBe(false)
    expect(user.image).toBeNull()
    expect(user.createdAt).toBeInstanceOf(Date)

    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user.id).toBe(user.id)
    expect(session?.user.image).toBeNull()
    // Read from the database, without extending the session.
    const fresh = await actor.run(
      SDK.Core.GetSession.Handler(new SDK.Core.GetSession.Payload({ disableCookieCache: true, disableRefresh: true })),
    )
    expect(fresh?.session.expiresAt.getTime()).toBe(session?.session.expiresAt.getTime())
    expect(session?.session.userId).toBe(user.id)
    expect(session?.session.expiresAt.getTime()).toBeGreaterThan(Date.now())
  })

  it("keeps unicode, empty and very long names and an image URL exactly", async () => {
    const names = ["Zoë Ångström 李雷 🚀", "", "x".repeat(2000)]
    for (const name of names) {
      const { actor, user } = await signUp(server, { name, image: "https://example.com/ä.png" })
      expect(user.name).toBe(name)
      const session = await actor.run(SDK.Core.GetSession.Handler())
      expect(session?.user.name).toBe(name)
      expect(session?.user.image).toBe("https://example.com/ä.png")
    }
  })

  it("refuses an address already taken and a short password", async () => {
    const { email } = await signUp(server)
    const again = server.actor()
    const payload = (password: string, address = email) =>
      new SDK.SignUp.Email.Payload({ email: address, name: "Twice", password: Redacted.make(password) })
    await again.reject(SDK.SignUp.Email.Handler(payload(PASSWORD)), { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", status: 422 })
    await again.reject(SDK.SignUp.Email.Handler(payload("short", freshEmail())), { code: "PASSWORD_TOO_SHORT", status: 400 })
  })
})

describe("sign-in and sign-out", () => {
  it("signs in from another browser as the same user, then signs out", async () => {
    const { user, email } = await signUp(server, { name: "Grace" })
    const { actor, answer } = await signIn(server, email)
    expect(answer.user.id).toBe(user.id)
    expect(answer.user.name).toBe("Grace")
    expect(answer.redirect).toBe(false)
    expect(answer.token.length).toBeGreaterThan(10)

    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.session.token).toBe(answer.token)
    // The last-login-method plugin remembers how this browser signed in.
    expect(actor.cookies.get(LAST_LOGIN_METHOD_COOKIE)).toBe("email")

    const out = await actor.run(SDK.Core.SignOut.Handler(new SDK.Core.SignOut.Payload({})))
    expect(out.success).toBe(true)
    expect(await actor.run(SDK.Core.GetSession.Handler())).toBeNull()
  })

  it("fails with a typed BetterAuthApiError carrying Better Auth's code and status", async () => {
    const { email } = await signUp(server)
    const browser = server.actor()
    const attempt = (address: string, password: string) =>
      SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email: address, password: Redacted.make(password) }))
    const wrong = await browser.reject(attempt(email, "wrong password"), { code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })
    await browser.reject(attempt(freshEmail("nobody"), PASSWORD), { code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })
    expect(await browser.run(SDK.Core.GetSession.Handler())).toBeNull()
    // The code the server answered is one of the declared codes the SDK was generated with.
    expect(SDK.Runtime.BETTER_AUTH_ERROR_CODES).toContain(wrong.code)
    expect(SDK.Runtime.isBetterAuthErrorCode(wrong.code)).toBe(true)
  })
})

describe("payloads as users write them", () => {
  it("takes a plain object, and makes an all-optional payload optional", async () => {
    const { email, user } = await signUp(server)
    const browser = server.actor()
    const answer = await browser.run(SDK.SignIn.Email.Handler({ email, password: Redacted.make(PASSWORD) }))
    expect(answer).toMatchObject({ user: { id: user.id } })
    // sign-out's payload has only optional fields: the argument may be left out.
    expect((await browser.run(SDK.Core.SignOut.Handler())).success).toBe(true)
    expect(await browser.run(SDK.Core.GetSession.Handler())).toBeNull()
  })

  it("refuses a plain object the types forbid with a ContractError, before any request", async () => {
    const browser = server.actor()
    const wrong = { email: 42, password: Redacted.make(PASSWORD) } as unknown as SDK.SignIn.Email.Payload
    const exit = await Effect.runPromiseExit(
      SDK.SignIn.Email.Handler(wrong).pipe(Effect.provide(SDK.Runtime.layerFromClient(browser.client))),
    )
    expect(exit).toMatchObject({ _tag: "Failure" })
    const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined
    expect(error).toMatchObject({
      _tag: "Some",
      value: { _tag: "ContractError", stage: "encode-payload", handler: "sign-in/email/handler" },
    })
  })
})

describe("the contracts", () => {
  it("reject answers that do not fit", () => {
    const decode = Schema.decodeUnknownExit(SDK.SignIn.Email.Success)
    // A user row as a database answers it: every column, null when unset.
    const nulls = {
      image: null,
      banReason: null,
      banExpires: null,
      displayUsername: null,
      phoneNumber: null,
      phoneNumberVerified: null,
      stripeCustomerId: null,
      username: null,
    }
    const user = {
      id: "u1",
      email: "a@b.c",
      name: "A",
      emailVerified: false,
      createdAt: new Date(),
      updatedAt: new Date(),
      role: "user",
      banned: false,
      isAnonymous: false,
      twoFactorEnabled: false,
      ...nulls,
    }
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user }))).toBe(true)
    // Columns with a default are never null, and no column is left out.
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user: { ...user, role: null } }))).toBe(false)
    const { image: _, ...withoutImage } = user
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user: withoutImage }))).toBe(false)
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user: { ...user, createdAt: "not a date" } }))).toBe(false)
    expect(Exit.isSuccess(decode({ redirect: false, token: 42, user }))).toBe(false)
  })
})
