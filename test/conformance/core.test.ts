/**
 * The generated handlers against a real in-process Better Auth server: the contracts decode what the
 * server really answers (Date instances from the client's JSON parser, null for unset fields), and
 * errors arrive typed with Better Auth's code and status.
 */
import { Effect, Exit, Redacted, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { layerFromClient } from "../../generated/_runtime/client.ts"
import * as SDK from "../../generated/index.ts"
import { startLiveServer } from "../support/live.ts"

const run = <A, E>(server: ReturnType<typeof startLiveServer>, effect: Effect.Effect<A, E, SDK.Runtime.AuthClient>) =>
  Effect.runPromiseExit(effect.pipe(Effect.provide(layerFromClient(server.client))))

describe("generated handlers against a live server", () => {
  it("signs up and reads the session, decoding dates and null fields", async () => {
    const server = startLiveServer()
    const signUp = await run(
      server,
      SDK.SignUp.Email.Handler(
        new SDK.SignUp.Email.Payload({ email: "ada@example.com", name: "Ada Lovelace", password: Redacted.make("correct horse battery") }),
      ),
    )
    expect(Exit.isSuccess(signUp)).toBe(true)
    const session = await run(server, SDK.Core.GetSession.Handler())
    if (!Exit.isSuccess(session)) throw new Error(String(session.cause))
    const value = session.value as { user: { email: string; image?: string | null; createdAt: Date } }
    expect(value.user.email).toBe("ada@example.com")
    expect(value.user.createdAt).toBeInstanceOf(Date)
    expect(value.user.image ?? null).toBeNull()
  })

  it("fails with a typed BetterAuthApiError carrying Better Auth's code and status", async () => {
    const server = startLiveServer()
    const exit = await run(
      server,
      SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email: "nobody@example.com", password: Redacted.make("wrong password") })).pipe(
        Effect.flip,
      ),
    )
    if (!Exit.isSuccess(exit)) throw new Error(String(exit.cause))
    expect(exit.value._tag).toBe("BetterAuthApiError")
    if (exit.value._tag !== "BetterAuthApiError") return
    expect(exit.value.code).toBe("INVALID_EMAIL_OR_PASSWORD")
    expect(exit.value.status).toBe(401)
  })

  it("rejects answers that do not fit the contract", () => {
    const decode = Schema.decodeUnknownExit(SDK.SignIn.Email.Success)
    const user = { id: "u1", email: "a@b.c", name: "A", emailVerified: false, createdAt: new Date(), updatedAt: new Date(), image: null }
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user }))).toBe(true)
    expect(Exit.isSuccess(decode({ redirect: false, token: "t", user: { ...user, createdAt: "not a date" } }))).toBe(false)
    expect(Exit.isSuccess(decode({ redirect: false, token: 42, user }))).toBe(false)
  })
})
