import { Cause, Exit } from "effect"
import * as Redacted from "effect/Redacted"
import { afterAll, describe, expect, it } from "vitest"
import * as Server from "../../generated-server/index.ts"
import { startLiveServer } from "../support/live.ts"
import { browser, serve } from "../support/served.ts"

const live = startLiveServer()
const served = serve(live.auth)
afterAll(() => served.dispose())

describe("the generated server target, served in-process", () => {
  it("signs up, reads the session, lists sessions and signs out through the derived HttpApiClient", async () => {
    const b = browser(served)
    const email = `served-${Date.now()}@example.com`
    const signUp = await b.run((api) =>
      api.signUp.email({ payload: new Server.SignUp.Email.Payload({ email, name: "Served", password: Redacted.make("password-123456") }) }),
    )
    if (Exit.isFailure(signUp)) throw new Error(Cause.pretty(signUp.cause))
    expect(signUp.value.user.email).toBe(email)
    const session = await b.run((api) => api.core.getSession({ query: new Server.Core.GetSession.Payload({}) }))
    if (Exit.isFailure(session)) throw new Error(String(session.cause))
    expect(session.value?.user.email).toBe(email)
  })
})
