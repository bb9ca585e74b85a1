/**
 * Which endpoints change the client's session (so handlers notify `$sessionSignal` and `useSession`
 * listeners refresh): those that sign in or out, or change the active session, user or organization.
 * A default; an override may say otherwise per endpoint.
 */
const MUTATING = [
  /^\/sign-(in|up|out)(\/|$)/,
  /^\/(revoke-session|revoke-sessions|revoke-other-sessions|update-user|delete-user|update-session)$/,
  /^\/(link-social|unlink-account|change-password|change-email|delete-anonymous-user)$/,
  /^\/two-factor\/(disable|verify-totp|verify-otp|verify-backup-code)$/,
  /\/set-active(-team)?$/,
  /^\/multi-session\/revoke$/,
  /^\/organization\/accept-invitation$/,
  /^\/admin\/(impersonate-user|stop-impersonating)$/,
  /^\/device\/(approve|deny)$/,
  /^\/(email-otp\/verify-email|phone-number\/verify|magic-link\/verify|one-time-token\/verify|siwe\/verify)$/,
]

export const defaultMutatesSession = (path: string): boolean => MUTATING.some((pattern) => pattern.test(path))
