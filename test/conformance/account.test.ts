/**
 * The user's own account through the generated handlers: profile updates (unicode, cleared image),
 * password change and reset (token captured from the reset email), email verification and change
 * (links followed like a browser would), and account deletion with its emailed confirmation.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { freshEmail, PASSWORD, sessionOf, signIn, signUp } from "./support/users.ts"

const server = await startServer()
const NEW_PASSWORD = "an entirely new passphrase"

const signInWith = (email: string, password: string) =>
  SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password: Redacted.make(password) }))

describe("profile", () => {
  it("updates the name and clears the image to null", async () => {
    const { actor, user } = await signUp(server, { image: "https://example.com/me.png" })
    expect(user.image).toBe("https://example.com/me.png")
    const answer = await actor.run(
      SDK.Core.UpdateUser.Handler(new SDK.Core.UpdateUser.Payload({ name: "Søren Kierkegaard 🌿", image: null })),
    )
    expect(answer.status).toBe(true)
    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user.id).toBe(user.id)
    expect(session?.user.name).toBe("Søren Kierkegaard 🌿")
    expect(session?.user.image).toBeNull()
    expect(session?.user.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime())
  })

  it("refuses an update without fields, and any update without a session", async () => {
    const { actor } = await signUp(server)
    const error = await actor.reject(SDK.Core.UpdateUser.Handler(new SDK.Core.UpdateUser.Payload({})), { code: undefined, status: 400 })
    expect(error.message).toBe("No fields to update")
    await server
      .actor()
      .reject(SDK.Core.UpdateUser.Handler(new SDK.Core.UpdateUser.Payload({ name: "x" })), { code: "UNAUTHORIZED", status: 401 })
  })

  it("lists the credential account of a user who signed up with a password", async () => {
    const { actor, user } = await signUp(server)
    const accounts = await actor.run(SDK.Core.ListAccounts.Handler())
    expect(accounts).toHaveLength(1)
    expect(accounts[0]?.providerId).toBe("credential")
    expect(accounts[0]?.accountId).toBe(user.id)
    expect(accounts[0]?.userId).toBe(user.id)
    expect(accounts[0]?.scopes).toEqual([])
    expect(accounts[0]?.createdAt).toBeInstanceOf(Date)
  })
})

describe("passwords", () => {
  it("changes the password, revoking the other sessions", async () => {
    const { actor, user, email } = await signUp(server)
    const other = await signIn(server, email)
    const change = (current: string, revokeOtherSessions: boolean) =>
      SDK.Password.Change.Handler(
        new SDK.Password.Change.Payload({
          currentPassword: Redacted.make(current),
          newPassword: Redacted.make(NEW_PASSWORD),
          revokeOtherSessions,
        }),
      )
    await actor.reject(change("not my password", true), { code: "INVALID_PASSWORD", status: 400 })
    const answer = await actor.run(change(PASSWORD, true))
    expect(answer.user.id).toBe(user.id)
    expect(answer.token).toEqual(expect.any(String))
    expect(await other.actor.run(SDK.Core.GetSession.Handler())).toBeNull()

    const browser = server.actor()
    await browser.reject(signInWith(email, PASSWORD), { code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })
    expect(sessionOf(await browser.run(signInWith(email, NEW_PASSWORD))).user.id).toBe(user.id)
  })

  it("answers a null token when the other sessions are kept", async () => {
    const { actor } = await signUp(server)
    const answer = await actor.run(
      SDK.Password.Change.Handler(
        new SDK.Password.Change.Payload({ currentPassword: Redacted.make(PASSWORD), newPassword: Redacted.make(NEW_PASSWORD) }),
      ),
    )
    expect(answer.token).toBeNull()
  })

  it("resets a forgotten password with the token from the email", async () => {
    const { user, email } = await signUp(server)
    const browser = server.actor()
    const request = await browser.run(
      SDK.Password.RequestReset.Handler(new SDK.Password.RequestReset.Payload({ email, redirectTo: "/reset" })),
    )
    expect(request.status).toBe(true)
    expect(request.message).toMatch(/reset/i)
    const { token, url } = server.latest("onResetPassword", (mail) => mail.email === email)
    expect(url).toContain(token)

    const reset = (with_: string) =>
      SDK.Password.Reset.Handler(new SDK.Password.Reset.Payload({ token: with_, newPassword: Redacted.make(NEW_PASSWORD) }))
    await browser.reject(reset("not-a-token"), { code: "INVALID_TOKEN", status: 400 })
    expect((await browser.run(reset(token))).status).toBe(true)
    await browser.reject(reset(token), { code: "INVALID_TOKEN", status: 400 })
    expect(sessionOf(await browser.run(signInWith(email, NEW_PASSWORD))).user.id).toBe(user.id)
  })

  it("answers the same for an unknown address, and sends nothing", async () => {
    const email = freshEmail("unknown")
    const answer = await server.actor().run(SDK.Password.RequestReset.Handler(new SDK.Password.RequestReset.Payload({ email })))
    expect(answer.status).toBe(true)
    expect(server.inbox.onResetPassword.some((mail) => mail.email === email)).toBe(false)
  })
})

describe("email address", () => {
  it("sends a verification email whose link verifies the address", async () => {
    const { actor, email } = await signUp(server)
    const answer = await actor.run(
      SDK.EmailVerification.SendVerification.Handler(new SDK.EmailVerification.SendVerification.Payload({ email })),
    )
    expect(answer.status).toBe(true)
    const { url } = server.latest("onVerificationEmail", (mail) => mail.email === email)
    expect((await actor.visit(url)).status).toBe(302)
    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user.emailVerified).toBe(true)
  })

  it("verifies the address through the handler with the token from the email (the JSON form)", async () => {
    const { actor, email } = await signUp(server)
    await actor.run(SDK.EmailVerification.SendVerification.Handler(new SDK.EmailVerification.SendVerification.Payload({ email })))
    const { token } = server.latest("onVerificationEmail", (mail) => mail.email === email)
    await actor.reject(SDK.EmailVerification.Verify.Handler(new SDK.EmailVerification.Verify.Payload({ token: "forged" })), {
      code: "INVALID_TOKEN",
      status: 401,
    })
    const answer = await actor.run(SDK.EmailVerification.Verify.Handler(new SDK.EmailVerification.Verify.Payload({ token })))
    expect(answer.status).toBe(true)
    expect(answer.user === undefined || answer.user === null || answer.user.emailVerified).toBe(true)
    expect((await actor.run(SDK.Core.GetSession.Handler()))?.user.emailVerified).toBe(true)
    // The link's callbackURL form only redirects: it is for the browser, not a handler payload.
    // @ts-expect-error callbackURL is navigation-only
    void (() => new SDK.EmailVerification.Verify.Payload({ token, callbackURL: "/welcome" }))
  })

  it("changes an unverified address after the new address confirms", async () => {
    const { actor, user } = await signUp(server)
    const newEmail = freshEmail("moved")
    const answer = await actor.run(SDK.ChangeEmail.Handler(new SDK.ChangeEmail.Payload({ newEmail, callbackURL: "/settings" })))
    expect(answer.status).toBe(true)
    const { url } = server.latest("onVerificationEmail", (mail) => mail.email === newEmail)
    await actor.visit(url)
    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user.id).toBe(user.id)
    expect(session?.user.email).toBe(newEmail)
  })

  it("asks the old address to confirm when it was verified", async () => {
    const { actor, email } = await signUp(server)
    await actor.run(SDK.EmailVerification.SendVerification.Handler(new SDK.EmailVerification.SendVerification.Payload({ email })))
    await actor.visit(server.latest("onVerificationEmail", (mail) => mail.email === email).url)
    const newEmail = freshEmail("confirmed")
    expect((await actor.run(SDK.ChangeEmail.Handler(new SDK.ChangeEmail.Payload({ newEmail })))).status).toBe(true)
    expect(server.latest("onChangeEmail", (mail) => mail.email === email).newEmail).toBe(newEmail)
    const error = await actor.reject(SDK.ChangeEmail.Handler(new SDK.ChangeEmail.Payload({ newEmail: email })), {
      code: undefined,
      status: 400,
    })
    expect(error.message).toBe("Email is the same")
  })
})

describe("deleting the account", () => {
  it("emails a confirmation whose token deletes the user through the callback", async () => {
    const { actor, email } = await signUp(server)
    await actor.reject(SDK.Core.DeleteUser.Handler(new SDK.Core.DeleteUser.Payload({ password: Redacted.make("wrong password") })), {
      code: "INVALID_PASSWORD",
      status: 400,
    })
    const answer = await actor.run(SDK.Core.DeleteUser.Handler(new SDK.Core.DeleteUser.Payload({ password: Redacted.make(PASSWORD) })))
    expect(answer).toMatchObject({ success: true, message: "Verification email sent" })
    const { token } = server.latest("onDeleteAccount", (mail) => mail.email === email)
    await actor.reject(SDK.DeleteUser.Callback.Handler(new SDK.DeleteUser.Callback.Payload({ token: "forged" })), {
      code: "INVALID_TOKEN",
      status: 404,
    })
    // The email's link carries a callbackURL, to which the server redirects: navigation-only.
    // @ts-expect-error callbackURL is navigation-only
    void (() => new SDK.DeleteUser.Callback.Payload({ token, callbackURL: "/goodbye" }))
    const done = await actor.run(SDK.DeleteUser.Callback.Handler(new SDK.DeleteUser.Callback.Payload({ token })))
    expect(done).toMatchObject({ success: true, message: "User deleted" })
    expect(await actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    await server.actor().reject(signInWith(email, PASSWORD), { code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })
  })

  it("deletes at once when the token from the email is sent to delete-user", async () => {
    const { actor, email } = await signUp(server)
    await actor.run(SDK.Core.DeleteUser.Handler(new SDK.Core.DeleteUser.Payload({})))
    const { token } = server.latest("onDeleteAccount", (mail) => mail.email === email)
    const answer = await actor.run(SDK.Core.DeleteUser.Handler(new SDK.Core.DeleteUser.Payload({ token })))
    expect(answer).toMatchObject({ success: true, message: "User deleted" })
    expect(await actor.run(SDK.Core.GetSession.Handler())).toBeNull()
  })
})
