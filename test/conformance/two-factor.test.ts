/**
 * Two-factor authentication through the generated handlers: enabling with a TOTP secret (codes computed
 * from the URI, as an authenticator app would), signing in with TOTP, an emailed OTP or a backup code,
 * regenerating backup codes and disabling, plus the typed failures of wrong codes and passwords.
 */
import { Redacted, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { type Actor, startServer } from "./support/harness.ts"
import { totpCode, totpSecret, wrongCode } from "./support/totp.ts"
import { PASSWORD, signUp } from "./support/users.ts"

const server = await startServer()
const password = Redacted.make(PASSWORD)

/** Enables TOTP for the signed-in user; the answer carries the URI and the backup codes. */
const enableTotp = async (actor: Actor) => {
  const enabled = await actor.run(SDK.TwoFactor.Enable.Handler(new SDK.TwoFactor.Enable.Payload({ password, issuer: "Conformance" })))
  if (enabled.method !== "totp") throw new Error(`expected the TOTP answer, got ${enabled.method}`)
  return enabled
}

/** A user with two-factor enabled (the TOTP code verified). */
const enrolled = async () => {
  const { actor, user, email } = await signUp(server, { name: "Two Factor" })
  const enabled = await enableTotp(actor)
  await actor.run(SDK.TwoFactor.Totp.Verify.Handler(new SDK.TwoFactor.Totp.Verify.Payload({ code: await totpCode(enabled.totpURI) })))
  return { user, email, totpURI: enabled.totpURI, backupCodes: enabled.backupCodes }
}

/** Signs in with the password in a new browser; two-factor users get a challenge instead of a session. */
const challenge = async (email: string): Promise<Actor> => {
  const browser = server.actor()
  const answer = await browser.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password })))
  expect(answer).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] })
  // The union's members are named: a guard tells the challenge from a session.
  expect(Schema.is(SDK.Common.TwoFactorChallenge)(answer)).toBe(true)
  expect(Schema.is(SDK.Common.SignInSession)(answer)).toBe(false)
  expect(await browser.run(SDK.Core.GetSession.Handler())).toBeNull()
  return browser
}

describe("enabling two-factor", () => {
  it("answers a TOTP URI and backup codes, and turns on once a TOTP code is verified", async () => {
    const { actor, user, email } = await signUp(server)
    const enabled = await enableTotp(actor)
    expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\/Conformance:/)
    expect(decodeURIComponent(enabled.totpURI)).toContain(email)
    expect(enabled.backupCodes).toHaveLength(10)
    expect(new Set(enabled.backupCodes).size).toBe(10)

    // The same secret (get-totp-uri names the app as issuer, not the issuer given to enable).
    const uri = await actor.run(SDK.TwoFactor.Totp.GetUri.Handler(new SDK.TwoFactor.Totp.GetUri.Payload({ password })))
    expect(totpSecret(uri.totpURI)).toBe(totpSecret(enabled.totpURI))

    await actor.reject(
      SDK.TwoFactor.Totp.Verify.Handler(new SDK.TwoFactor.Totp.Verify.Payload({ code: await wrongCode(enabled.totpURI) })),
      {
        code: "INVALID_CODE",
        status: 401,
      },
    )
    const verified = await actor.run(
      SDK.TwoFactor.Totp.Verify.Handler(new SDK.TwoFactor.Totp.Verify.Payload({ code: await totpCode(enabled.totpURI) })),
    )
    expect(verified.user.id).toBe(user.id)
    expect(verified.token.length).toBeGreaterThan(10)
    // Enabling replaces the session; the answer carries the user as it was before (Better Auth 1.7.6).
    const session = await actor.run(SDK.Core.GetSession.Handler())
    expect(session?.user.twoFactorEnabled).toBe(true)
  })

  it("enables emailed OTPs alone, without a TOTP secret", async () => {
    const { actor, user, email } = await signUp(server)
    const enabled = await actor.run(SDK.TwoFactor.Enable.Handler(new SDK.TwoFactor.Enable.Payload({ password, method: "otp" })))
    expect(enabled).toEqual({ method: "otp" })
    expect((await actor.run(SDK.Core.GetSession.Handler()))?.user.twoFactorEnabled).toBe(true)

    const browser = server.actor()
    const answer = await browser.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password })))
    expect(answer).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ["otp"] })
    await browser.run(SDK.TwoFactor.Otp.Send.Handler(new SDK.TwoFactor.Otp.Send.Payload({})))
    const { otp } = server.latest("onTwoFactorOtp", (mail) => mail.email === email)
    const verified = await browser.run(SDK.TwoFactor.Otp.Verify.Handler(new SDK.TwoFactor.Otp.Verify.Payload({ code: otp })))
    expect(verified.user.id).toBe(user.id)
  })

  it("refuses a wrong password", async () => {
    const { actor } = await signUp(server)
    await actor.reject(SDK.TwoFactor.Enable.Handler(new SDK.TwoFactor.Enable.Payload({ password: Redacted.make("wrong password") })), {
      code: "INVALID_PASSWORD",
      status: 400,
    })
  })
})

