/**
 * The email OTP plugin through the generated handlers: verifying an address, signing in (and signing up)
 * with a code, resetting a password and changing the address, every code captured from the plugin's
 * send callback; wrong codes fail with Better Auth's code and status.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { freshEmail, sessionOf, signUp } from "./support/users.ts"

const server = await startServer()
const otpFor = (email: string, type: string) => server.latest("onEmailOtp", (mail) => mail.email === email && mail.type === type).otp
const otherThan = (otp: string) => (otp === "000000" ? "111111" : "000000")

describe("email OTP", () => {
  it("verifies an address with a code, after checking it", async () => {
    const { actor, user, email } = await signUp(server)
    const sent = await actor.run(
      SDK.EmailOtp.SendVerificationOtp.Handler(new SDK.EmailOtp.SendVerificationOtp.Payload({ email, type: "email-verification" })),
    )
    expect(sent.success).toBe(true)
    const otp = otpFor(email, "email-verification")
    const checked = await actor.run(
      SDK.EmailOtp.CheckVerificationOtp.Handler(new SDK.EmailOtp.CheckVerificationOtp.Payload({ email, otp, type: "email-verification" })),
    )
    expect(checked.success).toBe(true)
    await actor.reject(SDK.EmailOtp.VerifyEmail.Handler(new SDK.EmailOtp.VerifyEmail.Payload({ email, otp: otherThan(otp) })), {
      code: "INVALID_OTP",
      status: 400,
    })
    const verified = await actor.run(SDK.EmailOtp.VerifyEmail.Handler(new SDK.EmailOtp.VerifyEmail.Payload({ email, otp })))
    expect(verified.status).toBe(true)
    expect(verified.user).toMatchObject({ id: user.id, emailVerified: true })
  })

  it("signs in an existing user with a code", async () => {
    const { user, email } = await signUp(server)
    const browser = server.actor()
    await browser.run(SDK.EmailOtp.SendVerificationOtp.Handler(new SDK.EmailOtp.SendVerificationOtp.Payload({ email, type: "sign-in" })))
    const answer = await browser.run(SDK.SignIn.EmailOtp.Handler(new SDK.SignIn.EmailOtp.Payload({ email, otp: otpFor(email, "sign-in") })))
    expect(answer.user.id).toBe(user.id)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.session.token).toBe(answer.token)
  })

  it("signs up a new address with a code, taking the name given", async () => {
    const email = freshEmail("otp-new")
    const browser = server.actor()
    await browser.run(SDK.EmailOtp.SendVerificationOtp.Handler(new SDK.EmailOtp.SendVerificationOtp.Payload({ email, type: "sign-in" })))
    const answer = await browser.run(
      SDK.SignIn.EmailOtp.Handler(new SDK.SignIn.EmailOtp.Payload({ email, otp: otpFor(email, "sign-in"), name: "Nouvel Utilisateur" })),
    )
    expect(answer.user).toMatchObject({ email, name: "Nouvel Utilisateur", emailVerified: true, image: null })
  })

  it("resets a password with a code (both request endpoints)", async () => {
    const { user, email } = await signUp(server)
    const browser = server.actor()
    const forgot = await browser.run(SDK.ForgetPassword.EmailOtp.Handler(new SDK.ForgetPassword.EmailOtp.Payload({ email })))
    expect(forgot.success).toBe(true)
    const requested = await browser.run(SDK.EmailOtp.RequestPasswordReset.Handler(new SDK.EmailOtp.RequestPasswordReset.Payload({ email })))
    expect(requested.success).toBe(true)
    const otp = otpFor(email, "forget-password")
    const reset = await browser.run(
      SDK.EmailOtp.ResetPassword.Handler(
        new SDK.EmailOtp.ResetPassword.Payload({ email, otp, password: Redacted.make("reset with a code") }),
      ),
    )
    expect(reset.success).toBe(true)
    const signIn = await browser.run(
      SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password: Redacted.make("reset with a code") })),
    )
    expect(sessionOf(signIn).user.id).toBe(user.id)
  })

  it("refuses an address change: the configuration leaves emailOTP's changeEmail disabled", async () => {
    const { actor } = await signUp(server)
    const newEmail = freshEmail("otp-moved")
    const request = await actor.reject(SDK.EmailOtp.RequestEmailChange.Handler(new SDK.EmailOtp.RequestEmailChange.Payload({ newEmail })), {
      code: undefined,
      status: 400,
    })
    expect(request.message).toBe("Change email with OTP is disabled")
    const change = await actor.reject(SDK.EmailOtp.ChangeEmail.Handler(new SDK.EmailOtp.ChangeEmail.Payload({ newEmail, otp: "123456" })), {
      code: undefined,
      status: 400,
    })
    expect(change.message).toBe("Change email with OTP is disabled")
  })
})
