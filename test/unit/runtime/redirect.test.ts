/** The runtime's answer to a redirect: a typed BetterAuthApiError, in Node (3xx + Location) and in a browser (opaque). */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { AuthClient, type AuthClientInstance } from "../../../templates/runtime/client.ts"
import { BetterAuthApiError } from "../../../templates/runtime/errors.ts"
import { createEmptyHandler, type RedirectResponse, redirectError } from "../../../templates/runtime/handler.ts"

const answer = (status: number, location?: string, type = "basic"): RedirectResponse => ({
  status,
  statusText: status === 0 ? "" : "Found",
  type,
  headers: new Headers(location === undefined ? {} : { location }),
})

describe("redirectError", () => {
  it("reads Better Auth's error code, and its description when there is one, from the Location", () => {
    expect(redirectError(answer(302, "http://localhost:3000/?error=INVALID_TOKEN"))).toEqual(
      new BetterAuthApiError({
        message: "Better Auth redirected with error INVALID_TOKEN",
        code: "INVALID_TOKEN",
        status: 302,
        statusText: "Found",
        location: "http://localhost:3000/?error=INVALID_TOKEN",
      }),
    )
    const relative = redirectError(answer(303, "/sign-in?error=EXPIRED_TOKEN&error_description=The+link+expired"))
    expect(relative).toMatchObject({
      code: "EXPIRED_TOKEN",
      status: 303,
      location: "/sign-in?error=EXPIRED_TOKEN&error_description=The+link+expired",
    })
    expect(relative?.message).toBe("The link expired")
  })

  it("fails without a code for a redirect without error, and for the browser's opaque redirect", () => {
    const plain = redirectError(answer(302, "/welcome"))
    expect(plain).toMatchObject({ code: undefined, status: 302, location: "/welcome" })
    expect(plain?.message).toBe("Better Auth redirected to /welcome")
    const opaque = redirectError(answer(0, undefined, "opaqueredirect"))
    expect(opaque).toMatchObject({ code: undefined, status: 0 })
    expect(opaque?.message).toMatch(/opaque redirect: no status, no Location/)
    expect(opaque && "location" in opaque).toBe(false)
  })

  it("leaves other answers alone", () => {
    expect(redirectError(answer(200))).toBeUndefined()
    expect(redirectError(answer(404))).toBeUndefined()
  })
})

describe("a handler of an endpoint that can redirect", () => {
  const handler = (response: RedirectResponse, outcome: "answer" | "throw") =>
    createEmptyHandler({
      domain: "magic-link",
      feature: "verify",
      successSchema: Schema.Struct({ token: Schema.String }),
      mutatesSession: true,
      execute: async (_client, fetchOptions) => {
        expect(fetchOptions.redirect).toBe("manual")
        fetchOptions.onResponse({ response })
        if (outcome === "throw") throw new TypeError("body unusable")
        return { data: null, error: { status: response.status, statusText: response.statusText } }
      },
    })
  const run = (response: RedirectResponse, outcome: "answer" | "throw" = "answer") =>
    Effect.runPromise(Effect.flip(handler(response, outcome)()).pipe(Effect.provideService(AuthClient, {} as AuthClientInstance)))

  it("fails with the redirect's code instead of the client's error", async () => {
    expect(await run(answer(302, "/?error=INVALID_TOKEN"))).toMatchObject({
      _tag: "BetterAuthApiError",
      code: "INVALID_TOKEN",
      status: 302,
    })
  })

  it("fails with a BetterAuthApiError for a browser's opaque redirect, even when reading it threw", async () => {
    expect(await run(answer(0, undefined, "opaqueredirect"), "throw")).toMatchObject({
      _tag: "BetterAuthApiError",
      code: undefined,
      status: 0,
    })
    expect(await run(answer(200), "throw")).toMatchObject({ _tag: "BetterAuthTransportError", message: "body unusable" })
  })
})
