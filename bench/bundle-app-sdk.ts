/**
 * Bundle-size app (b): five generated handlers (sign-up email, sign-in email, get-session, list-sessions,
 * sign-out), imported the way the README shows, through the SDK's root namespace.
 */
// Effect by subpath, as a size-conscious app imports it: the app adds nothing the SDK does not pull in.
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Auth from "../generated/index.ts"

const AuthLive = Auth.Runtime.layer({ baseURL: location.origin, fetchOptions: { credentials: "include" } })

export const flow = (name: string, email: string, password: string) =>
  Effect.gen(function* () {
    yield* Auth.SignUp.Email.Handler(new Auth.SignUp.Email.Payload({ name, email, password: Redacted.make(password) }))
    yield* Auth.SignIn.Email.Handler(new Auth.SignIn.Email.Payload({ email, password: Redacted.make(password) }))
    const session = yield* Auth.Core.GetSession.Handler()
    const sessions = yield* Auth.Core.ListSessions.Handler()
    yield* Auth.Core.SignOut.Handler(new Auth.Core.SignOut.Payload({}))
    return { session, sessions }
  }).pipe(Effect.provide(AuthLive), Effect.runPromise)
