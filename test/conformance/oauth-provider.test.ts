/**
 * The OAuth 2.1 / OpenID provider plugin through the generated handlers: client management (create, read,
 * update, rotate, delete), an authorization-code flow (consent, continue after sign-in, userinfo with the
 * issued access token), consents and RP-initiated logout, plus the typed failures the plugin answers.
 */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { type Actor, startServer } from "./support/harness.ts"
import { authorize, codeFrom, exchangeCode, LOGOUT_URI, REDIRECT_URI, SCOPE, withLoopback } from "./support/oauth.ts"
import { PASSWORD, signUp } from "./support/users.ts"

const server = await startServer()

/** A signed-in developer with a confidential client. */
const withClient = async () => {
  const developer = await signUp(server, { name: "Developer" })
  const client = await developer.actor.run(
    SDK.Oauth2.CreateClient.Handler(
      new SDK.Oauth2.CreateClient.Payload({
        client_name: "Conformance App",
        redirect_uris: [REDIRECT_URI],
        post_logout_redirect_uris: [LOGOUT_URI],
        grant_types: ["authorization_code", "refresh_token"],
        scope: SCOPE,
        token_endpoint_auth_method: "client_secret_post",
      }),
    ),
  )
  return { developer, client, credentials: { clientId: client.client_id, clientSecret: client.client_secret ?? "" } }
}

/** A user who consented to the client; answers the user, the tokens and the consent answer. */
const consented = async (clientId: string, credentials: { clientId: string; clientSecret: string }) => {
  const user = await signUp(server, { name: "Resource Owner" })
  const { page, signedQuery } = await authorize(user.actor, clientId)
  expect(page).toBe("/consent")
  const consent = await user.actor.run(
    SDK.Oauth2.Consent.Handler(new SDK.Oauth2.Consent.Payload({ accept: true, oauth_query: signedQuery })),
  )
  const tokens = await exchangeCode(user.actor, credentials, codeFrom(consent.url))
  return { user, consent, tokens }
}

describe("OAuth clients", () => {
  it("creates a confidential client owned by the signed-in user", async () => {
    const { developer, client } = await withClient()
    expect(client).toMatchObject({
      client_name: "Conformance App",
      redirect_uris: [REDIRECT_URI],
      post_logout_redirect_uris: [LOGOUT_URI],
      user_id: developer.user.id,
      token_endpoint_auth_method: "client_secret_post",
      response_types: ["code"],
      disabled: false,
    })
    expect(client.client_secret?.length).toBeGreaterThan(20)
    expect(client.client_id_issued_at).toBeGreaterThan(1_600_000_000)
  })

  it("reads the client (without its secret), lists it, and shows its public fields", async () => {
    const { developer, client } = await withClient()
    const read = await developer.actor.run(SDK.Oauth2.GetClient.Handler(new SDK.Oauth2.GetClient.Payload({ client_id: client.client_id })))
    expect(read).toMatchObject({ client_id: client.client_id, client_name: "Conformance App" })
    expect(read.client_secret).toBeUndefined()
    const listed = await developer.actor.run(SDK.Oauth2.GetClients.Handler())
    expect(listed.map((c) => c.client_id)).toEqual([client.client_id])
    const shown = await developer.actor.run(
      SDK.Oauth2.PublicClient.Handler(new SDK.Oauth2.PublicClient.Payload({ client_id: client.client_id })),
    )
    expect(shown).toMatchObject({ client_id: client.client_id, client_name: "Conformance App" })
  })

  it("renames the client, rotates its secret and deletes it", async () => {
    const { developer, client } = await withClient()
    const renamed = await developer.actor.run(
      SDK.Oauth2.UpdateClient.Handler(
        new SDK.Oauth2.UpdateClient.Payload({ client_id: client.client_id, update: { client_name: "Renamed ✨ App" } }),
      ),
    )
    expect(renamed.client_name).toBe("Renamed ✨ App")
    const rotated = await developer.actor.run(
      SDK.Oauth2.Client.RotateSecret.Handler(new SDK.Oauth2.Client.RotateSecret.Payload({ client_id: client.client_id })),
    )
    expect(rotated.client_secret?.length).toBeGreaterThan(20)
    expect(rotated.client_secret).not.toBe(client.client_secret)
    expect(
      await developer.actor.run(SDK.Oauth2.DeleteClient.Handler(new SDK.Oauth2.DeleteClient.Payload({ client_id: client.client_id }))),
    ).toBeNull()
    expect(await developer.actor.run(SDK.Oauth2.GetClients.Handler())).toEqual([])
  })

  it("refuses dynamic registration, which the configuration leaves disabled", async () => {
    await server.actor().reject(SDK.Oauth2.Register.Handler(new SDK.Oauth2.Register.Payload({ redirect_uris: [REDIRECT_URI] })), {
      code: "access_denied",
      status: 403,
    })
  })
})

