/**
 * Why a generated (client-callable) endpoint is not exercised live: "METHOD /path" → the concrete reason.
 * coverage.check.ts fails when a generated endpoint is neither exercised nor listed here, and when an
 * entry here names an endpoint that was exercised or is not generated (so the table cannot go stale).
 */
export const NOT_EXERCISED: Readonly<Record<string, string>> = {
  "POST /email-otp/request-email-change":
    'better-auth.config.ts leaves emailOTP\'s changeEmail disabled; the server answers 400 "Change email with OTP is disabled" (asserted in email-otp.test.ts)',
  "POST /email-otp/change-email":
    'better-auth.config.ts leaves emailOTP\'s changeEmail disabled; the server answers 400 "Change email with OTP is disabled" (asserted in email-otp.test.ts)',
  "POST /oauth2/register":
    "dynamic client registration is disabled in better-auth.config.ts (oauthProvider allowDynamicClientRegistration); the server answers 403 access_denied (asserted in oauth-provider.test.ts)",
  "POST /oauth2/public-client-prelogin":
    "disabled in better-auth.config.ts (oauthProvider allowPublicClientPrelogin); the server answers 400 (asserted in oauth-provider.test.ts)",
  "POST /subscription/upgrade":
    "needs the Stripe API (creates a Checkout session); only its pre-Stripe failure is asserted (subscription.test.ts)",
  "POST /subscription/cancel": "needs the Stripe API (opens a Billing Portal session for the cancellation)",
  "POST /subscription/restore":
    "needs the Stripe API (updates the Stripe subscription); only its pre-Stripe failure is asserted (subscription.test.ts)",
  "POST /subscription/billing-portal": "needs the Stripe API (creates a Billing Portal session)",
}
