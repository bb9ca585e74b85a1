/**
 * The error codes Better Auth declares for this configuration: the core's `BASE_ERROR_CODES` and each
 * plugin's `$ERROR_CODES`, recorded by `npm run spec` in the document's `info.x-better-auth-error-codes`.
 * The generator fills in the list; a document without it gives an empty list (`BetterAuthErrorCode` is
 * then `never`).
 */
export const BETTER_AUTH_ERROR_CODES = [] as const

/** A code Better Auth declares, e.g. `INVALID_EMAIL_OR_PASSWORD`. */
export type BetterAuthErrorCode = (typeof BETTER_AUTH_ERROR_CODES)[number]

/** Whether a code is one Better Auth declares (narrows `BetterAuthApiError.code`). */
export const isBetterAuthErrorCode = (code: string | undefined): code is BetterAuthErrorCode =>
  code !== undefined && (BETTER_AUTH_ERROR_CODES as ReadonlyArray<string>).includes(code)
