/**
 * The conformance suite's flows run against the generated server target: each request the Better Auth
 * client of a flow sends to a served endpoint becomes a call of the typed `HttpApiClient` derived from
 * the generated `Api` (the request's JSON and query decoded with the endpoint's own schemas first), sent
 * to the generated server in-process, which serves it through Better Auth's handler. The call's outcome
 * goes back to the flow as Better Auth would have answered: the Success encoded as JSON, a typed error
 * as its status with `{ code, message }`, with the cookies and headers the served response set. Requests
 * to endpoints the server target does not serve (redirects) and navigations (email links) go to Better
 * Auth's handler, as in an app that mounts it beside the served API for those.
 */
import { Cause, Effect, Exit, Option, Schema } from "effect"
import * as Cookies from "effect/http/Cookies"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpApi from "effect/http-api/HttpApi"
import * as HttpApiClient from "effect/http-api/HttpApiClient"
import type * as HttpApiEndpoint from "effect/http-api/HttpApiEndpoint"
import { Api } from "../../generated-server/api.ts"
import * as Errors from "../../generated-server/_runtime/errors.ts"
import { serve } from "./served.ts"

/** The status each typed error answers with. */
const STATUS: Readonly<Record<Errors.AuthError["_tag"], number>> = {
  BetterAuthBadRequest: 400,
  BetterAuthUnauthorized: 401,
  BetterAuthForbidden: 403,
  BetterAuthNotFound: 404,
  BetterAuthUnprocessableEntity: 422,
  BetterAuthTooManyRequests: 429,
  BetterAuthServerError: 500,
}

interface Route {
  readonly group: string
  readonly name: string
  readonly endpoint: HttpApiEndpoint.Top
}

/** Every served endpoint by `METHOD /api/auth/path`. */
const routes = (): ReadonlyMap<string, Route> => {
  const found = new Map<string, Route>()
  HttpApi.reflect(Api, {
    onGroup: () => {},
    onEndpoint: ({ group, endpoint }) =>
      found.set(`${endpoint.method} ${endpoint.path}`, { group: group.identifier, name: endpoint.identifier, endpoint }),
  })
  return found
}

const queryRecord = (params: URLSearchParams): Record<string, string | ReadonlyArray<string>> => {
  const record: Record<string, string | ReadonlyArray<string>> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    record[key] = values.length === 1 ? values[0]! : values
  }
  return record
}

const isAuthError = (error: unknown): error is Errors.AuthError =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" && error._tag in STATUS

/** Marks a plain request of a test (not a handler call): Better Auth answers it, as it would without the bridge. */
export const PLAIN_HEADER = "x-conformance-plain"

/** Marks an answer that came through the HttpApiClient and the generated server (not from Better Auth directly). */
export const SERVED_HEADER = "x-conformance-served"

/** A `fetch` for a flow's Better Auth client: served endpoints through the HttpApiClient, the rest to `auth`. */
export const httpApiBridge = (auth: Parameters<typeof serve>[0]) => {
  const served = serve(auth)
  const table = routes()
  const fetch: typeof globalThis.fetch = (input, init) => served.handler(new Request(input, init))
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const route = table.get(`${request.method} ${url.pathname}`)
    // A navigation (an email link) is answered by Better Auth's handler, which an app mounts for redirects;
    // so is a test's plain request, which asserts what Better Auth itself answers.
    if (route === undefined || request.headers.get("sec-fetch-mode") === "navigate" || request.headers.has(PLAIN_HEADER)) {
      const headers = new Headers(request.headers)
      headers.delete(PLAIN_HEADER)
      return auth.handler(new Request(request, { headers }))
    }
    const query = queryRecord(url.searchParams)
    const text = request.method === "POST" ? await request.text() : ""
    const body: unknown = text === "" ? {} : JSON.parse(text)
    const { endpoint } = route
    const payloadSchema = endpoint.payload.get("application/json")?.schemas[0]
    let captured: HttpClientResponse.HttpClientResponse | undefined
    const program = Effect.gen(function* () {
      const args =
        endpoint.method === "GET"
          ? endpoint.query === undefined
            ? {}
            : { query: yield* Schema.decodeUnknownEffect(endpoint.query as Schema.Codec<unknown, unknown>)(query) }
          : payloadSchema === undefined
            ? {}
            : {
                payload: yield* Schema.decodeUnknownEffect(payloadSchema as Schema.Codec<unknown, unknown>)({
                  ...query,
                  ...(body as object),
                }),
              }
      const client = yield* HttpApiClient.make(Api, {
        transformClient: (client) =>
          client.pipe(
            HttpClient.mapRequest((outgoing) =>
              HttpClientRequest.setHeaders(
                HttpClientRequest.prependUrl(outgoing, url.origin),
                Object.fromEntries([...request.headers].filter(([name]) => !["content-type", "content-length"].includes(name))),
              ),
            ),
            HttpClient.tap((response) => Effect.sync(() => void (captured = response))),
          ),
      })
      const call = (client as unknown as Record<string, Record<string, (args: object) => Effect.Effect<unknown, unknown>>>)[route.group]![
        route.name
      ]!
      return yield* call(args)
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provideService(FetchHttpClient.Fetch, fetch))
    const exit = await Effect.runPromiseExit(program)
    const headers = new Headers()
    if (captured !== undefined) {
      for (const [name, value] of Object.entries(captured.headers))
        if (!["set-cookie", "content-length", "content-type"].includes(name)) headers.set(name, value)
      for (const line of Cookies.toSetCookieHeaders(captured.cookies)) headers.append("set-cookie", line)
    }
    headers.set("content-type", "application/json")
    headers.set(SERVED_HEADER, `${route.group}.${route.name}`)
    if (Exit.isSuccess(exit)) {
      const success = [...endpoint.success][0]!
      const encoded = Schema.encodeUnknownSync(Schema.toCodecJson(success as Schema.Codec<unknown, unknown>))(exit.value)
      return new Response(JSON.stringify(encoded ?? null), { status: 200, headers })
    }
    const error = Cause.findErrorOption(exit.cause)
    if (Option.isSome(error) && isAuthError(error.value)) {
      const { code, message } = error.value
      return new Response(JSON.stringify(code === undefined ? { message } : { code, message }), {
        status: STATUS[error.value._tag],
        headers,
      })
    }
    throw new Error(`${request.method} ${url.pathname} through the HttpApiClient failed:\n${Cause.pretty(exit.cause)}`)
  }
}
