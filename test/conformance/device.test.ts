/**
 * Device authorization (RFC 8628) through the generated handlers: a device asks for a code, the user
 * looks it up and approves or denies it in a signed-in browser, and the device exchanges its code for a
 * token; pending and denied codes fail with the OAuth error codes.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()
const GRANT = "urn:ietf:params:oauth:grant-type:device_code"
const CLIENT = "conformance-cli"

/** A device (its own client, no cookies) requesting a code. */
const requestCode = async () => {
  const device = server.actor()
  const code = await device.run(SDK.Device.Code.Handler(new SDK.Device.Code.Payload({ client_id: CLIENT, scope: "openid profile" })))
  return { device, code }
}

const poll = (deviceCode: string) =>
  SDK.Device.Token.Handler(new SDK.Device.Token.Payload({ grant_type: GRANT, device_code: deviceCode, client_id: CLIENT }))

describe("device authorization", () => {
  it("issues a device code with a verification URI", async () => {
    const { code } = await requestCode()
    expect(code.user_code).toMatch(/^[A-Z0-9-]{6,}$/)
    expect(code.device_code.length).toBeGreaterThan(20)
    expect(code.verification_uri).toMatch(/\/device$/)
    expect(code.verification_uri_complete).toContain(code.user_code)
    expect(code.expires_in).toBeGreaterThan(0)
    expect(code.interval).toBeGreaterThan(0)
  })

  it("lets a signed-in user look up and approve the code; the device then gets a token", async () => {
    const { device, code } = await requestCode()
    const { actor, user } = await signUp(server)
    const looked = await actor.run(SDK.Device.Handler(new SDK.Device.Payload({ user_code: code.user_code })))
    expect(looked).toMatchObject({ user_code: code.user_code, status: "pending" })

    const approved = await actor.run(SDK.Device.Approve.Handler(new SDK.Device.Approve.Payload({ userCode: code.user_code })))
    expect(approved.success).toBe(true)

    const token = await device.run(poll(code.device_code))
    expect(token.token_type).toBe("Bearer")
    expect(token.access_token.length).toBeGreaterThan(10)
    expect(token.expires_in).toBeGreaterThan(0)
    expect(token.scope).toBe("openid profile")
    // The access token is a session token of the approving user.
    const context = await server.auth.$context
    expect((await context.internalAdapter.findSession(token.access_token))?.user.id).toBe(user.id)
  })

  it("answers authorization_pending before approval and access_denied after a denial", async () => {
    const pending = await requestCode()
    const waiting = await pending.device.reject(poll(pending.code.device_code), { code: "authorization_pending", status: 400 })
    expect(waiting.message.length).toBeGreaterThan(0)

    const { device, code } = await requestCode()
    const { actor } = await signUp(server)
    // Approving or denying needs the code claimed first: looked up while signed in.
    await actor.run(SDK.Device.Handler(new SDK.Device.Payload({ user_code: code.user_code })))
    const denied = await actor.run(SDK.Device.Deny.Handler(new SDK.Device.Deny.Payload({ userCode: code.user_code })))
    expect(denied.success).toBe(true)
    await device.reject(poll(code.device_code), { code: "access_denied", status: 400 })
  })

  it("looks up a code requested without a scope: scope null on SQL, absent on the memory adapter", async () => {
    const device = server.actor()
    const code = await device.run(SDK.Device.Code.Handler(new SDK.Device.Code.Payload({ client_id: CLIENT })))
    const { actor } = await signUp(server)
    const looked = await actor.run(SDK.Device.Handler(new SDK.Device.Payload({ user_code: code.user_code })))
    expect(looked).toMatchObject({ user_code: code.user_code, status: "pending" })
    expect(looked.scope ?? null).toBeNull()
  })

  it("refuses an unknown user code", async () => {
    const { actor } = await signUp(server)
    await actor.reject(SDK.Device.Approve.Handler(new SDK.Device.Approve.Payload({ userCode: "NOPE-NOPE" })), {
      code: "invalid_request",
      status: 400,
    })
  })
})