describe("signing in with a second factor", () => {
  it("challenges after the password and completes with a TOTP code", async () => {
    const { user, email, totpURI } = await enrolled()
    const browser = await challenge(email)
    const answer = await browser.run(
      SDK.TwoFactor.Totp.Verify.Handler(new SDK.TwoFactor.Totp.Verify.Payload({ code: await totpCode(totpURI) })),
    )
    expect(answer.user.id).toBe(user.id)
    const session = await browser.run(SDK.Core.GetSession.Handler())
    expect(session?.session.token).toBe(answer.token)
  })

  it("completes with an OTP sent by email", async () => {
    const { user, email } = await enrolled()
    const browser = await challenge(email)
    const sent = await browser.run(SDK.TwoFactor.Otp.Send.Handler(new SDK.TwoFactor.Otp.Send.Payload({})))
    expect(sent.status).toBe(true)
    const { otp } = server.latest("onTwoFactorOtp", (mail) => mail.email === email)
    await browser.reject(
      SDK.TwoFactor.Otp.Verify.Handler(new SDK.TwoFactor.Otp.Verify.Payload({ code: otp === "000000" ? "111111" : "000000" })),
      {
        code: "INVALID_CODE",
        status: 401,
      },
    )
    const answer = await browser.run(SDK.TwoFactor.Otp.Verify.Handler(new SDK.TwoFactor.Otp.Verify.Payload({ code: otp })))
    expect(answer.user.id).toBe(user.id)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(user.id)
  })

  it("completes with a backup code, once", async () => {
    const { user, email, backupCodes } = await enrolled()
    const [code = ""] = backupCodes
    const browser = await challenge(email)
    const answer = await browser.run(SDK.TwoFactor.Backup.Verify.Handler(new SDK.TwoFactor.Backup.Verify.Payload({ code })))
    expect(answer.user.id).toBe(user.id)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(user.id)

    const again = await challenge(email)
    await again.reject(SDK.TwoFactor.Backup.Verify.Handler(new SDK.TwoFactor.Backup.Verify.Payload({ code })), {
      code: "INVALID_BACKUP_CODE",
      status: 401,
    })
  })

  it("refuses a verification without a pending challenge", async () => {
    await server.actor().reject(SDK.TwoFactor.Otp.Send.Handler(new SDK.TwoFactor.Otp.Send.Payload({})), {
      code: "INVALID_TWO_FACTOR_COOKIE",
      status: 401,
    })
  })
})

describe("managing two-factor", () => {
  it("regenerates backup codes, invalidating the old ones", async () => {
    const { email, backupCodes } = await enrolled()
    const actor = await challenge(email)
    const [code = ""] = backupCodes
    await actor.run(SDK.TwoFactor.Backup.Verify.Handler(new SDK.TwoFactor.Backup.Verify.Payload({ code })))
    const fresh = await actor.run(SDK.TwoFactor.Backup.Generate.Handler(new SDK.TwoFactor.Backup.Generate.Payload({ password })))
    expect(fresh.status).toBe(true)
    expect(fresh.backupCodes).toHaveLength(10)
    expect(fresh.backupCodes.filter((c) => backupCodes.includes(c))).toEqual([])
  })

  it("disables two-factor; signing in needs the password only again", async () => {
    const { email, totpURI } = await enrolled()
    const browser = await challenge(email)
    await browser.run(SDK.TwoFactor.Totp.Verify.Handler(new SDK.TwoFactor.Totp.Verify.Payload({ code: await totpCode(totpURI) })))
    await browser.reject(SDK.TwoFactor.Disable.Handler(new SDK.TwoFactor.Disable.Payload({ password: Redacted.make("wrong password") })), {
      code: "INVALID_PASSWORD",
      status: 400,
    })
    const answer = await browser.run(SDK.TwoFactor.Disable.Handler(new SDK.TwoFactor.Disable.Payload({ password })))
    expect(answer.status).toBe(true)
    const later = server.actor()
    const signIn = await later.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password })))
    expect(signIn).toMatchObject({ redirect: false, user: { email, twoFactorEnabled: false } })
  })
})
