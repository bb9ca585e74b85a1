/**
 * The real-browser test's web server, on 127.0.0.1 (a free port): `/` is an HTML page loading `/app.js`
 * (the browser bundle of test/browser/app.ts), and `/api/auth/*` is forwarded to an in-process Better Auth
 * server (test/support/live.ts) whose base URL is this origin, with its origin check on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { bundleForBrowser } from "../support/browser-bundle.ts"
import { type LiveServer, startLiveServer } from "../support/live.ts"

export const APP_ENTRY = "test/browser/app.ts"

const PAGE = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>SDK in a browser</title>
    <script type="module" src="/app.js"></script>
  </head>
  <body></body>
</html>
`

/** A logged line of Better Auth's: level and message. */
export interface LogLine {
  readonly level: string
  readonly message: string
}

const readBody = async (request: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

/** A node request as a fetch `Request` for Better Auth's handler. */
const toRequest = async (origin: string, request: IncomingMessage): Promise<Request> => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item)
  }
  const method = request.method ?? "GET"
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(request)
  return new Request(new URL(request.url ?? "/", origin), { method, headers, ...(body === undefined ? {} : { body }) })
}

const send = async (response: Response, to: ServerResponse): Promise<void> => {
  const headers: Record<string, string | Array<string>> = {}
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers["set-cookie"] = cookies
  to.writeHead(response.status, headers)
  to.end(Buffer.from(await response.arrayBuffer()))
}

export interface BrowserServer {
  readonly origin: string
  readonly auth: LiveServer["auth"]
  /** The warnings and errors Better Auth logged (nothing reaches the console). */
  readonly logs: ReadonlyArray<LogLine>
  readonly close: () => Promise<void>
}

export const startBrowserServer = async (): Promise<BrowserServer> => {
  const app = await bundleForBrowser({ entry: APP_ENTRY }, { minify: false })
  let handle: (request: Request) => Promise<Response> = () => Promise.reject(new Error("the auth server is not ready"))
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname
    if (path === "/") return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE)
    if (path === "/app.js") return void response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(app.code)
    if (!path.startsWith("/api/auth/")) return void response.writeHead(404).end()
    toRequest(origin, request)
      .then(handle)
      .then((answer) => send(answer, response))
      .catch((error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(String(error)))
  })
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const logs: Array<LogLine> = []
  const live = startLiveServer(
    {},
    {
      baseURL: origin,
      // NODE_ENV=test turns the origin check off by default: a browser must pass it.
      advanced: { disableOriginCheck: false },
      // Level "info": at "warn" or "error" Better Auth also prints API errors with its global logger,
      // past `log`. Warnings and errors are kept for the test; nothing reaches the console.
      logger: {
        level: "info",
        log: (level, message) => void ((level === "warn" || level === "error") && logs.push({ level, message })),
      },
    },
  )
  handle = (request) => live.auth.handler(request)
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close((error) => (error === undefined ? resolve() : reject(error)))
    })
  return { origin, auth: live.auth, logs, close }
}
