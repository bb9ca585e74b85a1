/**
 * The Better Auth server this SDK is generated for: its options and server plugins. Its client
 * counterpart, `better-auth.client.ts`, lists the matching client plugins and is the only module the
 * generated SDK imports, so the SDK never pulls server code into a browser bundle.
 *
 * Two consumers read this module:
 * - `bun run spec` builds the server from `authOptions()` and exports the OpenAPI document;
 * - the tests start a live in-process server from `authOptions()`.
 * Change the plugin set here and in `better-auth.client.ts`, then run `spec` and `generate`.
 */
import { apiKey } from "@better-auth/api-key"
import { oauthProvider } from "@better-auth/oauth-provider"
import { passkey } from "@better-auth/passkey"
import { scim } from "@better-auth/scim"
import { sso } from "@better-auth/sso"
import { stripe } from "@better-auth/stripe"
import type { BetterAuthOptions } from "better-auth"
import type { Endpoint } from "better-call"
import {
  admin,
  anonymous,
  bearer,
  customSession,
  deviceAuthorization,
  emailOTP,
  genericOAuth,
  jwt,
  lastLoginMethod,
  magicLink,
  multiSession,
  oAuthProxy,
  oauthPopup,
  oneTap,
  oneTimeToken,
  openAPI,
  organization,
  phoneNumber,
  siwe,
  twoFactor,
  username,
} from "better-auth/plugins"
import Stripe from "stripe"

/** Where plugins deliver secrets (OTPs, links, tokens). The spec export ignores them; live tests capture them. */
export interface AuthCallbacks {
  readonly onEmailOtp?: (data: { email: string; otp: string; type: string }) => void
  readonly onMagicLink?: (data: { email: string; url: string; token: string }) => void
  readonly onPhoneOtp?: (data: { phoneNumber: string; code: string }) => void
  readonly onPhonePasswordResetOtp?: (data: { phoneNumber: string; code: string }) => void
  readonly onTwoFactorOtp?: (data: { email: string; otp: string }) => void
  readonly onResetPassword?: (data: { email: string; url: string; token: string }) => void
  readonly onVerificationEmail?: (data: { email: string; url: string; token: string }) => void
  readonly onInvitation?: (data: { id: string; email: string }) => void
  readonly onDeleteAccount?: (data: { email: string; url: string; token: string }) => void
  readonly onChangeEmail?: (data: { email: string; newEmail: string; url: string; token: string }) => void
}

/** Stable secrets for an offline, in-memory server: never used for a real deployment. */
const OFFLINE_SECRET = "better-auth-effect-codegen-offline-secret-0123456789"

/**
 * The plugins as Better Auth sees their endpoints, and nothing else of their types: several plugins'
 * declared types (scim's optional tables, oauth-provider's OpenAPI metadata) do not satisfy
 * `BetterAuthPlugin` under `exactOptionalPropertyTypes`, which this project keeps on. Keeping the
 * endpoints keeps `auth.api` typed, which the generated server target is checked against; an endpoint
 * whose declared type is not a Better Auth endpoint under these settings (oauth-provider's
 * `oauth2Authorize`, a redirect) is left out of the type only.
 */
const withEndpointTypes = <const Plugins extends Array<{ readonly id: string; readonly endpoints?: object }>>(...plugins: Plugins) =>
  plugins as unknown as {
    -readonly [K in keyof Plugins]: { id: Plugins[K]["id"]; endpoints: EndpointsOf<NonNullable<Plugins[K]["endpoints"]>> }
  }

type EndpointsOf<E> = { [Name in keyof E as E[Name] extends Endpoint ? Name : never]: E[Name] }

/** The server plugins: every Better Auth plugin that runs offline (no network at start-up or export). */
export const serverPlugins = (callbacks: AuthCallbacks = {}) =>
  withEndpointTypes(
    openAPI(),
    admin(),
    anonymous(),
    bearer(),
    deviceAuthorization({ verificationUri: "/device" }),
    emailOTP({
      sendVerificationOTP: async ({ email, otp, type }) => callbacks.onEmailOtp?.({ email, otp, type }),
    }),
    genericOAuth({
      config: [
        {
          providerId: "example",
          clientId: "example-client",
          clientSecret: "example-secret",
          authorizationUrl: "http://localhost:3000/oauth/authorize",
          tokenUrl: "http://localhost:3000/oauth/token",
        },
      ],
    }),
    jwt(),
    magicLink({
      sendMagicLink: async ({ email, url, token }) => callbacks.onMagicLink?.({ email, url, token }),
    }),
    multiSession(),
    oneTap(),
    oneTimeToken(),
    organization({
      teams: { enabled: true },
      sendInvitationEmail: async ({ id, email }) => callbacks.onInvitation?.({ id, email }),
    }),
    phoneNumber({
      sendOTP: async ({ phoneNumber, code }) => callbacks.onPhoneOtp?.({ phoneNumber, code }),
      sendPasswordResetOTP: async ({ phoneNumber, code }) => callbacks.onPhonePasswordResetOtp?.({ phoneNumber, code }),
    }),
    siwe({
      domain: "localhost:3000",
      getNonce: async () => "offlinenonce0001",
      verifyMessage: async () => true,
    }),
    twoFactor({
      otpOptions: {
        sendOTP: async ({ user, otp }) => callbacks.onTwoFactorOtp?.({ email: user.email, otp }),
      },
    }),
    username(),
    lastLoginMethod(),
    oAuthProxy(),
    oauthPopup(),
    apiKey(),
    passkey(),
    sso(),
    scim({ connections: [], managedConnections: { credentialHashSecret: OFFLINE_SECRET } }),
    oauthProvider({ loginPage: "/sign-in", consentPage: "/consent" }),
    stripe({
      // A client built from a dummy key makes no request at start-up.
      stripeClient: new Stripe("sk_test_offline"),
      stripeWebhookSecret: "whsec_offline",
      subscription: { enabled: true, plans: [] },
    }),
    customSession(async ({ user, session }) => ({ user, session })),
  )

/** Options for an offline server: memory adapter storage is supplied by the caller. */
export const authOptions = (callbacks: AuthCallbacks = {}) =>
  ({
    baseURL: "http://localhost:3000",
    secret: OFFLINE_SECRET,
    emailAndPassword: {
      enabled: true,
      sendResetPassword: async ({ user, url, token }) => callbacks.onResetPassword?.({ email: user.email, url, token }),
    },
    emailVerification: {
      sendVerificationEmail: async ({ user, url, token }) => callbacks.onVerificationEmail?.({ email: user.email, url, token }),
    },
    user: {
      changeEmail: {
        enabled: true,
        sendChangeEmailConfirmation: async ({ user, newEmail, url, token }) =>
          callbacks.onChangeEmail?.({ email: user.email, newEmail, url, token }),
      },
      deleteUser: {
        enabled: true,
        sendDeleteAccountVerification: async ({ user, url, token }) => callbacks.onDeleteAccount?.({ email: user.email, url, token }),
      },
    },
    plugins: serverPlugins(callbacks),
  }) satisfies BetterAuthOptions
