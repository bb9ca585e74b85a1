/**
 * Better Auth's error answers as HttpApi error schemas, one class per status it uses, each with its
 * `code` and `message`. Browser-safe: the contracts declare them, and a derived `HttpApiClient` fails
 * with them.
 */
import * as Schema from "effect/Schema"

const fields = {
  /** Better Auth's error code, e.g. `INVALID_EMAIL_OR_PASSWORD`; absent for errors without one. */
  code: Schema.optionalKey(Schema.String),
  message: Schema.String,
}

/** 400: the request did not fit Better Auth's own checks. */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BetterAuthBadRequest", fields, { httpApiStatus: 400 }) {}

/** 401: no session, or the credentials were wrong. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("BetterAuthUnauthorized", fields, { httpApiStatus: 401 }) {}

/** 403: refused (an untrusted origin or callback URL, a missing permission, a banned user). */
export class Forbidden extends Schema.TaggedError<Forbidden>()("BetterAuthForbidden", fields, { httpApiStatus: 403 }) {}

/** 404: what the request names does not exist. */
export class NotFound extends Schema.TaggedError<NotFound>()("BetterAuthNotFound", fields, { httpApiStatus: 404 }) {}

/** 422: well-formed but refused (e.g. the email is already used). */
export class UnprocessableEntity extends Schema.TaggedError<UnprocessableEntity>()("BetterAuthUnprocessableEntity", fields, {
  httpApiStatus: 422,
}) {}

/** 429: Better Auth's rate limit; its `X-Retry-After` header reaches the response. */
export class TooManyRequests extends Schema.TaggedError<TooManyRequests>()("BetterAuthTooManyRequests", fields, {
  httpApiStatus: 429,
}) {}

/**
 * Any other failure, answered as 500: another status from Better Auth (kept in `status`), an answer
 * that did not fit the contract, or Better Auth not answering at all.
 */
export class ServerError extends Schema.TaggedError<ServerError>()(
  "BetterAuthServerError",
  { ...fields, status: Schema.Number },
  { httpApiStatus: 500 },
) {}

/** Every error a served endpoint declares. */
export const AuthErrors = [BadRequest, Unauthorized, Forbidden, NotFound, UnprocessableEntity, TooManyRequests, ServerError] as const

/** The failure of every served endpoint. */
export type AuthError = BadRequest | Unauthorized | Forbidden | NotFound | UnprocessableEntity | TooManyRequests | ServerError

/** The error class for a status Better Auth answered with. */
export const errorForStatus = (status: number, body: { readonly code?: string; readonly message: string }): AuthError => {
  switch (status) {
    case 400:
      return new BadRequest(body)
    case 401:
      return new Unauthorized(body)
    case 403:
      return new Forbidden(body)
    case 404:
      return new NotFound(body)
    case 422:
      return new UnprocessableEntity(body)
    case 429:
      return new TooManyRequests(body)
    default:
      return new ServerError({ ...body, status })
  }
}
