/**
 * The admin plugin through the generated handlers: listing, creating, updating and removing users,
 * roles, bans, passwords, sessions, impersonation and permission checks, with the typed failures of a
 * plain user calling admin endpoints and of a banned user signing in.
 */
import { Redacted } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { type Actor, startServer } from "./support/harness.ts"
import { freshEmail, makeAdmin, PASSWORD, sessionOf, signIn, type SignedUp, signUp } from "./support/users.ts"

const server = await startServer()
let admin: Actor

beforeAll(async () => {
  const signedUp = await signUp(server, { name: "Admin" })
  await makeAdmin(server, signedUp.user.id)
  admin = (await signIn(server, signedUp.email)).actor
})

const signInWith = (email: string, password = PASSWORD) =>
  SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password: Redacted.make(password) }))

describe("users", () => {
  it("creates a user with a role and finds it by id and by search", async () => {
    const email = freshEmail("created")
    const created = await admin.run(
      SDK.Admin.CreateUser.Handler(
        new SDK.Admin.CreateUser.Payload({ email, name: "Created Ülrich", password: Redacted.make(PASSWORD), role: "admin" }),
      ),
    )
    expect(created.user).toMatchObject({ email, name: "Created Ülrich", role: "admin", banned: false, image: null })

    const found = await admin.run(SDK.Admin.GetUser.Handler(new SDK.Admin.GetUser.Payload({ id: created.user.id })))
    expect(found).toMatchObject({ id: created.user.id, email })
    expect(found.createdAt).toBeInstanceOf(Date)

    const listed = await admin.run(
      SDK.Admin.ListUsers.Handler(
        new SDK.Admin.ListUsers.Payload({ searchField: "email", searchValue: email, searchOperator: "contains", limit: 10 }),
      ),
    )
    expect(listed.total).toBe(1)
    expect(listed.users.map((u) => u.id)).toEqual([created.user.id])
    expect(listed.limit).toBe(10)

    // The created user can sign in with the password the admin set.
    expect(sessionOf(await server.actor().run(signInWith(email))).user.id).toBe(created.user.id)
  })

  it("updates a user's fields and role, and sets a new password", async () => {
    const target = await signUp(server, { name: "Target" })
    const updated = await admin.run(
      SDK.Admin.UpdateUser.Handler(
        new SDK.Admin.UpdateUser.Payload({ userId: target.user.id, data: { name: "Renamed 名前", image: null } }),
      ),
    )
    expect(updated).toMatchObject({ id: target.user.id, name: "Renamed 名前", image: null })

    const promoted = await admin.run(
      SDK.Admin.SetRole.Handler(new SDK.Admin.SetRole.Payload({ userId: target.user.id, role: ["admin", "user"] })),
    )
    expect(promoted.user.role).toBe("admin,user")

    const reset = await admin.run(
      SDK.Admin.SetUserPassword.Handler(
        new SDK.Admin.SetUserPassword.Payload({ userId: target.user.id, newPassword: Redacted.make("set by the admin") }),
      ),
    )
    expect(reset.status).toBe(true)
    const browser = server.actor()
    await browser.reject(signInWith(target.email), { code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })
    expect(sessionOf(await browser.run(signInWith(target.email, "set by the admin"))).user.id).toBe(target.user.id)
  })

  it("removes a user", async () => {
    const target = await signUp(server)
    const answer = await admin.run(SDK.Admin.RemoveUser.Handler(new SDK.Admin.RemoveUser.Payload({ userId: target.user.id })))
    expect(answer.success).toBe(true)
    await admin.reject(SDK.Admin.GetUser.Handler(new SDK.Admin.GetUser.Payload({ id: target.user.id })), {
      code: "USER_NOT_FOUND",
      status: 404,
    })
  })

  it("refuses admin endpoints to a plain user", async () => {
    const plain = await signUp(server)
    await plain.actor.reject(SDK.Admin.ListUsers.Handler(new SDK.Admin.ListUsers.Payload({})), {
      code: "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS",
      status: 403,
    })
    await plain.actor.reject(SDK.Admin.SetRole.Handler(new SDK.Admin.SetRole.Payload({ userId: plain.user.id, role: "admin" })), {
      code: "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
      status: 403,
    })
  })
})

