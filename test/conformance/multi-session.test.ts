/**
 * Multi-session through the generated handlers: one browser signed in as several users lists its device
 * sessions, switches the active one and revokes one, with the typed failure for an unknown token.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { PASSWORD, sessionOf, signUp } from "./support/users.ts"

const server = await startServer()

/** One browser in which two users signed in, the second one last (so active). */
const twoAccountsInOneBrowser = async () => {
  const ada = await signUp(server, { name: "Ada" })
  const bob = await signUp(server, { name: "Bob" })
  const browser = ada.actor
  const second = sessionOf(
    await browser.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email: bob.email, password: Redacted.make(PASSWORD) }))),
  )
  return { browser, ada, bob, bobToken: second.token }
}

describe("multi-session", () => {
  it("lists the sessions of every account signed in on the device", async () => {
    const { browser, ada, bob } = await twoAccountsInOneBrowser()
    const sessions = await browser.run(SDK.MultiSession.ListSessions.Handler())
    expect(sessions.map((s) => s.user.id).sort()).toEqual([ada.user.id, bob.user.id].sort())
    for (const { session, user } of sessions) {
      expect(session.userId).toBe(user.id)
      expect(session.expiresAt).toBeInstanceOf(Date)
      expect(user.image).toBeNull()
    }
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(bob.user.id)
  })

  it("switches the active session to another account on the device", async () => {
    const { browser, ada } = await twoAccountsInOneBrowser()
    const sessions = await browser.run(SDK.MultiSession.ListSessions.Handler())
    const adaToken = sessions.find((s) => s.user.id === ada.user.id)?.session.token ?? ""
    const active = await browser.run(SDK.MultiSession.SetActive.Handler(new SDK.MultiSession.SetActive.Payload({ sessionToken: adaToken })))
    expect(active.user.id).toBe(ada.user.id)
    expect(active.user.name).toBe("Ada")
    expect(active.session.token).toBe(adaToken)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(ada.user.id)
    await browser.reject(SDK.MultiSession.SetActive.Handler(new SDK.MultiSession.SetActive.Payload({ sessionToken: "unknown" })), {
      code: "INVALID_SESSION_TOKEN",
      status: 401,
    })
  })

  it("revokes one account's session on the device and keeps the other", async () => {
    const { browser, ada, bobToken } = await twoAccountsInOneBrowser()
    const answer = await browser.run(SDK.MultiSession.Revoke.Handler(new SDK.MultiSession.Revoke.Payload({ sessionToken: bobToken })))
    expect(answer.status).toBe(true)
    const sessions = await browser.run(SDK.MultiSession.ListSessions.Handler())
    expect(sessions.map((s) => s.user.id)).toEqual([ada.user.id])
  })
})
