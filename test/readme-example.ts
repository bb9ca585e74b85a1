// The README's example, compiled by `npm test` (tsc) so it cannot drift from the generated API.
import { Effect, Redacted } from "effect"
import * as Auth from "../generated/index.ts"

export const program = Effect.gen(function* () {
  yield* Auth.SignIn.Email.Handler(
    new Auth.SignIn.Email.Payload({ email: "ada@example.com", password: Redacted.make("secret password") }),
  )
  const session = yield* Auth.Core.GetSession.Handler()
  return session
}).pipe(
  Effect.catchTag("BetterAuthApiError", (error) => Effect.succeed({ failed: error.code })),
  Effect.provide(Auth.Runtime.layer({ baseURL: "http://localhost:3000" })),
)