describe("authorization code flow", () => {
  it("grants a code on consent; the access token reads the user's info", async () => {
    const { client, credentials } = await withClient()
    const { user, consent, tokens } = await consented(client.client_id, credentials)
    expect(consent.redirect).toBe(true)
    expect(consent.url.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    expect(new URL(consent.url).searchParams.get("state")).toBe("state-1234")
    expect(tokens.scope).toBe(SCOPE)

    const resourceServer: Actor = server.actor({ authorization: `Bearer ${tokens.access_token}` })
    const info = await resourceServer.run(SDK.Oauth2.Userinfo.Handler())
    expect(info).toMatchObject({ sub: user.user.id, email: user.email, name: "Resource Owner", email_verified: false })
  })

  it("sends the denial back to the client", async () => {
    const { client } = await withClient()
    const user = await signUp(server)
    const { signedQuery } = await authorize(user.actor, client.client_id)
    const denied = await user.actor.run(
      SDK.Oauth2.Consent.Handler(new SDK.Oauth2.Consent.Payload({ accept: false, oauth_query: signedQuery })),
    )
    expect(new URL(denied.url).searchParams.get("error")).toBe("access_denied")
  })

  it("continues an authorization that had to sign the user in first", async () => {
    const { client } = await withClient()
    const user = await signUp(server)
    const browser = server.actor()
    const { page, signedQuery } = await authorize(browser, client.client_id)
    expect(page).toBe("/sign-in")
    await browser.run(SDK.SignIn.Email.Handler(new SDK.SignIn.Email.Payload({ email: user.email, password: Redacted.make(PASSWORD) })))
    const next = await browser.run(
      SDK.Oauth2.Continue.Handler(new SDK.Oauth2.Continue.Payload({ postLogin: true, oauth_query: signedQuery })),
    )
    expect(next.redirect).toBe(true)
    expect(next.url.startsWith("/consent?")).toBe(true)
  })

  it("refuses userinfo without an access token", async () => {
    await server.actor().reject(SDK.Oauth2.Userinfo.Handler(), { code: "invalid_request", status: 401 })
  })

  it("refuses the client's public prelogin view, which the configuration leaves disabled", async () => {
    const { client } = await withClient()
    await server
      .actor()
      .reject(SDK.Oauth2.PublicClientPrelogin.Handler(new SDK.Oauth2.PublicClientPrelogin.Payload({ client_id: client.client_id })), {
        code: undefined,
        status: 400,
      })
  })
})

describe("consents", () => {
  it("lists, reads, narrows and revokes a consent", async () => {
    const { client, credentials } = await withClient()
    const { user } = await consented(client.client_id, credentials)
    const consents = await user.actor.run(SDK.Oauth2.GetConsents.Handler())
    expect(consents).toHaveLength(1)
    const [consent] = consents
    expect(consent).toMatchObject({ clientId: client.client_id, userId: user.user.id, scopes: SCOPE.split(" ") })
    expect(consent?.createdAt).toBeInstanceOf(Date)
    const id = consent?.id ?? ""

    const read = await user.actor.run(SDK.Oauth2.GetConsent.Handler(new SDK.Oauth2.GetConsent.Payload({ id })))
    expect(read.id).toBe(id)
    const narrowed = await user.actor.run(
      SDK.Oauth2.UpdateConsent.Handler(new SDK.Oauth2.UpdateConsent.Payload({ id, update: { scopes: ["openid", "profile"] } })),
    )
    expect(narrowed.scopes).toEqual(["openid", "profile"])
    expect(await user.actor.run(SDK.Oauth2.DeleteConsent.Handler(new SDK.Oauth2.DeleteConsent.Payload({ id })))).toBeNull()
    expect(await user.actor.run(SDK.Oauth2.GetConsents.Handler())).toEqual([])
  })
})

describe("RP-initiated logout", () => {
  it("ends the session named by an ID token for a client allowed to", async () => {
    const { client, credentials } = await withClient()
    // enable_end_session is a server-only client setting: an administrator sets it in the database.
    const context = await server.auth.$context
    await context.adapter.update({
      model: "oauthClient",
      where: [{ field: "clientId", value: client.client_id }],
      update: { enableEndSession: true },
    })
    const { user, tokens } = await consented(client.client_id, credentials)
    // The server verifies the hint with its own JWKS, fetched from its public URL.
    const ended = await withLoopback(server, () =>
      user.actor.run(
        SDK.Oauth2.EndSession.Handler(
          new SDK.Oauth2.EndSession.Payload({
            id_token_hint: tokens.id_token,
            client_id: client.client_id,
            post_logout_redirect_uri: LOGOUT_URI,
            state: "bye",
          }),
        ),
      ),
    )
    expect(ended).toEqual({ redirect: true, url: `${LOGOUT_URI}?state=bye` })
    expect(await user.actor.run(SDK.Core.GetSession.Handler())).toBeNull()
  })
})
