/**
 * Magic links and phone numbers through the generated handlers: signing in with the token from the
 * captured link, verifying a phone number with a captured code, signing in with it and resetting the
 * password by SMS code, plus the typed failures of bad codes and unknown numbers.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { freshEmail, LAST_LOGIN_METHOD_COOKIE, PASSWORD, sessionOf, signUp } from "./support/users.ts"

const server = await startServer()
let phones = 0
const freshPhone = () => `+1555${String(1_000_000 + ++phones).slice(1)}`

describe("magic link", () => {
  it("signs in an existing user with the token from the link", async () => {
    const { user, email } = await signUp(server)
    const browser = server.actor()
    const sent = await browser.run(SDK.SignIn.MagicLink.Handler(new SDK.SignIn.MagicLink.Payload({ email })))
    expect(sent.status).toBe(true)
    const { token, url } = server.latest("onMagicLink", (mail) => mail.email === email)
    expect(url).toContain(token)
    // The email's link (with callbackURL) redirects: navigation-only, not a handler payload.
    // @ts-expect-error callbackURL is navigation-only
    void (() => new SDK.MagicLink.Verify.Payload({ token, callbackURL: "/welcome" }))
    const verified = await browser.run(SDK.MagicLink.Verify.Handler(new SDK.MagicLink.Verify.Payload({ token })))
    expect(verified.user.id).toBe(user.id)
    expect(verified.session.userId).toBe(user.id)
    expect(verified.session.token).toBe(verified.token)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(user.id)
    expect(browser.cookies.get(LAST_LOGIN_METHOD_COOKIE)).toBe("magic-link")
  })

  it("signs up a new address with the name sent along", async () => {
    const email = freshEmail("magic")
    const browser = server.actor()
    await browser.run(SDK.SignIn.MagicLink.Handler(new SDK.SignIn.MagicLink.Payload({ email, name: "Magic Ünïcorn" })))
    const { token } = server.latest("onMagicLink", (mail) => mail.email === email)
    const verified = await browser.run(SDK.MagicLink.Verify.Handler(new SDK.MagicLink.Verify.Payload({ token })))
    expect(verified.user).toMatchObject({ email, name: "Magic Ünïcorn", emailVerified: true, image: null })
  })

  it("answers a bad or used token, even without a callbackURL, with a redirect: a typed BetterAuthApiError, not a ContractError", async () => {
    // No JSON form exists for this failure: a browser following the link lands on the error page.
    const response = await server.actor().visit("http://localhost:3000/api/auth/magic-link/verify?token=not-a-token")
    expect(response.status).toBe(302)
    const location = response.headers.get("location") ?? ""
    expect(new URL(location, "http://localhost:3000").searchParams.get("error")).toBe("INVALID_TOKEN")
    // The handler stops at the redirect and reads Better Auth's error code from it.
    const bad = await server.actor().reject(SDK.MagicLink.Verify.Handler({ token: "not-a-token" }), { code: "INVALID_TOKEN", status: 302 })
    expect(bad.message).toBe("Better Auth redirected with error INVALID_TOKEN")
    expect(bad.location).toBe(location)

    const { email } = await signUp(server)
    const browser = server.actor()
    await browser.run(SDK.SignIn.MagicLink.Handler(new SDK.SignIn.MagicLink.Payload({ email })))
    const { token } = server.latest("onMagicLink", (mail) => mail.email === email)
    expect((await browser.run(SDK.MagicLink.Verify.Handler({ token }))).user.email).toBe(email)
    const used = await server.actor().reject(SDK.MagicLink.Verify.Handler({ token }), { code: "INVALID_TOKEN", status: 302 })
    expect(used.location).toBe(location)
    expect(SDK.Runtime.isBetterAuthErrorCode(used.code)).toBe(true)
  })
})

describe("phone number", () => {
  /** A signed-up user whose phone number was verified with the SMS code. */
  const withPhone = async () => {
    const signedUp = await signUp(server)
    const phoneNumber = freshPhone()
    const sent = await signedUp.actor.run(SDK.PhoneNumber.SendOtp.Handler(new SDK.PhoneNumber.SendOtp.Payload({ phoneNumber })))
    expect(sent.message).toBe("code sent")
    const { code } = server.latest("onPhoneOtp", (sms) => sms.phoneNumber === phoneNumber)
    const verified = await signedUp.actor.run(
      SDK.PhoneNumber.Verify.Handler(new SDK.PhoneNumber.Verify.Payload({ phoneNumber, code, updatePhoneNumber: true })),
    )
    return { ...signedUp, phoneNumber, verified }
  }

  it("verifies a number with the code sent by SMS and stores it on the user", async () => {
    const { actor, user, phoneNumber, verified } = await withPhone()
    expect(verified.status).toBe(true)
    expect(verified.user).toMatchObject({ id: user.id, phoneNumber, phoneNumberVerified: true })
    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user).toMatchObject({ phoneNumber, phoneNumberVerified: true })
  })

  it("refuses a wrong code", async () => {
    const { actor } = await signUp(server)
    const phoneNumber = freshPhone()
    await actor.run(SDK.PhoneNumber.SendOtp.Handler(new SDK.PhoneNumber.SendOtp.Payload({ phoneNumber })))
    const { code } = server.latest("onPhoneOtp", (sms) => sms.phoneNumber === phoneNumber)
    await actor.reject(
      SDK.PhoneNumber.Verify.Handler(new SDK.PhoneNumber.Verify.Payload({ phoneNumber, code: code === "000000" ? "111111" : "000000" })),
      { code: "INVALID_OTP", status: 400 },
    )
  })

  it("signs in with the number and the password", async () => {
    const { user, phoneNumber } = await withPhone()
    const browser = server.actor()
    const signIn = (number: string) =>
      SDK.SignIn.PhoneNumber.Handler(new SDK.SignIn.PhoneNumber.Payload({ phoneNumber: number, password: Redacted.make(PASSWORD) }))
    await browser.reject(signIn(freshPhone()), { code: "INVALID_PHONE_NUMBER_OR_PASSWORD", status: 401 })
    const answer = sessionOf(await browser.run(signIn(phoneNumber)))
    expect(answer.user.id).toBe(user.id)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.session.token).toBe(answer.token)
  })

  it("resets the password with a code sent by SMS", async () => {
    const { user, phoneNumber } = await withPhone()
    const browser = server.actor()
    const requested = await browser.run(
      SDK.PhoneNumber.RequestPasswordReset.Handler(new SDK.PhoneNumber.RequestPasswordReset.Payload({ phoneNumber })),
    )
    expect(requested.status).toBe(true)
    const { code } = server.latest("onPhonePasswordResetOtp", (sms) => sms.phoneNumber === phoneNumber)
    const reset = await browser.run(
      SDK.PhoneNumber.ResetPassword.Handler(
        new SDK.PhoneNumber.ResetPassword.Payload({ phoneNumber, otp: code, newPassword: Redacted.make("reset by text message") }),
      ),
    )
    expect(reset.status).toBe(true)
    const answer = await browser.run(
      SDK.SignIn.PhoneNumber.Handler(new SDK.SignIn.PhoneNumber.Payload({ phoneNumber, password: Redacted.make("reset by text message") })),
    )
    expect(sessionOf(answer).user.id).toBe(user.id)
  })
})