describe("bans", () => {
  it("bans a user (revoking its sessions), refuses its sign-in, and unbans it", async () => {
    const target = await signUp(server)
    const banned = await admin.run(
      SDK.Admin.BanUser.Handler(new SDK.Admin.BanUser.Payload({ userId: target.user.id, banReason: "spam 🚫", banExpiresIn: 3600 })),
    )
    expect(banned.user).toMatchObject({ id: target.user.id, banned: true, banReason: "spam 🚫" })
    expect(banned.user.banExpires?.getTime()).toBeGreaterThan(Date.now())
    expect(await target.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    await server.actor().reject(signInWith(target.email), { code: "BANNED_USER", status: 403 })

    const unbanned = await admin.run(SDK.Admin.UnbanUser.Handler(new SDK.Admin.UnbanUser.Payload({ userId: target.user.id })))
    expect(unbanned.user).toMatchObject({ id: target.user.id, banned: false, banReason: null, banExpires: null })
    expect(sessionOf(await server.actor().run(signInWith(target.email))).user.id).toBe(target.user.id)
  })
})

describe("sessions of other users", () => {
  const targetWithTwoSessions = async (): Promise<SignedUp & { other: Actor }> => {
    const target = await signUp(server)
    const other = (await signIn(server, target.email)).actor
    return { ...target, other }
  }

  it("lists a user's sessions and revokes one", async () => {
    const target = await targetWithTwoSessions()
    const listed = await admin.run(SDK.Admin.ListUserSessions.Handler(new SDK.Admin.ListUserSessions.Payload({ userId: target.user.id })))
    expect(listed.sessions).toHaveLength(2)
    for (const session of listed.sessions) expect(session.userId).toBe(target.user.id)
    const [first] = listed.sessions
    const revoked = await admin.run(
      SDK.Admin.RevokeUserSession.Handler(new SDK.Admin.RevokeUserSession.Payload({ sessionToken: first?.token ?? "" })),
    )
    expect(revoked.success).toBe(true)
    const after = await admin.run(SDK.Admin.ListUserSessions.Handler(new SDK.Admin.ListUserSessions.Payload({ userId: target.user.id })))
    expect(after.sessions.map((s) => s.token)).not.toContain(first?.token)
  })

  it("revokes all sessions of a user", async () => {
    const target = await targetWithTwoSessions()
    const answer = await admin.run(
      SDK.Admin.RevokeUserSessions.Handler(new SDK.Admin.RevokeUserSessions.Payload({ userId: target.user.id })),
    )
    expect(answer.success).toBe(true)
    expect(await target.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
    expect(await target.other.run(SDK.Core.GetSession.Handler())).toBeNull()
  })
})

describe("impersonation", () => {
  it("impersonates a user and stops, returning to the admin's session", async () => {
    const signedUp = await signUp(server, { name: "Impersonator" })
    await makeAdmin(server, signedUp.user.id)
    const impersonator = (await signIn(server, signedUp.email)).actor
    const target = await signUp(server, { name: "Impersonated" })

    const answer = await impersonator.run(
      SDK.Admin.ImpersonateUser.Handler(new SDK.Admin.ImpersonateUser.Payload({ userId: target.user.id })),
    )
    expect(answer.user.id).toBe(target.user.id)
    expect(answer.session.impersonatedBy).toBe(signedUp.user.id)
    expect((await impersonator.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(target.user.id)

    const back = await impersonator.run(SDK.Admin.StopImpersonating.Handler())
    expect(back.user.id).toBe(signedUp.user.id)
    expect(back.session.impersonatedBy).toBeNull()
    expect((await impersonator.run(SDK.Core.GetSession.Handler()))?.user.id).toBe(signedUp.user.id)
  })
})

describe("permissions", () => {
  it("answers whether the current user holds a permission", async () => {
    const check = new SDK.Admin.HasPermission.Payload({ permissions: { user: ["ban"] } })
    expect(await admin.run(SDK.Admin.HasPermission.Handler(check))).toMatchObject({ success: true, error: null })
    const plain = await signUp(server)
    expect((await plain.actor.run(SDK.Admin.HasPermission.Handler(check))).success).toBe(false)
  })
})
