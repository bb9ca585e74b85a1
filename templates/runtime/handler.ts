/**
 * The handler factory: check and encode the payload, call the client through the `AuthClient` service,
 * fail with a typed error when Better Auth answers with one, notify `$sessionSignal` when the session
 * changed, and decode the answer with the Success schema. Each handler runs in a span
 * `<domain>/<feature>/handler`. Handlers of endpoints that can redirect pass `fetchOptions` (stop at the
 * redirect, keep the answer) to the client, and a redirect is a `BetterAuthApiError`, never a page to decode.
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
export type Mutable<T> =
  T extends ReadonlyArray<infer A> ? Array<Mutable<A>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T

/**
 * The type argument of every client call that sends a payload (`client.signIn.email<CallOptions>(payload)`):
 * the fetch options a handler passes never set `throw`, so the answer stays `{ data, error }`. Naming it
 * spares the compiler inferring the method's type parameter at each call; the payload is still checked
 * against the method's parameter. Calls without a payload leave it out, since some of them are plugin
 * actions that take no type argument (`client.jwks()`).
 */
export type CallOptions = object

/** What the handler sees of the answer, through `onResponse`. */
export interface RedirectResponse {
  readonly status: number
  readonly statusText: string
  /** `opaqueredirect` in a browser: a redirect fetched with `redirect: "manual"` hides its status and Location. */
  readonly type?: string
  readonly headers: { get(name: string): string | null }
}

/**
 * The fetch options a handler of an endpoint that can redirect passes to the client: the redirect is
 * not followed, and the answer is kept for the handler to read.
 */
export interface RedirectOptions {
  readonly redirect: "manual"
  readonly onResponse: (context: { readonly response: RedirectResponse }) => void
}

/**
 * The typed failure for a redirect: `code` is Better Auth's `error` query parameter of the `Location`
 * (`INVALID_TOKEN`), `message` its `error_description` when it has one. In a browser the redirect is
 * opaque (status 0, no Location): the failure says so, without a code. Undefined when not a redirect.
 */
export const redirectError = (response: RedirectResponse): BetterAuthApiError | undefined => {
  if (response.type === "opaqueredirect" || response.status === 0)
    return new BetterAuthApiError({
      message:
        "Better Auth answered with a redirect, which the browser hides from fetch (an opaque redirect: no status, no Location); open the URL as a navigation to follow it",
      code: undefined,
      status: response.status,
      statusText: response.statusText,
    })
  if (response.status < 300 || response.status > 399) return undefined
  const location = response.headers.get("location") ?? undefined
  // The Location may be relative (`/?error=INVALID_TOKEN`): any base reads its query.
  const query =
    location === undefined || !URL.canParse(location, "http://localhost") ? undefined : new URL(location, "http://localhost").searchParams
  const code = query?.get("error") ?? undefined
  const description = query?.get("error_description") ?? undefined
  return new BetterAuthApiError({
    message:
      description ??
      (code === undefined ? `Better Auth redirected to ${location ?? "(no Location)"}` : `Better Auth redirected with error ${code}`),
    code,
    status: response.status,
    statusText: response.statusText,
    ...(location === undefined ? {} : { location }),
  })
}

/**
 * The factories take the contracts' schemas by `Schema.Constraint` (their type-level views), not by the
 * whole schema protocol `Schema.Top`: the compiler then checks each handler's schemas by a dozen
 * properties instead of comparing every method of every contract class with `Top`'s.
 */
interface HandlerConfig<S extends Schema.Constraint> {
  readonly domain: string
  readonly feature: string
  readonly successSchema: S
  readonly mutatesSession: boolean
}

/**
 * What a handler takes: a plain object of the Payload's fields (or a `Payload` instance). When every
 * field is optional the argument is too, so an upgrade that adds optional parameters breaks no caller.
 */
export type PayloadInput<P extends Schema.Constraint> = P["~type.make.in"]

