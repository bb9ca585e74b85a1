/**
 * The client side of the Better Auth set-up: the client plugins. The generated SDK's runtime imports
 * `clientPlugins` from this module (it is the `clientModule` of better-auth-codegen.config.ts), and so
 * does a browser bundle of the SDK: import client plugins only (`better-auth/client/plugins`,
 * `@better-auth/<plugin>/client`), never a server module.
 */
import { apiKeyClient } from "@better-auth/api-key/client"
import { oauthProviderClient } from "@better-auth/oauth-provider/client"
import { passkeyClient } from "@better-auth/passkey/client"
import { ssoClient } from "@better-auth/sso/client"
import { stripeClient } from "@better-auth/stripe/client"
import {
  adminClient,
  anonymousClient,
  deviceAuthorizationClient,
  emailOTPClient,
  jwtClient,
  lastLoginMethodClient,
  magicLinkClient,
  multiSessionClient,
  oauthPopupClient,
  oneTapClient,
  oneTimeTokenClient,
  organizationClient,
  phoneNumberClient,
  siweClient,
  twoFactorClient,
  usernameClient,
} from "better-auth/client/plugins"

/**
 * The client plugins matching `serverPlugins` of better-auth.config.ts, in the same order. Server-only
 * plugins (openAPI, bearer, genericOAuth, oAuthProxy, scim) have none; customSession keeps the default
 * session shape, so the default client types already fit it.
 */
export const clientPlugins = [
  adminClient(),
  anonymousClient(),
  deviceAuthorizationClient(),
  emailOTPClient(),
  jwtClient(),
  magicLinkClient(),
  multiSessionClient(),
  oneTapClient({ clientId: "offline-client-id" }),
  oneTimeTokenClient(),
  organizationClient({ teams: { enabled: true } }),
  phoneNumberClient(),
  siweClient(),
  twoFactorClient(),
  usernameClient(),
  lastLoginMethodClient(),
  oauthPopupClient(),
  apiKeyClient(),
  passkeyClient(),
  ssoClient(),
  oauthProviderClient(),
  stripeClient({ subscription: true }),
]
