/**
 * An in-process Better Auth server (memory adapter, the plugin list of better-auth.config.ts) and a
 * client wired to it through `customFetchImpl`, with a cookie jar and the Origin header. No network.
 */
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { authOptions, type AuthCallbacks } from "../../better-auth.config.ts"
import { makeAuthClient } from "../../generated/_runtime/client.ts"
import { memoryDatabase } from "../../generator/spec/memory.ts"

const BASE_URL = "http://localhost:3000"

export const startLiveServer = (callbacks: AuthCallbacks = {}) => {
  const options = authOptions(callbacks)
  const auth = betterAuth({ ...options, database: memoryAdapter(memoryDatabase(options)) })
  const cookies = new Map<string, string>()
  const customFetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const headers = new Headers(request.headers)
    headers.set("origin", BASE_URL)
    if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "))
    const response = await auth.handler(new Request(request, { headers }))
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";")
      const index = pair.indexOf("=")
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (value === "" || expired) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  const client = makeAuthClient({ baseURL: BASE_URL, fetchOptions: { customFetchImpl } })
  return { auth, client, cookies }
}
