/**
 * Sessions through the generated handlers: listing a user's sessions from several browsers, revoking one,
 * the others or all of them, and updating a session's additional fields.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { type Actor, startServer } from "./support/harness.ts"
import { signIn, signUp } from "./support/users.ts"

// One additional session field, so that update-session has something to update (the shared
// configuration defines none, and the server refuses an update without fields).
const server = await startServer({
  extra: { session: { additionalFields: { theme: { type: "string", required: false } } } },
  extraKeys: ["theme"],
})

const tokenOf = async (actor: Actor) => {
  const session = await actor.run(SDK.Core.GetSession.Handler())
  if (session === null) throw new Error("expected a session")
  return session.session.token
}

describe("sessions", () => {
  it("lists every session of the user, one per browser", async () => {
    const { actor, user, email } = await signUp(server)
    const other = await signIn(server, email)
    const sessions = await actor.run(SDK.Core.ListSessions.Handler())
    expect(sessions.map((s) => s.token).sort()).toEqual([await tokenOf(actor), other.answer.token].sort())
    for (const session of sessions) {
      expect(session.userId).toBe(user.id)
      expect(session.createdAt).toBeInstanceOf(Date)
      expect(session.expiresAt.getTime()).toBeGreaterThan(session.createdAt.getTime())
      expect(session.impersonatedBy).toBeNull()
      expect(session.activeOrganizationId).toBeNull()
    }
  })

  it("revokes one session by token; the other browser is signed out", async () => {
    const { actor, email } = await signUp(server)
    const other = await signIn(server, email)
    const revoked = await actor.run(SDK.Core.RevokeSession.Handler(new SDK.Core.RevokeSession.Payload({ token: other.answer.token })))
    expect(revoked.status).toBe(true)
    expect(await other.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    expect((await actor.run(SDK.Core.ListSessions.Handler())).map((s) => s.token)).toEqual([await tokenOf(actor)])
  })

  it("revokes the other sessions and keeps the current one", async () => {
    const { actor, email } = await signUp(server)
    const second = await signIn(server, email)
    const third = await signIn(server, email)
    const answer = await actor.run(SDK.Core.RevokeOtherSessions.Handler())
    expect(answer.status).toBe(true)
    expect(await second.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    expect(await third.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    expect((await actor.run(SDK.Core.ListSessions.Handler())).map((s) => s.token)).toEqual([await tokenOf(actor)])
  })

  it("revokes every session, the current one included", async () => {
    const { actor, email } = await signUp(server)
    const other = await signIn(server, email)
    const answer = await actor.run(SDK.Core.RevokeSessions.Handler())
    expect(answer.status).toBe(true)
    expect(await actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    expect(await other.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    await actor.reject(SDK.Core.ListSessions.Handler(), { code: "UNAUTHORIZED", status: 401 })
  })

  it("updates an additional field of the current session", async () => {
    const { actor } = await signUp(server)
    const token = await tokenOf(actor)
    const answer = await actor.run(SDK.UpdateSession.Handler({ theme: "dark" }))
    expect(answer.session?.token).toBe(token)
    const context = await server.auth.$context
    expect((await context.internalAdapter.findSession(token))?.session).toMatchObject({ theme: "dark" })
    // Better Auth answers a bare 400 without a code when there is nothing to update.
    const error = await actor.reject(SDK.UpdateSession.Handler({}), { code: undefined, status: 400 })
    expect(error.message).toBe("No fields to update")
  })
})
