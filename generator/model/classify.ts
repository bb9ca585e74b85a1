/**
 * Stage 2b: decide whether the browser client can call an operation. Anything it cannot call is
 * skipped with a stable code and a sentence; the skips are written to the manifest.
 */
import type { OpenApiOperation } from "../spec/types.ts"
import { isSafeSegment, segmentsOf } from "./naming.ts"
import type { Skipped } from "./types.ts"

/** Returns the reason an operation is not client-callable, or undefined when it is. */
export const skipReason = (method: string, path: string, operation: OpenApiOperation): Omit<Skipped, "method" | "path"> | undefined => {
  const scope = operation["x-better-auth-scope"]
  if (scope === "server-only") return { code: "server-only", reason: "marked SERVER_ONLY: callable only through auth.api on the server" }
  if (scope === "server" || scope === "http")
    return { code: "server-scope", reason: `scope "${scope}": not exposed to the client (callbacks, webhooks, SCIM, health checks)` }
  if (path.includes("{"))
    return { code: "path-parameters", reason: "has path parameters, which the client proxy cannot fill (use client.$fetch)" }
  if (path.startsWith("/.well-known/")) return { code: "well-known", reason: "a /.well-known document, not an API call" }
  if (method !== "get" && method !== "post")
    return { code: "unsupported-method", reason: `${method.toUpperCase()}: the client proxy only sends GET and POST` }
  const content = operation.requestBody?.content
  if (content !== undefined && Object.keys(content).length > 0 && content["application/json"] === undefined)
    return { code: "non-json-body", reason: `body is ${Object.keys(content).join(", ")}, not JSON` }
  if (segmentsOf(path).length === 0) return { code: "not-a-client-path", reason: "the root path: no client method maps to it" }
  if (!segmentsOf(path).every(isSafeSegment))
    return { code: "not-a-client-path", reason: "path segments are not lower-case kebab-case, so no client method maps to them" }
  return undefined
}
