/**
 * The conformance harness: a live server whose plugins' secrets (OTPs, links, tokens) land in an inbox,
 * and actors (one client and cookie jar each) that run generated handlers, fail when a decoded answer
 * dropped a field the server sent, record which endpoint each good call exercised, and check typed errors.
 */
import { Cause, Effect, Exit } from "effect"
import { expect } from "vitest"
import { type AuthCallbacks, authOptions } from "../../../better-auth.config.ts"
import * as SDK from "../../../generated/index.ts"
import { httpApiBridge, PLAIN_HEADER, SERVED_HEADER } from "../../support/bridge.ts"
import { type ExtraOptions, startLiveServer } from "../../support/live.ts"
import { recordExercised } from "./coverage.ts"
import { currentStorage, currentTarget, openDatabase } from "./storage.ts"

type Captured = { readonly [K in keyof AuthCallbacks]-?: Parameters<NonNullable<AuthCallbacks[K]>>[0] }
type Inbox = { readonly [K in keyof Captured]: Array<Captured[K]> }

/** Handlers run by an actor: any generated handler, the client service being the only requirement. */
type Call<A> = Effect.Effect<A, SDK.Runtime.HandlerError, SDK.Runtime.AuthClient>

const API_PREFIX = "/api/auth"

/** One browser: a client with its own cookie jar. */
export interface Actor {
  readonly client: SDK.Runtime.AuthClientInstance
  readonly cookies: ReadonlyMap<string, string>
  /** Follows a link from an email in this browser (a plain request, not a handler call). */
  readonly visit: (url: string) => Promise<Response>
  /** A plain request from this browser (not a handler call), e.g. a form POST no handler can make. */
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>
  /** Runs a handler that must succeed; its request counts as exercising the endpoint. */
  readonly run: <A>(call: Call<A>) => Promise<A>
  /** Runs a handler that must fail with Better Auth's `code` and `status`. */
  readonly reject: <A>(
    call: Call<A>,
    expected: { readonly code: string | undefined; readonly status: number },
  ) => Promise<SDK.Runtime.BetterAuthApiError>
}

export interface ServerOptions {
  /** Options added to the shared configuration (never plugins). */
  readonly extra?: ExtraOptions
  /** Keys the server answers because of `extra` and that no contract knows, e.g. an additional session field. */
  readonly extraKeys?: ReadonlyArray<string>
}

