/**
 * An in-process Better Auth server (the plugin list of better-auth.config.ts; a given SQL database, or
 * the memory adapter answering NULL for unset columns like SQL) and browser-like clients wired to it
 * through `customFetchImpl`, each with its own cookie jar, the Origin header and `sec-fetch-mode`.
 * No network.
 */
import { type BetterAuthOptions, betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { getAuthTables } from "better-auth/db"
import { authOptions, type AuthCallbacks } from "../../better-auth.config.ts"
import { makeAuthClient } from "../../generated/_runtime/client.ts"
import { memoryDatabase } from "../../generator/export/memory.ts"

export const BASE_URL = "http://localhost:3000"

/** Told about every request a client sends, with (a copy of) the answer. */
export type RequestListener = (request: { readonly method: string; readonly path: string; readonly response: Response }) => void

type Database = ReturnType<typeof memoryAdapter>
type Adapter = ReturnType<Database>

/**
 * The memory adapter stores only the columns a row was created with, so unset fields come back absent.
 * A SQL database has every column and answers NULL for unset ones (`image: null`), which is what real
 * servers send and what the contracts must decode: fill every column without a default with null on
 * create, as a SQL insert would.
 */
const withNullColumns = (database: Database, tables: ReturnType<typeof getAuthTables>): Database => {
  const fill = (model: string, data: Record<string, unknown>) => {
    const fields = tables[model]?.fields ?? {}
    const nulls = Object.entries(fields)
      .filter(([name, field]) => data[name] === undefined && field.defaultValue === undefined)
      .map(([name]) => [name, null] as const)
    return { ...data, ...Object.fromEntries(nulls) }
  }
  const wrap = (adapter: Adapter): Adapter => ({
    ...adapter,
    create: (args) => adapter.create({ ...args, data: fill(args.model, args.data as Record<string, unknown>) as typeof args.data }),
    transaction: (callback) => adapter.transaction((trx) => callback(wrap(trx as Adapter))),
  })
  return (options) => wrap(database(options))
}

/**
 * Options a test may add to the shared configuration (never plugins: those must match the spec export).
 * `logger` replaces the default (no log).
 */
export type ExtraOptions = Pick<BetterAuthOptions, "session" | "baseURL" | "advanced" | "logger">

/** Where a client's requests go: Better Auth's handler, or something in front of it (the server target). */
export type Dispatch = (auth: LiveAuth) => (request: Request) => Promise<Response>

/** What a dispatch sees of the server: its handler and options. */
export interface LiveAuth {
  readonly handler: (request: Request) => Promise<Response>
  readonly options: object
}

/**
 * `sql`: a migrated SQL database (see test/conformance/support/storage.ts); default the memory adapter.
 * `dispatch`: what answers the clients' requests; default Better Auth's own handler.
 */
export const startLiveServer = (
  callbacks: AuthCallbacks = {},
  extra: ExtraOptions = {},
  sql?: BetterAuthOptions["database"],
  dispatch?: Dispatch,
) => {
  const options = { ...authOptions(callbacks), ...extra }
  const database = sql ?? withNullColumns(memoryAdapter(memoryDatabase(options)), getAuthTables(options))
  // Rate limiting is off outside production already; say so, a suite signs in hundreds of times.
  // The suites provoke failures on purpose (wrong passwords, bad codes, foreign challenges) and assert
  // each one's code and status, so Better Auth's own error log would only be noise in a passing run.
  const auth = betterAuth({ ...options, database, rateLimit: { enabled: false }, logger: extra.logger ?? { disabled: true } })
  const answer = dispatch?.(auth) ?? ((request: Request) => auth.handler(request))

  /** A new client (a browser, in effect) with an empty cookie jar, sending `headers` with every request. */
  const connect = (listener?: RequestListener, headers: Readonly<Record<string, string>> = {}) => {
    const cookies = new Map<string, string>()
    const customFetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      const sent = new Headers(request.headers)
      sent.set("origin", BASE_URL)
      // What a browser adds to every fetch() (a navigation, see `visit` in tests, says "navigate").
      if (!sent.has("sec-fetch-mode")) sent.set("sec-fetch-mode", "cors")
      for (const [name, value] of Object.entries(headers)) sent.set(name, value)
      if (cookies.size > 0) sent.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "))
      const response = await answer(new Request(request, { headers: sent }))
      for (const line of response.headers.getSetCookie()) {
        const [pair = "", ...attributes] = line.split(";")
        const index = pair.indexOf("=")
        const name = pair.slice(0, index).trim()
        const value = pair.slice(index + 1).trim()
        const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
        if (value === "" || expired) cookies.delete(name)
        else cookies.set(name, value)
      }
      listener?.({ method: request.method, path: new URL(request.url).pathname, response: response.clone() })
      return response
    }
    const client = makeAuthClient({ baseURL: BASE_URL, fetchOptions: { customFetchImpl } })
    return { client, cookies, fetch: customFetchImpl }
  }

  const first = connect()
  return { auth, client: first.client, cookies: first.cookies, connect }
}

export type LiveServer = ReturnType<typeof startLiveServer>
