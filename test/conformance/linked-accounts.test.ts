/**
 * Accounts at an OAuth provider through the generated handlers: starting a social sign-in or link (the
 * authorization URL), and for a linked account listing it, reading its access token and the provider's
 * user info, refreshing its tokens (the provider's token endpoint answered in-process) and unlinking it.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { AUTHORIZATION_URL, idToken, linkProviderAccount, PROVIDER_ID, withTokenEndpoint } from "./support/identity-provider.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()

/** A user with a password account and a linked provider account. */
const linkedUser = async () => {
  const signedUp = await signUp(server, { name: "Linked" })
  const account = await linkProviderAccount(server, signedUp.user.id, {
    subject: `sub-${signedUp.user.id}`,
    accessToken: "access-token-1",
    refreshToken: "refresh-token-1",
    idToken: idToken({ sub: `sub-${signedUp.user.id}`, email: signedUp.email, name: "Linked At Provider", email_verified: true }),
  })
  return { ...signedUp, account }
}

describe("starting an OAuth flow", () => {
  it("answers the provider's authorization URL for a social sign-in", async () => {
    const answer = await server
      .actor()
      .run(SDK.SignIn.Social.Handler(new SDK.SignIn.Social.Payload({ provider: PROVIDER_ID, callbackURL: "/home", disableRedirect: true })))
    expect(answer.redirect).toBe(false)
    const url = new URL(answer.url ?? "")
    expect(`${url.origin}${url.pathname}`).toBe(AUTHORIZATION_URL)
    expect(url.searchParams.get("client_id")).toBe("example-client")
    expect(url.searchParams.get("state")?.length).toBeGreaterThan(10)
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
  })

  it("answers the authorization URL to link a provider account to the signed-in user", async () => {
    const { actor } = await signUp(server)
    const answer = await actor.run(
      SDK.Core.LinkSocial.Handler(new SDK.Core.LinkSocial.Payload({ provider: PROVIDER_ID, callbackURL: "/settings" })),
    )
    expect(answer.redirect).toBe(true)
    expect(answer.url?.startsWith(AUTHORIZATION_URL)).toBe(true)
  })

  it("refuses a provider that is not configured", async () => {
    await server.actor().reject(SDK.SignIn.Social.Handler(new SDK.SignIn.Social.Payload({ provider: "github" })), {
      code: "PROVIDER_NOT_FOUND",
      status: 404,
    })
  })
})

describe("a linked account", () => {
  it("is listed with its scopes next to the password account", async () => {
    const { actor, user, account } = await linkedUser()
    const accounts = await actor.run(SDK.Core.ListAccounts.Handler())
    expect(accounts.map((a) => a.providerId).sort()).toEqual(["credential", PROVIDER_ID])
    const linked = accounts.find((a) => a.providerId === PROVIDER_ID)
    expect(linked).toMatchObject({ id: account.id, accountId: `sub-${user.id}`, userId: user.id, scopes: ["openid", "email", "profile"] })
  })

  it("hands out its access token and the provider's user info", async () => {
    const { actor, email, account } = await linkedUser()
    const token = await actor.run(SDK.Core.GetAccessToken.Handler({ accountId: account.id }))
    expect(token.accessToken).toBe("access-token-1")
    expect(token.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now())
    expect(token.scopes).toEqual(["openid", "email", "profile"])

    const info = await actor.run(SDK.AccountInfo.Handler({ accountId: account.id }))
    expect(info.user).toMatchObject({ email, name: "Linked At Provider", emailVerified: true })
    expect(info.account).toEqual({ id: account.id, providerId: PROVIDER_ID, accountId: account.accountId })
    expect(info.data["sub"]).toBe(account.accountId)
  })

  it("refreshes its tokens at the provider's token endpoint", async () => {
    const { actor, account } = await linkedUser()
    const refreshed = await withTokenEndpoint(
      "refresh-token-1",
      { access_token: "access-token-2", refresh_token: "refresh-token-2", token_type: "Bearer", expires_in: 3600 },
      () => actor.run(SDK.Core.RefreshToken.Handler({ accountId: account.id })),
    )
    expect(refreshed).toMatchObject({ accessToken: "access-token-2", refreshToken: "refresh-token-2" })
    expect(refreshed.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now())
    expect((await actor.run(SDK.Core.GetAccessToken.Handler({ accountId: account.id }))).accessToken).toBe("access-token-2")
  })

  it("is unlinked, and the last account cannot be", async () => {
    const { actor, account } = await linkedUser()
    const answer = await actor.run(SDK.Core.UnlinkAccount.Handler(new SDK.Core.UnlinkAccount.Payload({ accountId: account.id })))
    expect(answer.status).toBe(true)
    const [credential] = await actor.run(SDK.Core.ListAccounts.Handler())
    expect(credential?.providerId).toBe("credential")
    await actor.reject(SDK.Core.UnlinkAccount.Handler(new SDK.Core.UnlinkAccount.Payload({ accountId: credential?.id ?? "" })), {
      code: "FAILED_TO_UNLINK_LAST_ACCOUNT",
      status: 400,
    })
  })

  it("refuses tokens for an account of another user", async () => {
    const { account } = await linkedUser()
    const other = await signUp(server)
    await other.actor.reject(SDK.Core.GetAccessToken.Handler({ accountId: account.id }), { code: "ACCOUNT_NOT_FOUND", status: 400 })
  })
})
