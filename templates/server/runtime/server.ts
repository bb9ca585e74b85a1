/**
 * Serving Better Auth from an Effect `HttpApi`. Every generated handler is a `route`: it encodes the
 * decoded payload again, sends it to Better Auth's own request handler (`auth.handler`) with the
 * incoming request's headers, and answers with the decoded `Success` or a typed error per status.
 * Cookies and headers Better Auth sets reach the response, each `Set-Cookie` on its own line.
 *
 * Going through `auth.handler` keeps every check Better Auth's router makes and `auth.api` skips: the
 * origin check, callback and redirect URL checks, rate limiting, plugin request hooks (captcha),
 * `disabledPaths`. The `auth.api` method named in each route only types it: the payload must fit what
 * that method accepts, and its path must be the route's, or the route does not compile.
 */
import type { Auth } from "better-auth"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Cookies from "effect/http/Cookies"
import * as HttpEffect from "effect/http/HttpEffect"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import type { authOptions } from "../../../better-auth.config.ts"
import { type AuthError, errorForStatus, ServerError } from "./errors.ts"

/** The app's Better Auth options, as its server module exports them (a value, or a function returning it). */
type AppOptions = typeof authOptions extends (...args: never) => infer Options ? Options : typeof authOptions

/** The app's `auth.api`, typed by its server plugins. */
export type ServerApi = Auth<AppOptions>["api"]

/** What a route needs of Better Auth: its request handler, and where it is mounted. */
export interface BetterAuthServerShape {
  readonly handler: (request: Request) => Promise<Response>
  /** The path Better Auth's router serves at (its `baseURL`'s path, else its `basePath`, else `/api/auth`). */
  readonly basePath: string
}

export class BetterAuthServer extends Context.Service<BetterAuthServer, BetterAuthServerShape>()("better-auth-effect/BetterAuthServer") {}

/**
 * Where Better Auth's router serves, as it decides: the path of `baseURL` when it has one (then
 * `basePath` is ignored), else `basePath`, else `/api/auth`. A `baseURL` given only through the
 * `BETTER_AUTH_URL` environment variable is read from there.
 */
const basePathOf = (options: object): string => {
  // `process` as a server runtime has it, without requiring Node's types in the app's tsconfig.
  const env = (globalThis as { readonly process?: { readonly env?: Readonly<Record<string, string | undefined>> } }).process?.env
  const baseURL = "baseURL" in options && typeof options.baseURL === "string" ? options.baseURL : env?.["BETTER_AUTH_URL"]
  const fromURL = baseURL !== undefined && URL.canParse(baseURL) ? new URL(baseURL).pathname.replace(/\/+$/, "") : ""
  if (fromURL !== "") return fromURL
  return "basePath" in options && typeof options.basePath === "string" ? options.basePath : "/api/auth"
}

/** Provides `BetterAuthServer` from the app's `betterAuth(...)` instance (its handler, and where its router serves). */
export const layer = (auth: {
  readonly handler: (request: Request) => Promise<Response>
  readonly options: object
}): Layer.Layer<BetterAuthServer> => Layer.succeed(BetterAuthServer, { handler: auth.handler, basePath: basePathOf(auth.options) })

/** The encoded payload as `auth.api`'s parameter types expect it (they declare mutable arrays and objects). */
type Mutable<T> = T extends ReadonlyArray<infer A> ? Array<Mutable<A>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T

type ApiInput<M extends keyof ServerApi> = ServerApi[M] extends (...args: infer A) => unknown ? NonNullable<A[0]> : never
type ApiBody<M extends keyof ServerApi> = ApiInput<M> extends { body?: infer B } ? B : undefined
type ApiQuery<M extends keyof ServerApi> = ApiInput<M> extends { query?: infer Q } ? Q : undefined
/** The path `auth.api` serves the method at (`getSession` is re-typed by Better Auth without one). */
type ApiPath<M extends keyof ServerApi> = ServerApi[M] extends { readonly path: infer P } ? P : string

/**
 * A compile error naming the expected input when the payload does not fit the method's. An endpoint
 * without a payload sends none: nothing to check.
 */
type PayloadFits<M extends keyof ServerApi, P, In extends "body" | "query"> = [P] extends [undefined]
  ? unknown
  : [Mutable<P>] extends [In extends "query" ? ApiQuery<M> : ApiBody<M>]
    ? unknown
    : { readonly payloadDoesNotFit: In extends "query" ? ApiQuery<M> : ApiBody<M> }

/** How a generated handler reaches Better Auth. */
export interface RouteOptions<
  M extends keyof ServerApi,
  P extends Schema.Top | undefined,
  S extends Schema.Top,
  In extends "body" | "query",
> {
  /** The `auth.api` method this endpoint is (`signUpEmail`): the payload is checked against its input. */
  readonly method: M
  /** Where Better Auth serves it, below its `basePath`. */
  readonly path: ApiPath<M>
  /** Where the payload travels, and so the method: the query string of a GET, or the JSON body of a POST. */
  readonly in: In
  readonly payload: P
  readonly success: S
  /** POST: the payload fields Better Auth reads from the query string. */
  readonly queryFields?: ReadonlyArray<string>
}

/** What HttpApi hands a handler. */
export interface RouteArgs {
  readonly payload?: unknown
  readonly query?: unknown
  readonly request: HttpServerRequest.HttpServerRequest
}

/**
 * Request headers that describe the incoming body's bytes or the connection: not forwarded (the body is
 * encoded again). `content-type` is forwarded as it came, so Better Auth refuses what it refuses
 * (a POST without a JSON content type: 415).
 */
