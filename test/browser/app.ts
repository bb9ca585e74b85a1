/**
 * The app the real-browser test loads (bundled for the browser by esbuild): it imports the SDK as an app
 * does and runs the generated handlers with the browser's own fetch and cookies — `credentials: "include"`,
 * no custom fetch. Each step is a function on `window.authSteps`, answering the decoded result made
 * JSON-safe (a `Date` becomes `"Date(<ISO string>)"`, so the test sees what decoding produced).
 */
import { Cause, Effect, Exit, Redacted } from "effect"
import * as Auth from "../../generated/index.ts"

const AuthLive = Auth.Runtime.layer({ baseURL: location.origin, fetchOptions: { credentials: "include" } })

/** What `page.evaluate` can carry back: dates tagged, class instances as plain objects. */
const plain = (value: unknown): unknown => {
  if (value instanceof Date) return `Date(${value.toISOString()})`
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
  return value
}

/** Runs a handler with the app's client layer; a failure rejects with Effect's rendering of the cause. */
const run = async <A>(handler: Effect.Effect<A, Auth.Runtime.HandlerError, Auth.Runtime.AuthClient>): Promise<unknown> => {
  const exit = await Effect.runPromiseExit(handler.pipe(Effect.provide(AuthLive)))
  if (Exit.isFailure(exit)) throw new Error(Cause.pretty(exit.cause))
  return plain(exit.value)
}

/** Runs a handler that must fail; answers its typed failure as a plain object. */
const failure = async <A>(handler: Effect.Effect<A, Auth.Runtime.HandlerError, Auth.Runtime.AuthClient>): Promise<unknown> => {
  const exit = await Effect.runPromiseExit(Effect.flip(handler).pipe(Effect.provide(AuthLive)))
  if (Exit.isFailure(exit)) throw new Error(Cause.pretty(exit.cause))
  return { ...(plain(exit.value) as object), _tag: exit.value._tag, message: exit.value.message }
}

export interface Credentials {
  readonly email: string
  readonly password: string
}

const steps = {
  signUp: ({ name, email, password }: Credentials & { readonly name: string }) =>
    run(Auth.SignUp.Email.Handler(new Auth.SignUp.Email.Payload({ name, email, password: Redacted.make(password) }))),
  signIn: ({ email, password }: Credentials) =>
    run(Auth.SignIn.Email.Handler(new Auth.SignIn.Email.Payload({ email, password: Redacted.make(password) }))),
  getSession: () => run(Auth.Core.GetSession.Handler()),
  listSessions: () => run(Auth.Core.ListSessions.Handler()),
  signOut: () => run(Auth.Core.SignOut.Handler(new Auth.Core.SignOut.Payload({}))),
  /** A bad magic-link token: the server redirects, which the browser's fetch sees as an opaque redirect. */
  verifyMagicLink: (token: string) => failure(Auth.MagicLink.Verify.Handler({ token })),
  /** The cookies the page's script can read: the session cookie must not be among them (httpOnly). */
  documentCookie: () => document.cookie,
}

export type AuthSteps = typeof steps

Object.assign(window, { authSteps: steps })
