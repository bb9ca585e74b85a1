/** Shared steps of many flows: fresh addresses, a signed-up user with its own browser, making an admin. */
import { Redacted, Schema } from "effect"
import * as SDK from "../../../generated/index.ts"
import type { Actor, ConformanceServer } from "./harness.ts"

let counter = 0

/** A fresh address per call, so flows sharing a server never collide. */
export const freshEmail = (label = "user") => `${label}-${++counter}@example.com`

export const PASSWORD = "correct horse battery staple"

/** The cookie in which the last-login-method plugin remembers how a browser last signed in. */
export const LAST_LOGIN_METHOD_COOKIE = "better-auth.last_used_login_method"

export interface SignedUp {
  readonly actor: Actor
  readonly user: SDK.SignUp.Email.Success["user"]
  readonly email: string
  readonly password: string
}

/** Signs up a new user in a new browser; the browser keeps the session cookie. */
export const signUp = async (
  server: ConformanceServer,
  fields: { readonly name?: string; readonly email?: string; readonly password?: string; readonly image?: string } = {},
): Promise<SignedUp> => {
  const actor = server.actor()
  const email = fields.email ?? freshEmail()
  const password = fields.password ?? PASSWORD
  const answer = await actor.run(
    SDK.SignUp.Email.Handler(
      new SDK.SignUp.Email.Payload({
        email,
        name: fields.name ?? "Test User",
        password: Redacted.make(password),
        ...(fields.image === undefined ? {} : { image: fields.image }),
      }),
    ),
  )
  return { actor, user: answer.user, email, password }
}

type SignInAnswer = SDK.SignIn.Email.Success | SDK.SignIn.Username.Success | SDK.SignIn.PhoneNumber.Success

const isChallenge = Schema.is(SDK.Common.TwoFactorChallenge)

/** The session variant of a password sign-in answer (not the two-factor challenge). */
export const sessionOf = <A extends SignInAnswer>(answer: A): Exclude<A, SDK.Common.TwoFactorChallenge> => {
  if (isChallenge(answer)) throw new Error("expected a session, got a two-factor challenge")
  return answer as Exclude<A, SDK.Common.TwoFactorChallenge>
}

/** Signs an existing user in from a new browser. */
export const signIn = async (server: ConformanceServer, email: string, password = PASSWORD) => {
  const actor = server.actor()
  const answer = await actor.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email, password: Redacted.make(password) })))
  return { actor, answer: sessionOf(answer) }
}

/** Gives a user the admin role directly in the database (the first admin cannot be made through the API). */
export const makeAdmin = async (server: ConformanceServer, userId: string) => {
  const context = await server.auth.$context
  await context.internalAdapter.updateUser(userId, { role: "admin" })
}

/** Verifies the user's address the way a browser would: request the email, follow its link. */
export const verifyEmail = async (server: ConformanceServer, signedUp: SignedUp) => {
  await signedUp.actor.run(
    SDK.EmailVerification.SendVerification.Handler(new SDK.EmailVerification.SendVerification.Payload({ email: signedUp.email })),
  )
  const { url } = server.latest("onVerificationEmail", (mail) => mail.email === signedUp.email)
  const response = await signedUp.actor.visit(url)
  if (response.status !== 302) throw new Error(`verification link answered ${response.status}`)
}