/** A handler that takes a payload. */
export type PayloadHandler<P extends Schema.Constraint, S extends Schema.Constraint> = (
  payload: PayloadInput<P>,
) => Effect.Effect<S["Type"], HandlerError, AuthClient | P["EncodingServices"] | S["DecodingServices"]>

/** A handler for an endpoint without payload. */
export type EmptyHandler<S extends Schema.Constraint> = () => Effect.Effect<S["Type"], HandlerError, AuthClient | S["DecodingServices"]>

/**
 * The handler of an endpoint that takes a payload. One factory per kind rather than overloads: the
 * compiler then checks each handler against one signature, not a failed one first.
 */
export const createHandler = <P extends Schema.Constraint, S extends Schema.Constraint>(
  config: HandlerConfig<S> & {
    readonly payloadSchema: P
    readonly execute: (client: AuthClientInstance, payload: Mutable<P["Encoded"]>, fetchOptions: RedirectOptions) => Promise<ClientResult>
  },
): PayloadHandler<P, S> => makeHandler(config) as PayloadHandler<P, S>

/** The handler of an endpoint without a payload. */
export const createEmptyHandler = <S extends Schema.Constraint>(
  config: HandlerConfig<S> & { readonly execute: (client: AuthClientInstance, fetchOptions: RedirectOptions) => Promise<ClientResult> },
): EmptyHandler<S> => makeHandler(config) as EmptyHandler<S>

function makeHandler(
  config: HandlerConfig<Schema.Constraint> & {
    readonly payloadSchema?: Schema.Constraint
    readonly execute: (client: AuthClientInstance, ...args: ReadonlyArray<never>) => Promise<ClientResult>
  },
) {
  const name = `${config.domain === "" ? "" : `${config.domain}/`}${config.feature}/handler`
  // The contracts' schemas are whole schemas; only the factories' signatures see less of them.
  const decode = Schema.decodeUnknownEffect(config.successSchema as Schema.Top)
  const payloadSchema = config.payloadSchema as Schema.Top | undefined
  const encode = payloadSchema === undefined ? undefined : Schema.encodeUnknownEffect(payloadSchema)
  const encodeError = (cause: Schema.SchemaError) =>
    new ContractError({ message: cause.message, stage: "encode-payload", handler: name, cause })
  return Effect.fn(name)(function* (payload?: unknown) {
    const client = yield* AuthClient
    let encoded: unknown = undefined
    if (payloadSchema !== undefined && encode !== undefined) {
      // A plain object becomes the Payload (checked like `new Payload(...)`); an instance passes as it is.
      const value = yield* payloadSchema
        .makeEffect(payload ?? {})
        .pipe(Effect.mapError((issue) => encodeError(new Schema.SchemaError(issue))))
      encoded = yield* encode(value).pipe(Effect.mapError(encodeError))
    }
    // Read only by handlers of endpoints that can redirect (they pass these options to the client).
    let answer: RedirectResponse | undefined
    const fetchOptions: RedirectOptions = { redirect: "manual", onResponse: ({ response }) => void (answer = response) }
    const execute = config.execute as (client: AuthClientInstance, ...args: ReadonlyArray<unknown>) => Promise<ClientResult>
    const result = yield* Effect.tryPromise({
      try: () => (payloadSchema === undefined ? execute(client, fetchOptions) : execute(client, encoded, fetchOptions)),
      catch: (cause) => new BetterAuthTransportError({ message: cause instanceof Error ? cause.message : String(cause), cause }),
    }).pipe(
      // A redirect stays one even when reading its (empty or opaque) answer threw.
      Effect.mapError(
        (error): BetterAuthApiError | BetterAuthTransportError => (answer === undefined ? undefined : redirectError(answer)) ?? error,
      ),
    )
    const redirect = answer === undefined ? undefined : redirectError(answer)
    if (redirect !== undefined) return yield* redirect
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
