/**
 * Passkeys through the generated handlers, with a software authenticator (ES256 over node:crypto)
 * standing in for the browser's WebAuthn API: registering a passkey, listing, renaming and deleting it,
 * and signing in with it; a tampered assertion fails with Better Auth's code and status.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { BASE_URL } from "../support/live.ts"
import { startServer } from "./support/harness.ts"
import { LAST_LOGIN_METHOD_COOKIE, signUp } from "./support/users.ts"
import { softwareAuthenticator } from "./support/webauthn.ts"

const server = await startServer()
const RP_ID = new URL(BASE_URL).hostname

/** A signed-in user who registered a passkey on a software authenticator. */
const withPasskey = async (name = "Laptop 💻") => {
  const signedUp = await signUp(server, { name: "Passkey User" })
  const authenticator = softwareAuthenticator(RP_ID, BASE_URL)
  const options = await signedUp.actor.run(SDK.Passkey.GenerateRegisterOptions.Handler(new SDK.Passkey.GenerateRegisterOptions.Payload({})))
  const passkey = await signedUp.actor.run(
    SDK.Passkey.VerifyRegistration.Handler(
      new SDK.Passkey.VerifyRegistration.Payload({ response: authenticator.register(options.challenge), name }),
    ),
  )
  return { ...signedUp, authenticator, options, passkey }
}

describe("passkeys", () => {
  it("registers a passkey from the registration options", async () => {
    const { user, email, authenticator, options, passkey } = await withPasskey()
    expect(options.rp).toMatchObject({ id: RP_ID })
    expect(options.user).toMatchObject({ name: email })
    expect(options.pubKeyCredParams.map((p) => p.alg)).toContain(-7)
    expect(passkey).toMatchObject({
      name: "Laptop 💻",
      userId: user.id,
      credentialID: authenticator.credentialId,
      counter: 0,
      backedUp: false,
    })
    expect(passkey.createdAt).toBeInstanceOf(Date)
  })

  it("lists, renames and deletes the user's passkeys", async () => {
    const { actor, passkey } = await withPasskey()
    const listed = await actor.run(SDK.Passkey.ListUserPasskeys.Handler())
    expect(listed.map((p) => p.id)).toEqual([passkey.id])
    const renamed = await actor.run(
      SDK.Passkey.UpdatePasskey.Handler(new SDK.Passkey.UpdatePasskey.Payload({ id: passkey.id, name: "Phone 📱" })),
    )
    expect(renamed.passkey).toMatchObject({ id: passkey.id, name: "Phone 📱" })
    const deleted = await actor.run(SDK.Passkey.DeletePasskey.Handler(new SDK.Passkey.DeletePasskey.Payload({ id: passkey.id })))
    expect(deleted.status).toBe(true)
    expect(await actor.run(SDK.Passkey.ListUserPasskeys.Handler())).toEqual([])
  })

  it("signs in with the passkey in a new browser", async () => {
    const { user, authenticator } = await withPasskey()
    const browser = server.actor()
    const options = await browser.run(SDK.Passkey.GenerateAuthenticateOptions.Handler())
    expect(options.challenge.length).toBeGreaterThan(10)
    const answer = await browser.run(
      SDK.Passkey.VerifyAuthentication.Handler(
        new SDK.Passkey.VerifyAuthentication.Payload({ response: authenticator.authenticate(options.challenge) }),
      ),
    )
    expect(answer.session.userId).toBe(user.id)
    expect(answer.user.id).toBe(user.id)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(user.id)
    expect(browser.cookies.get(LAST_LOGIN_METHOD_COOKIE)).toBe("passkey")
  })

  it("refuses an assertion for another challenge", async () => {
    const { authenticator } = await withPasskey()
    const browser = server.actor()
    await browser.run(SDK.Passkey.GenerateAuthenticateOptions.Handler())
    await browser.reject(
      SDK.Passkey.VerifyAuthentication.Handler(
        new SDK.Passkey.VerifyAuthentication.Payload({ response: authenticator.authenticate("bm90LXRoZS1jaGFsbGVuZ2U") }),
      ),
      { code: "AUTHENTICATION_FAILED", status: 400 },
    )
  })
})
