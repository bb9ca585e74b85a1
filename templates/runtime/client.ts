/**
 * The Better Auth client as an Effect service. Handlers ask for `AuthClient`; apps provide it with
 * `layer({ baseURL })`, tests with any client built by `makeAuthClient`. The plugin list comes from the
 * app's client module, which imports client plugins only, so this SDK bundles for the browser.
 */
import type { BetterAuthClientOptions } from "better-auth/client"
import { createAuthClient } from "better-auth/client"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { clientPlugins } from "../../better-auth.client.ts"

export interface AuthClientOptions {
  /** The server's origin; the client appends `/api/auth` (or `basePath`). */
  readonly baseURL: string
  /** Where Better Auth is mounted, if not `/api/auth`. */
  readonly basePath?: string
  /** better-fetch options, e.g. `credentials: "include"` for another origin, headers, `customFetchImpl`. */
  readonly fetchOptions?: BetterAuthClientOptions["fetchOptions"]
}

/** Builds a client with the app's client plugins. */
export const makeAuthClient = (options: AuthClientOptions) =>
  createAuthClient({
    baseURL: options.baseURL,
    plugins: clientPlugins,
    ...(options.basePath === undefined ? {} : { basePath: options.basePath }),
    ...(options.fetchOptions === undefined ? {} : { fetchOptions: options.fetchOptions }),
  })

type MadeClient = ReturnType<typeof makeAuthClient>

/**
 * The client type every handler's `execute` is checked against. An interface rather than the inferred
 * type itself, so the compiler resolves it once instead of at every handler.
 */
export interface AuthClientInstance extends MadeClient {}

export class AuthClient extends Context.Service<AuthClient, AuthClientInstance>()("better-auth-effect/AuthClient") {}

/** Provides `AuthClient` built from options. */
export const layer = (options: AuthClientOptions): Layer.Layer<AuthClient> => Layer.succeed(AuthClient, makeAuthClient(options))

/** Provides an existing client (for tests, or an app that already built one). */
export const layerFromClient = (client: AuthClientInstance): Layer.Layer<AuthClient> => Layer.succeed(AuthClient, client)
