/**
 * Bundle-size app (b′): app (b) importing each endpoint's module directly instead of the root namespace,
 * which shows what tree-shaking through the barrels should reach.
 */
// Effect by subpath, as a size-conscious app imports it: the app adds nothing the SDK does not pull in.
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Runtime from "../generated/_runtime/index.ts"
import * as GetSession from "../generated/core/get-session/index.ts"
import * as ListSessions from "../generated/core/list-sessions/index.ts"
import * as SignOut from "../generated/core/sign-out/index.ts"
import * as SignInEmail from "../generated/sign-in/email/index.ts"
import * as SignUpEmail from "../generated/sign-up/email/index.ts"

const AuthLive = Runtime.layer({ baseURL: location.origin, fetchOptions: { credentials: "include" } })

export const flow = (name: string, email: string, password: string) =>
  Effect.gen(function* () {
    yield* SignUpEmail.Handler(new SignUpEmail.Payload({ name, email, password: Redacted.make(password) }))
    yield* SignInEmail.Handler(new SignInEmail.Payload({ email, password: Redacted.make(password) }))
    const session = yield* GetSession.Handler()
    const sessions = yield* ListSessions.Handler()
    yield* SignOut.Handler(new SignOut.Payload({}))
    return { session, sessions }
  }).pipe(Effect.provide(AuthLive), Effect.runPromise)