const REQUEST_HEADERS_DROPPED = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "host"])
/** Response headers the HttpApi response sets itself: not copied from Better Auth's. */
const RESPONSE_HEADERS_DROPPED = new Set([
  "content-length",
  "content-type",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "set-cookie",
])

const searchParams = (encoded: unknown, only?: ReadonlyArray<string>): URLSearchParams => {
  const params = new URLSearchParams()
  if (encoded === null || typeof encoded !== "object") return params
  for (const [key, value] of Object.entries(encoded)) {
    if (only !== undefined && !only.includes(key)) continue
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined) params.append(key, typeof item === "string" ? item : JSON.stringify(item))
  }
  return params
}

const withoutKeys = (encoded: unknown, keys: ReadonlyArray<string>): unknown =>
  encoded === null || typeof encoded !== "object" || keys.length === 0
    ? encoded
    : Object.fromEntries(Object.entries(encoded).filter(([key]) => !keys.includes(key)))

/**
 * Better Auth's error body: `{ code, message }` (some OAuth endpoints: `{ error, error_description }`; a
 * disabled path: plain text).
 */
const errorBody = (body: unknown, fallback: string): { code?: string; message: string } => {
  if (typeof body === "string" && body !== "") return { message: body }
  const record = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {}
  const code = typeof record["code"] === "string" ? record["code"] : typeof record["error"] === "string" ? record["error"] : undefined
  const message =
    typeof record["message"] === "string"
      ? record["message"]
      : typeof record["error_description"] === "string"
        ? record["error_description"]
        : fallback
  return code === undefined ? { message } : { code, message }
}

const serverError = (message: string) => new ServerError({ message, status: 500 })

/**
 * The response Better Auth's headers reach: every `Set-Cookie` line as a cookie of its own, and the
 * other headers it set (`set-auth-token`, `X-Retry-After`, …) as they are.
 */
const forwardHeaders = (from: Headers) => (response: HttpServerResponse.HttpServerResponse) =>
  Effect.sync(() => {
    let next = response
    const setCookies = from.getSetCookie()
    if (setCookies.length > 0) next = HttpServerResponse.mergeCookies(next, Cookies.fromSetCookie(setCookies))
    const headers: Record<string, string> = {}
    from.forEach((value, name) => {
      if (!RESPONSE_HEADERS_DROPPED.has(name.toLowerCase())) headers[name] = value
    })
    return Object.keys(headers).length > 0 ? HttpServerResponse.setHeaders(next, headers) : next
  })

/**
 * A handler that serves one endpoint through `auth.handler` (given `BetterAuthServer` when its group's
 * layer is built). Compile errors name what is wrong: an `auth.api` method that does not exist, a path
 * that is not the method's, a payload (encoded) that does not fit the method's body or query.
 */
export const route =
  <M extends keyof ServerApi, P extends Schema.Top | undefined, S extends Schema.Top, In extends "body" | "query">(
    options: RouteOptions<M, P, S, In> & PayloadFits<M, P extends Schema.Top ? P["Encoded"] : undefined, In>,
  ) =>
  (server: BetterAuthServerShape) =>
    Effect.fnUntraced(function* (args: RouteArgs) {
      const given = options.in === "query" ? args.query : args.payload
      const encoded =
        options.payload === undefined
          ? undefined
          : yield* Schema.encodeUnknownEffect(options.payload as unknown as Schema.Codec<unknown, unknown>)(given).pipe(
              Effect.mapError((error) => serverError(`the payload could not be encoded again: ${error.message}`)),
            )
      const incoming = HttpServerRequest.toURL(args.request)
      const origin = incoming._tag === "Some" ? incoming.value.origin : "http://localhost"
      const url = new URL(`${server.basePath.replace(/\/$/, "")}${options.path}`, origin)
      const queryFields = options.queryFields ?? []
      const query = options.in === "query" ? searchParams(encoded) : searchParams(encoded, queryFields)
      url.search = query.toString()
      const headers = new Headers()
      for (const [name, value] of Object.entries(args.request.headers))
        if (!REQUEST_HEADERS_DROPPED.has(name.toLowerCase())) headers.set(name, value)
      const init: RequestInit = { method: options.in === "query" ? "GET" : "POST", headers }
      // A POST's body is the payload encoded again, less its query fields; an endpoint without payload sends none.
      if (options.in === "body" && encoded !== undefined) init.body = JSON.stringify(withoutKeys(encoded, queryFields))
      const response = yield* Effect.tryPromise({
        try: () => server.handler(new Request(url, init)),
        catch: (error) => serverError(`Better Auth did not answer: ${error instanceof Error ? error.message : String(error)}`),
      })
      yield* HttpEffect.appendPreResponseHandler((_request, out) => forwardHeaders(response.headers)(out))
      const text = yield* Effect.tryPromise({
        try: () => response.text(),
        catch: () => serverError("Better Auth's answer could not be read"),
      })
      let body: unknown = null
      if (text !== "")
        try {
          body = JSON.parse(text)
        } catch {
          body = text
        }
      if (response.status < 200 || response.status > 299)
        return yield* Effect.fail<AuthError>(errorForStatus(response.status, errorBody(body, response.statusText)))
      // Generated contracts need no services to decode (no Schema with requirements is printed).
      const success = options.success as unknown as Schema.Codec<S["Type"], unknown>
      return yield* Schema.decodeUnknownEffect(success)(body).pipe(
        Effect.mapError((error) => serverError(`Better Auth's answer did not fit the contract: ${error.message}`)),
      )
    })
