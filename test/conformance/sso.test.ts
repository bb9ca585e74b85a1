/**
 * Single sign-on providers through the generated handlers: registering an OIDC provider (discovery
 * skipped, endpoints given) and a SAML provider, listing, reading, updating and deleting them, the SAML
 * service-provider metadata, and starting an SSO sign-in by provider or by email domain.
 */
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()
let providers = 0

const IDP = "https://idp.acme.test"
const oidcProvider = (providerId: string, domain: string) =>
  new SDK.Sso.Register.Payload({
    providerId,
    issuer: IDP,
    domain,
    oidcConfig: {
      clientId: "acme-client",
      clientSecret: "acme-client-secret",
      skipDiscovery: true,
      discoveryEndpoint: `${IDP}/.well-known/openid-configuration`,
      authorizationEndpoint: `${IDP}/authorize`,
      tokenEndpoint: `${IDP}/token`,
      jwksEndpoint: `${IDP}/jwks`,
      userInfoEndpoint: `${IDP}/userinfo`,
    },
  })

/** A signed-in administrator of its own OIDC provider. */
const withOidcProvider = async () => {
  const owner = await signUp(server)
  const providerId = `acme-oidc-${++providers}`
  const domain = `acme${providers}.test`
  const registered = await owner.actor.run(SDK.Sso.Register.Handler(oidcProvider(providerId, domain)))
  return { owner, providerId, domain, registered }
}

describe("SSO providers", () => {
  it("registers an OIDC provider with its endpoints", async () => {
    const { owner, providerId, domain, registered } = await withOidcProvider()
    expect(registered).toMatchObject({ providerId, domain, issuer: IDP, userId: owner.user.id, organizationId: null, samlConfig: null })
    expect(registered.oidcConfig).toMatchObject({ clientId: "acme-client", authorizationEndpoint: `${IDP}/authorize`, pkce: true })
    expect(registered.redirectURI).toBe(`http://localhost:3000/api/auth/sso/callback/${providerId}`)
  })

  it("decodes a registration answer without organizationId, as the memory adapter leaves the unset column out", async () => {
    const { owner, providerId, domain } = await withOidcProvider()
    const response = await owner.actor.fetch("http://localhost:3000/api/auth/sso/register", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(oidcProvider(`${providerId}-raw`, `raw.${domain}`)),
    })
    const { organizationId, ...answer } = (await response.json()) as Record<string, unknown>
    expect(organizationId).toBeNull()
    expect(Schema.decodeUnknownSync(SDK.Sso.Register.Success)(answer).organizationId).toBeUndefined()
  })

  it("lists and reads the provider with its client id masked", async () => {
    const { owner, providerId, domain } = await withOidcProvider()
    const listed = await owner.actor.run(SDK.Sso.Providers.Handler())
    expect(listed.providers.map((p) => p.providerId)).toEqual([providerId])
    const read = await owner.actor.run(SDK.Sso.GetProvider.Handler(new SDK.Sso.GetProvider.Payload({ providerId })))
    expect(read).toMatchObject({ providerId, type: "oidc", domain, domainVerified: false })
    expect(read.oidcConfig?.clientIdLastFour).toBe("****ient")
    expect(JSON.stringify(read)).not.toContain("acme-client-secret")
  })

  it("updates the domain and deletes the provider", async () => {
    const { owner, providerId } = await withOidcProvider()
    const updated = await owner.actor.run(
      SDK.Sso.UpdateProvider.Handler(new SDK.Sso.UpdateProvider.Payload({ providerId, domain: "renamed.acme.test" })),
    )
    expect(updated.domain).toBe("renamed.acme.test")
    const deleted = await owner.actor.run(SDK.Sso.DeleteProvider.Handler(new SDK.Sso.DeleteProvider.Payload({ providerId })))
    expect(deleted.success).toBe(true)
    const gone = await owner.actor.reject(SDK.Sso.GetProvider.Handler(new SDK.Sso.GetProvider.Payload({ providerId })), {
      code: undefined,
      status: 404,
    })
    expect(gone.message).toBe("Provider not found")
  })

  it("refuses a provider id already registered", async () => {
    const { owner, providerId } = await withOidcProvider()
    const taken = await owner.actor.reject(SDK.Sso.Register.Handler(oidcProvider(providerId, "other.test")), {
      code: undefined,
      status: 422,
    })
    expect(taken.message).toMatch(/already exists/i)
  })
})

describe("SAML", () => {
  it("registers a SAML provider and serves the service provider's metadata", async () => {
    const owner = await signUp(server)
    const providerId = `acme-saml-${++providers}`
    const registered = await owner.actor.run(
      SDK.Sso.Register.Handler(
        new SDK.Sso.Register.Payload({
          providerId,
          issuer: "https://saml.acme.test",
          domain: `saml${providers}.acme.test`,
          samlConfig: {
            entryPoint: "https://saml.acme.test/sso",
            cert: "MIIC-placeholder",
            callbackUrl: `http://localhost:3000/api/auth/sso/saml2/sp/acs/${providerId}`,
            idpMetadata: {
              entityID: "https://saml.acme.test",
              singleSignOnService: [
                { Binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", Location: "https://saml.acme.test/sso" },
              ],
            },
            spMetadata: {},
          },
        }),
      ),
    )
    expect(registered).toMatchObject({ providerId, oidcConfig: null })
    expect(registered.samlConfig).toMatchObject({ entryPoint: "https://saml.acme.test/sso" })

    const metadata = await server.actor().run(SDK.Sso.Saml2.Sp.Metadata.Handler(new SDK.Sso.Saml2.Sp.Metadata.Payload({ providerId })))
    expect(metadata).toContain("<EntityDescriptor")
    expect(metadata).toContain(`Location="http://localhost:3000/api/auth/sso/saml2/sp/acs/${providerId}"`)
  })
})

describe("SSO sign-in", () => {
  it("answers the identity provider's authorization URL, by provider id or by email domain", async () => {
    const { providerId, domain } = await withOidcProvider()
    const byId = await server.actor().run(SDK.SignIn.Sso.Handler(new SDK.SignIn.Sso.Payload({ providerId, callbackURL: "/dashboard" })))
    expect(byId.redirect).toBe(true)
    const url = new URL(byId.url)
    expect(`${url.origin}${url.pathname}`).toBe(`${IDP}/authorize`)
    expect(url.searchParams.get("client_id")).toBe("acme-client")
    expect(url.searchParams.get("redirect_uri")).toBe(`http://localhost:3000/api/auth/sso/callback/${providerId}`)

    const byEmail = await server
      .actor()
      .run(SDK.SignIn.Sso.Handler(new SDK.SignIn.Sso.Payload({ email: `bob@${domain}`, callbackURL: "/dashboard" })))
    expect(new URL(byEmail.url).searchParams.get("login_hint")).toBe(`bob@${domain}`)
  })

  it("refuses an email domain without a provider", async () => {
    const missing = await server
      .actor()
      .reject(SDK.SignIn.Sso.Handler(new SDK.SignIn.Sso.Payload({ email: "nobody@unknown.test", callbackURL: "/" })), {
        code: undefined,
        status: 404,
      })
    expect(missing.message).toMatch(/no provider/i)
  })
})
