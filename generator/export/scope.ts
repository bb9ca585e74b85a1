/** Marks operations the browser client cannot call, from the live server's endpoint metadata. */

/** `/x/:id` as the document writes it: `/x/{id}`. */
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")

export type Document = { paths?: Record<string, Record<string, Record<string, unknown>>> }

/**
 * The OpenAPI document does not say which endpoints the browser client may call. The server knows:
 * endpoints marked `SERVER_ONLY` or with `scope: "server" | "http"` are not client-visible. Record that
 * on each operation as `x-better-auth-scope`, so the generator can skip them without guessing.
 */
export const markClientScope = <D extends Document>(document: D, api: object): D => {
  for (const endpoint of Object.values(api) as Array<{ path?: string; options?: Record<string, unknown> }>) {
    const { path, options } = endpoint
    if (path === undefined || options === undefined) continue
    const metadata = (options["metadata"] ?? {}) as { SERVER_ONLY?: boolean; scope?: string }
    const scope = metadata.SERVER_ONLY ? "server-only" : metadata.scope
    if (scope === undefined) continue
    const methods = ([] as Array<unknown>).concat(options["method"]).map((m) => String(m).toLowerCase())
    const item = document.paths?.[toOpenApiPath(path)]
    for (const method of methods) {
      const operation = item?.[method]
      if (operation !== undefined) operation["x-better-auth-scope"] = scope
    }
  }
  return document
}

/**
 * Client plugins declare `pathMethods` for endpoints the client must POST even with an empty body.
 * Record them as `x-better-auth-client-method`, so handlers do not also force the method (for some of
 * those endpoints the client's types forbid passing fetch options).
 */
export const markClientMethods = <D extends Document>(document: D, plugins: ReadonlyArray<object>): D => {
  for (const plugin of plugins as ReadonlyArray<{ pathMethods?: Record<string, string> }>) {
    for (const [path, method] of Object.entries(plugin.pathMethods ?? {})) {
      const operation = document.paths?.[path]?.[method.toLowerCase()]
      if (operation !== undefined) operation["x-better-auth-client-method"] = method.toUpperCase()
    }
  }
  return document
}

/**
 * The `auth.api` method of each operation (`/two-factor/get-totp-uri` is `getTOTPURI`): method names are
 * not derived from paths, so the server target reads them from `x-better-auth-api-method`. Where two
 * methods serve one operation, the first in name order is recorded.
 */
export const markApiMethods = <D extends Document>(document: D, api: object): D => {
  for (const [name, endpoint] of Object.entries(api as Record<string, { path?: string; options?: Record<string, unknown> }>).sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
  )) {
    const { path, options } = endpoint
    if (typeof path !== "string" || options === undefined) continue
    const methods = ([] as Array<unknown>).concat(options["method"]).map((m) => String(m).toLowerCase())
    const item = document.paths?.[toOpenApiPath(path)]
    for (const method of methods) {
      const operation = item?.[method]
      if (operation !== undefined && operation["x-better-auth-api-method"] === undefined) operation["x-better-auth-api-method"] = name
    }
  }
  return document
}
