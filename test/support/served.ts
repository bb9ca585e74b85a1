/**
 * The generated server target, served in-process: the generated `layer` (generated-server/server.ts)
 * over a live Better Auth, as a web handler (`HttpRouter.toWebHandler`), and typed clients derived from
 * the generated `Api` (`HttpApiClient`), each with its own cookie jar. No network.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Cookies from "effect/http/Cookies"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpApiClient from "effect/http-api/HttpApiClient"
import { Api } from "../../generated-server/api.ts"
import { betterAuthLayer, layer } from "../../generated-server/server.ts"
import { BASE_URL } from "./live.ts"

/** What the served API needs of Better Auth. */
type AuthLike = Parameters<typeof betterAuthLayer>[0]

/** The generated server over `auth`, as `fetch`-shaped web handler, and a way to dispose of it. */
export const serve = (auth: AuthLike) => {
  const app = layer.pipe(Layer.provide(betterAuthLayer(auth)), Layer.provide(HttpServer.layerServices))
  const web = HttpRouter.toWebHandler(app, { disableLogger: true })
  return { handler: (request: Request) => web.handler(request), dispose: web.dispose }
}

export type Served = ReturnType<typeof serve>

/** Headers a browser adds to every fetch from the app's page. */
export const BROWSER_HEADERS = { origin: BASE_URL, "sec-fetch-mode": "cors" } as const

/**
 * A browser of the served API: an `HttpApiClient` derived from the generated `Api`, its requests going
 * to `served` in-process with `headers` (default: same-origin browser headers), and a cookie jar.
 */
export const browser = (served: Served, headers: Readonly<Record<string, string>> = BROWSER_HEADERS) => {
  const jar = Ref.makeUnsafe<ReadonlyArray<Cookies.Cookie>>([])
  const fetch: typeof globalThis.fetch = (input, init) => served.handler(new Request(input, init))
  const client = HttpApiClient.make(Api, {
    // baseUrl is applied after transformClient: the URL is made absolute here, so the jar sees it.
    transformClient: (client) =>
      client.pipe(
        HttpClient.mapRequest((request) => HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, BASE_URL), headers)),
        HttpClient.withCookiesRef(jar),
      ),
  })
  /** Runs a call with this browser's client (one fetch client, going to `served`, for building it and for its calls). */
  const run = <A, E>(f: (api: Effect.Success<typeof client>) => Effect.Effect<A, E, HttpClient.HttpClient>) =>
    Effect.runPromiseExit(
      client.pipe(
        Effect.flatMap((api) => f(api)),
        Effect.provide(FetchHttpClient.layer),
        Effect.provideService(FetchHttpClient.Fetch, fetch),
      ),
    )
  return { run }
}
