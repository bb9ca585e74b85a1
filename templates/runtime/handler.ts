/**
 * The handler factory: check and encode the payload, call the client through the `AuthClient` service,
 * fail with a typed error when Better Auth answers with one, notify `$sessionSignal` when the session
 * changed, and decode the answer with the Success schema. Each handler runs in a span
 * `<domain>/<feature>/handler`.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { AuthClient, type AuthClientInstance } from "./client.ts"
import { BetterAuthApiError, BetterAuthTransportError, ContractError, type HandlerError } from "./errors.ts"

/** What every client method resolves to: better-fetch's `{ data, error }`. */
export interface ClientResult {
  readonly data: unknown
  readonly error: {
    readonly message?: string | undefined
    readonly code?: string | undefined
    /** OAuth endpoints (RFC 6749 section 5.2, RFC 8628) answer `{ error, error_description }` instead. */
    readonly error?: unknown
    readonly error_description?: unknown
    readonly status: number
    readonly statusText: string
  } | null
}

/**
 * The encoded payload as the client's parameter types expect it: Effect Schema encodes to readonly
 * arrays and objects, the client declares mutable ones. Encoding returns a fresh value, so handing it
 * over as mutable is sound.
 */
export type Mutable<T> = T extends ReadonlyArray<infer A>
  ? Array<Mutable<A>>
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T

interface HandlerConfig<S extends Schema.Top> {
  readonly domain: string
  readonly feature: string
  readonly successSchema: S
  readonly mutatesSession: boolean
}

/**
 * What a handler takes: a plain object of the Payload's fields (or a `Payload` instance). When every
 * field is optional the argument is too, so an upgrade that adds optional parameters breaks no caller.
 */
export type PayloadInput<P extends Schema.Top> = P["~type.make.in"]

/** A handler that takes a payload. */
export type PayloadHandler<P extends Schema.Top, S extends Schema.Top> = (
  payload: PayloadInput<P>,
) => Effect.Effect<S["Type"], HandlerError, AuthClient | P["EncodingServices"] | S["DecodingServices"]>

/** A handler for an endpoint without payload. */
export type EmptyHandler<S extends Schema.Top> = () => Effect.Effect<S["Type"], HandlerError, AuthClient | S["DecodingServices"]>

export function createHandler<P extends Schema.Top, S extends Schema.Top>(
  config: HandlerConfig<S> & {
    readonly payloadSchema: P
    readonly execute: (client: AuthClientInstance, payload: Mutable<P["Encoded"]>) => Promise<ClientResult>
  },
): PayloadHandler<P, S>
export function createHandler<S extends Schema.Top>(
  config: HandlerConfig<S> & { readonly execute: (client: AuthClientInstance) => Promise<ClientResult> },
): EmptyHandler<S>
export function createHandler(
  config: HandlerConfig<Schema.Top> & {
    readonly payloadSchema?: Schema.Top
    readonly execute: (client: AuthClientInstance, payload?: unknown) => Promise<ClientResult>
  },
) {
  const name = `${config.domain === "" ? "" : `${config.domain}/`}${config.feature}/handler`
  const decode = Schema.decodeUnknownEffect(config.successSchema)
  const payloadSchema = config.payloadSchema
  const encode = payloadSchema === undefined ? undefined : Schema.encodeUnknownEffect(payloadSchema)
  const encodeError = (cause: Schema.SchemaError) => new ContractError({ message: cause.message, stage: "encode-payload", handler: name, cause })
  return Effect.fn(name)(function* (payload?: unknown) {
    const client = yield* AuthClient
    let encoded: unknown = undefined
    if (payloadSchema !== undefined && encode !== undefined) {
      // A plain object becomes the Payload (checked like `new Payload(...)`); an instance passes as it is.
      const value = yield* payloadSchema.makeEffect(payload ?? {}).pipe(Effect.mapError((issue) => encodeError(new Schema.SchemaError(issue))))
      encoded = yield* encode(value).pipe(Effect.mapError(encodeError))
    }
    const result = yield* Effect.tryPromise({
      try: () => config.execute(client, encoded),
      catch: (cause) => new BetterAuthTransportError({ message: cause instanceof Error ? cause.message : String(cause), cause }),
    })
    if (result.error !== null) {
      const oauthCode = typeof result.error.error === "string" ? result.error.error : undefined
      const oauthDescription = typeof result.error.error_description === "string" ? result.error.error_description : undefined
      return yield* new BetterAuthApiError({
        message: result.error.message ?? oauthDescription ?? oauthCode ?? result.error.statusText,
        code: result.error.code ?? oauthCode,
        status: result.error.status,
        statusText: result.error.statusText,
      })
    }
    if (config.mutatesSession) client.$store.notify("$sessionSignal")
    return yield* decode(result.data).pipe(
      Effect.mapError((cause) => new ContractError({ message: cause.message, stage: "decode-success", handler: name, cause })),
    )
  })
}
