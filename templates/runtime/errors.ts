/** The typed failures of every generated handler. */
import * as Data from "effect/Data"
import type { SchemaError } from "effect/Schema"

/** Better Auth answered with an error (`{ error: { message, code, status } }`). */
export class BetterAuthApiError extends Data.TaggedError("BetterAuthApiError")<{
  readonly message: string
  /**
   * Better Auth's error code, e.g. `INVALID_EMAIL_OR_PASSWORD`, or for OAuth endpoints the OAuth `error`
   * (`authorization_pending`, `invalid_grant`, ...); absent for errors without one.
   */
  readonly code: string | undefined
  readonly status: number
  readonly statusText: string
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
