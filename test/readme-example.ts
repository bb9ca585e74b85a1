// The README's example, compiled by `npm test` (tsc) so it cannot drift from the generated API.
import { Effect, Redacted } from "effect"
import * as Auth from "../generated/index.ts"

export const program = Effect.gen(function* () {
  yield* Auth.SignIn.Email.Handler(new Auth.SignIn.Email.Payload({ email: "ada@example.com", password: Redacted.make("secret password") }))
  const session = yield* Auth.Core.GetSession.Handler()
  return session
}).pipe(
  Effect.catchTag("BetterAuthApiError", (error) => {
    // Narrowed to the codes Better Auth declares, a misspelt case does not compile.
    if (Auth.Runtime.isBetterAuthErrorCode(error.code)) {
      switch (error.code) {
        case "INVALID_EMAIL_OR_PASSWORD":
          return Effect.succeed({ failed: "wrong email or password" })
        case "EMAIL_NOT_VERIFIED":
          return Effect.succeed({ failed: "confirm your email first" })
      }
    }
    return Effect.succeed({ failed: error.message })
  }),
  Effect.provide(Auth.Runtime.layer({ baseURL: "http://localhost:3000" })),
)