/** A live server on the storage of the running conformance project (memory, SQLite or PostgreSQL). */
export const startServer = async (options: ServerOptions = {}) => {
  const inbox: Inbox = {
    onEmailOtp: [],
    onMagicLink: [],
    onPhoneOtp: [],
    onPhonePasswordResetOtp: [],
    onTwoFactorOtp: [],
    onResetPassword: [],
    onVerificationEmail: [],
    onInvitation: [],
    onDeleteAccount: [],
    onChangeEmail: [],
  }
  const capture =
    <K extends keyof Inbox>(kind: K) =>
    (item: Captured[K]) =>
      void inbox[kind].push(item)
  // Required: a callback added to better-auth.config.ts without a capture here is a compile error.
  const callbacks: Required<AuthCallbacks> = {
    onEmailOtp: capture("onEmailOtp"),
    onMagicLink: capture("onMagicLink"),
    onPhoneOtp: capture("onPhoneOtp"),
    onPhonePasswordResetOtp: capture("onPhonePasswordResetOtp"),
    onTwoFactorOtp: capture("onTwoFactorOtp"),
    onResetPassword: capture("onResetPassword"),
    onVerificationEmail: capture("onVerificationEmail"),
    onInvitation: capture("onInvitation"),
    onDeleteAccount: capture("onDeleteAccount"),
    onChangeEmail: capture("onChangeEmail"),
  }
  const database = await openDatabase(currentStorage(), { ...authOptions(), ...options.extra })
  // The server target's projects send every served request through the generated server (bridge.ts).
  const target = currentTarget()
  const server = startLiveServer(callbacks, options.extra, database, target === "server" ? httpApiBridge : undefined)

  /** A new browser; `headers` go with every request (e.g. an OAuth bearer token). */
  const actor = (headers: Readonly<Record<string, string>> = {}): Actor => {
    const requests: Array<{ method: string; path: string; response: Response }> = []
    const connected = server.connect((request) => requests.push(request), headers)
    const { client, cookies } = connected
    // Plain requests (not handler calls) are Better Auth's to answer, in the server target's projects too.
    const fetch = (url: string, init: RequestInit) =>
      connected.fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), [PLAIN_HEADER]: "1" } })
    const visit = (url: string) => fetch(url, { redirect: "manual", headers: { "sec-fetch-mode": "navigate", accept: "text/html" } })
    const exit = <A>(call: Call<A>) => {
      requests.length = 0
      return Effect.runPromiseExit(call.pipe(Effect.provide(SDK.Runtime.layerFromClient(client))))
    }
    const run = async <A>(call: Call<A>): Promise<A> => {
      const result = await exit(call)
      if (Exit.isFailure(result)) {
        const error = Cause.findErrorOption(result.cause)
        const detail =
          error._tag === "Some" && error.value._tag === "ContractError"
            ? `${error.value.handler}: ${String(error.value.cause)}\nthe server answered: ${await requests.at(-1)?.response.text()}`
            : Cause.pretty(result.cause)
        throw new Error(`handler failed: ${detail}`)
      }
      const [request, ...more] = requests
      if (request === undefined || more.length > 0) throw new Error(`a handler call made ${requests.length} requests`)
      const path = request.path.startsWith(API_PREFIX) ? request.path.slice(API_PREFIX.length) : request.path
      // The contract must carry everything the server answered: a key it drops is a contract gap.
      const text = await request.response.text()
      const json = request.response.headers.get("content-type")?.includes("json") === true && text !== ""
      const raw: unknown = json ? JSON.parse(text) : text
      const dropped = undeclaredKeys(raw, result.value).filter((at) => !options.extraKeys?.includes(at.split(".").at(-1) ?? ""))
      if (dropped.length > 0)
        throw new Error(`${request.method} ${path}: the contract drops ${dropped.join(", ")}; the server answered ${text}`)
      // The server target counts an endpoint when its request went through the generated server.
      if (target === "client" || request.response.headers.has(SERVED_HEADER))
        await recordExercised(request.method, path, json ? raw : undefined)
      return result.value
    }
    const fail = async <A>(call: Call<A>): Promise<SDK.Runtime.HandlerError> => {
      const result = await exit(call)
      if (Exit.isSuccess(result)) throw new Error(`expected the handler to fail, it answered ${JSON.stringify(result.value)}`)
      const error = Cause.findErrorOption(result.cause)
      if (error._tag === "None") throw new Error(`the handler died:\n${Cause.pretty(result.cause)}`)
      return error.value
    }
    const reject = async <A>(call: Call<A>, expected: { readonly code: string | undefined; readonly status: number }) => {
      const error = await fail(call)
      if (error._tag !== "BetterAuthApiError") throw new Error(`expected BetterAuthApiError, got ${error._tag}: ${error.message}`)
      expect({ code: error.code, status: error.status }).toEqual(expected)
      return error
    }
    return { client, cookies, visit, fetch, run, reject }
  }

  /** The newest captured item of a kind that matches, e.g. the last OTP sent to an address. */
  const latest = <K extends keyof Inbox>(kind: K, match: (item: Captured[K]) => boolean = () => true): Captured[K] => {
    const found = inbox[kind].filter(match).at(-1)
    if (found === undefined) throw new Error(`nothing captured by ${kind}`)
    return found
  }

  return { auth: server.auth, actor, inbox, latest }
}

export type ConformanceServer = Awaited<ReturnType<typeof startServer>>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)

/** Paths of keys the server sent that the decoded value does not carry (the contract drops them). */
export const undeclaredKeys = (raw: unknown, decoded: unknown, at = "$"): ReadonlyArray<string> => {
  if (Array.isArray(raw) && Array.isArray(decoded)) return raw.flatMap((item, i) => undeclaredKeys(item, decoded[i], `${at}[]`))
  if (!isRecord(raw) || !isRecord(decoded)) return []
  return Object.keys(raw).flatMap((key) => (key in decoded ? undeclaredKeys(raw[key], decoded[key], `${at}.${key}`) : [`${at}.${key}`]))
}
