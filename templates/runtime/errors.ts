/** The typed failures of every generated handler. */
import * as Data from "effect/Data"
import type { SchemaError } from "effect/Schema"
import type { BetterAuthErrorCode } from "./error-codes.ts"

/** Better Auth answered with an error (`{ error: { message, code, status } }`). */
export class BetterAuthApiError extends Data.TaggedError("BetterAuthApiError")<{
  readonly message: string
  /**
   * Better Auth's error code, e.g. `INVALID_EMAIL_OR_PASSWORD`: one of the codes the core and the
   * plugins declare (`BetterAuthErrorCode`), so a `switch` on it is checked. Codes outside that list
   * still arrive as plain strings (`string & {}` keeps the declared ones suggested): the OAuth `error`
   * of OAuth endpoints (`authorization_pending`, `invalid_grant`, ...) and codes a server adds itself.
   * Absent for errors without one.
   */
  readonly code: BetterAuthErrorCode | (string & {}) | undefined
  readonly status: number
  readonly statusText: string
  /**
   * For an endpoint that can redirect (see `redirects` in the overrides): where the server redirected
   * (its `Location`). `code` is then the redirect's `error` query parameter.
   */
  readonly location?: string
}> {}

/** The request never produced an answer (network failure, aborted, thrown by a fetch hook). */
export class BetterAuthTransportError extends Data.TaggedError("BetterAuthTransportError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/** A value did not fit the contract: the payload could not be encoded, or the answer could not be decoded. */
export class ContractError extends Data.TaggedError("ContractError")<{
  readonly message: string
  readonly stage: "encode-payload" | "decode-success"
  /** The span name of the handler, e.g. `two-factor/totp/verify/handler`. */
  readonly handler: string
  readonly cause: SchemaError
}> {}

/** The failure of every generated handler. */
export type HandlerError =
  // Better Auth answered with an error.
  | BetterAuthApiError
  // The request never produced an answer.
  | BetterAuthTransportError
  // A payload or an answer did not fit the contract.
  | ContractError
