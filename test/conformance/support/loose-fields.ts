/**
 * Why a Success field stays optional (or nullable) although no live answer left it out (or sent null):
 * field id (see evidence.ts) → the reason, e.g. a value the server sends only in flows or configurations
 * this suite does not run. coverage.check.ts fails for such a field without an entry, and for an entry
 * whose field is no longer loose that way (so the table cannot go stale).
 */
const OAUTH_WIRE = "the OAuth provider's wire form leaves out every unset client column (`?? undefined`); the suite's clients set it"
const PROVIDER_TOKENS = "the identity provider's token answer decides: one without OIDC or expiry sends no id_token, scope or expiry"
const WEBAUTHN_OPTIONS = "WebAuthn options built by @simplewebauthn/server, which leaves out what the passkey configuration does not set"
const SSO_CONFIG = "an echo of the registered OIDC configuration: absent for a SAML provider and for endpoints left to discovery"
const STRIPE =
  "written from Stripe's subscription by the webhook; null until Stripe sends it (the suite stores the row as the webhook would)"
const AUTHENTICATOR =
  "what the authenticator reports (aaguid, transports) or the user names: null when absent (the suite's software authenticator sends all)"
const SOCIAL_REDIRECT =
  "answered with redirect: true for a redirect flow, left out for an ID-token sign-in or link, which the suite cannot run offline"

export const LOOSE_FIELDS: Readonly<Record<string, string>> = {
  "ApiKey.start": "null when the apiKey plugin is configured not to store the key's first characters (startingCharacters.shouldStore)",
  "POST /api-key/create: start":
    "null when the apiKey plugin is configured not to store the key's first characters (startingCharacters.shouldStore)",
  "EditedOrganization.logo": "null for an organization without a logo; the updates seen here set one",
  "FullOrganization.metadata": "null for an organization created without metadata; the suite's organizations carry metadata",
  "Organization.metadata": "null for an organization created without metadata; the suite's organizations carry metadata",
  "GET /account-info: user.email":
    "the provider's user info: a provider that does not share the address leaves it out (the suite's provider does)",
  "GET /account-info: user.name":
    "the provider's user info: a provider that does not share the name leaves it out (the suite's provider does)",
  "GET /admin/list-users: limit": "answered only when the request gives a limit, as the suite's requests do",
  "GET /jwks: keys[].crv": "a member of EC keys only; the configured key type (EdDSA by default) decides",
  "GET /jwks: keys[].x": "a member of EC and OKP keys only; the configured key type (EdDSA by default) decides",
  "GET /oauth2/public-client: client_name": OAUTH_WIRE,
  "GET /oauth2/public-client: redirect_uris": OAUTH_WIRE,
  "GET /oauth2/userinfo: email": "a claim of the email scope, left out without it (the suite's clients ask for it)",
  "GET /oauth2/userinfo: email_verified": "a claim of the email scope, left out without it (the suite's clients ask for it)",
  "GET /oauth2/userinfo: family_name": "a claim of the profile scope, left out without it (the suite's clients ask for it)",
  "GET /oauth2/userinfo: given_name": "a claim of the profile scope, left out without it (the suite's clients ask for it)",
  "GET /oauth2/userinfo: name": "a claim of the profile scope, left out without it (the suite's clients ask for it)",
  "GET /passkey/generate-authenticate-options: rpId": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-authenticate-options: timeout": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-authenticate-options: userVerification": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: attestation": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: authenticatorSelection": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: authenticatorSelection.requireResidentKey": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: authenticatorSelection.residentKey": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: authenticatorSelection.userVerification": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: excludeCredentials": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: extensions": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: hints": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: rp.id": WEBAUTHN_OPTIONS,
  "GET /passkey/generate-register-options: timeout": WEBAUTHN_OPTIONS,
  "GET /verify-email: user": "left out when the address was already verified (the server answers { status: true })",
  "OAuthClient.application_type": OAUTH_WIRE,
  "OAuthClient.client_id_issued_at": OAUTH_WIRE,
  "OAuthClient.client_name": OAUTH_WIRE,
  "OAuthClient.client_secret_expires_at": "answered only with a client secret: public clients have none",
  "OAuthClient.dpop_bound_access_tokens": OAUTH_WIRE,
  "OAuthClient.post_logout_redirect_uris": OAUTH_WIRE,
  "OAuthClient.scope": OAUTH_WIRE,
  "OAuthClient.user_id": "left out for a client owned by an organization (reference_id) or created by the server",
  "OauthConsent.requestedUserInfoClaims": "null for a consent that asked for no user-info claims",
  "OauthConsent.userId": "null for a consent given on behalf of a reference (referenceId), not a user",
  "POST /get-access-token: accessTokenExpiresAt": PROVIDER_TOKENS,
  "POST /get-access-token: idToken": PROVIDER_TOKENS,
  "POST /refresh-token: accessTokenExpiresAt": PROVIDER_TOKENS,
  "POST /refresh-token: idToken": PROVIDER_TOKENS,
  "POST /refresh-token: refreshTokenExpiresAt": PROVIDER_TOKENS,
  "POST /refresh-token: scope": PROVIDER_TOKENS,
  "POST /link-social: url": SOCIAL_REDIRECT,
  "POST /sign-in/social: url": SOCIAL_REDIRECT,
  "POST /passkey/verify-registration: aaguid": AUTHENTICATOR,
  "POST /passkey/verify-registration: name": AUTHENTICATOR,
  "POST /passkey/verify-registration: transports": AUTHENTICATOR,
  "Passkey.aaguid": AUTHENTICATOR,
  "Passkey.name": AUTHENTICATOR,
  "Passkey.transports": AUTHENTICATOR,
  "POST /phone-number/verify: token": "null when the request sets disableSession (no session is created)",
  "POST /sign-up/email: token": "null when the configuration requires email verification before sign-in or turns autoSignIn off",
  "POST /sso/register: organizationId":
    "Better Auth's memory adapter leaves the unset column out (SQL answers null); asserted in sso.test.ts",
  "POST /sso/register: oidcConfig.authorizationEndpoint": SSO_CONFIG,
  "POST /sso/register: oidcConfig.clientSecret": SSO_CONFIG,
  "POST /sso/register: oidcConfig.jwksEndpoint": SSO_CONFIG,
  "POST /sso/register: oidcConfig.overrideUserInfo": SSO_CONFIG,
  "POST /sso/register: oidcConfig.tokenEndpoint": SSO_CONFIG,
  "POST /sso/register: oidcConfig.tokenEndpointAuthentication": SSO_CONFIG,
  "POST /sso/register: oidcConfig.userInfoEndpoint": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.authorizationEndpoint": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.discoveryEndpoint": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.jwksEndpoint": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.pkce": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.tokenEndpoint": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.tokenEndpointAuthentication": SSO_CONFIG,
  "SsoProviderSummary.oidcConfig.userInfoEndpoint": SSO_CONFIG,
  "POST /two-factor/verify-backup-code: token": "left out when the request sets disableSession (no session is created)",
  "Subscription.periodEnd": STRIPE,
  "Subscription.periodStart": STRIPE,
  "Subscription.seats": STRIPE,
  "Subscription.stripeCustomerId": STRIPE,
  "Subscription.stripeSubscriptionId": STRIPE,
}
