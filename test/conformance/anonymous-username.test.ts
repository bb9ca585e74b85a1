/**
 * The anonymous and username plugins through the generated handlers: anonymous sign-in and deletion,
 * usernames at sign-up (normalized, with a display form), availability checks and sign-in by username,
 * with the typed failures of wrong credentials and of deleting a non-anonymous user.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { freshEmail, PASSWORD, sessionOf, signUp } from "./support/users.ts"

const server = await startServer()
let names = 0
const freshUsername = (stem = "Ada") => `${stem}_${++names}`

describe("anonymous", () => {
  it("signs in anonymously, then deletes the anonymous user", async () => {
    const browser = server.actor()
    const answer = await browser.run(SDK.SignIn.Anonymous.Handler())
    expect(answer.user.isAnonymous).toBe(true)
    expect(answer.user.email).toMatch(/@/)
    const session = await browser.run(SDK.Core.GetSession.Handler())
    expect(session?.user.id).toBe(answer.user.id)
    expect(session?.session.token).toBe(answer.token)

    const deleted = await browser.run(SDK.Anonymous.DeleteUser.Handler())
    expect(deleted.success).toBe(true)
    expect(await browser.run(SDK.Core.GetSession.Handler())).toBeNull()
  })

  it("refuses to delete a user who is not anonymous", async () => {
    const { actor } = await signUp(server)
    await actor.reject(SDK.Anonymous.DeleteUser.Handler(), { code: "USER_IS_NOT_ANONYMOUS", status: 403 })
  })
})

describe("username", () => {
  it("keeps a normalized username and its display form from sign-up", async () => {
    const username = freshUsername("Grace_Hopper")
    const email = freshEmail()
    const browser = server.actor()
    const answer = await browser.run(
      SDK.SignUp.Email.Handler(new SDK.SignUp.Email.Payload({ email, name: "Grace", password: Redacted.make(PASSWORD), username })),
    )
    expect(answer.user.username).toBe(username.toLowerCase())
    expect(answer.user.displayUsername).toBe(username)
  })

  it("checks availability, case-insensitively", async () => {
    const username = freshUsername()
    const { actor } = await signUp(server)
    await actor.run(SDK.Core.UpdateUser.Handler(new SDK.Core.UpdateUser.Payload({ username })))
    const check = (name: string) =>
      server.actor().run(SDK.IsUsernameAvailable.Handler(new SDK.IsUsernameAvailable.Payload({ username: name })))
    expect((await check(username.toUpperCase())).available).toBe(false)
    expect((await check(freshUsername())).available).toBe(true)
    await server.actor().reject(SDK.IsUsernameAvailable.Handler(new SDK.IsUsernameAvailable.Payload({ username: "no spaces!" })), {
      code: "INVALID_USERNAME",
      status: 422,
    })
  })

  it("signs in by username", async () => {
    const username = freshUsername()
    const { actor, user } = await signUp(server)
    await actor.run(SDK.Core.UpdateUser.Handler(new SDK.Core.UpdateUser.Payload({ username })))
    const browser = server.actor()
    const signIn = (name: string, password: string) =>
      SDK.SignIn.Username.Handler(new SDK.SignIn.Username.Payload({ username: name, password: Redacted.make(password) }))
    await browser.reject(signIn(username, "wrong password"), { code: "INVALID_USERNAME_OR_PASSWORD", status: 401 })
    const answer = sessionOf(await browser.run(signIn(username, PASSWORD)))
    expect(answer.user).toMatchObject({ id: user.id, username: username.toLowerCase() })
    expect(answer.redirect).toBe(false)
    expect((await browser.run(SDK.Core.GetSession.Handler()))?.session.token).toBe(answer.token)
  })
})
