/**
 * Stage 0 (`bun run spec`): build an offline Better Auth server from better-auth.config.ts and write its
 * OpenAPI document to better-auth-api-spec.json, 2-space JSON with keys sorted, so upgrades diff cleanly.
 */
import { writeFile } from "node:fs/promises"
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { getAuthTables } from "better-auth/db"
import { authOptions } from "../../better-auth.config.ts"
import { stableStringify } from "./stable-json.ts"

/** An in-memory database with one array per model, as the memory adapter requires before the first call. */
export const memoryDatabase = (options: Parameters<typeof getAuthTables>[0]) =>
  Object.fromEntries(Object.values(getAuthTables(options)).map((table) => [table.modelName, [] as Array<unknown>]))

type Document = { paths?: Record<string, Record<string, Record<string, unknown>>> }

/**
 * The OpenAPI document does not say which endpoints the browser client may call. The server knows:
 * endpoints marked `SERVER_ONLY` or with `scope: "server" | "http"` are not client-visible. Record that
 * on each operation as `x-better-auth-scope`, so the generator can skip them without guessing.
 */
export const markClientScope = <D extends Document>(document: D, api: object): D => {
  const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")
  for (const endpoint of Object.values(api) as Array<{ path?: string; options?: Record<string, unknown> }>) {
    const { path, options } = endpoint
    if (path === undefined || options === undefined) continue
    const metadata = (options["metadata"] ?? {}) as { SERVER_ONLY?: boolean; scope?: string }
    const scope = metadata.SERVER_ONLY ? "server-only" : metadata.scope
    if (scope === undefined) continue
    const methods = ([] as Array<unknown>).concat(options["method"]).map((m) => String(m).toLowerCase())
    const item = document.paths?.[toOpenApiPath(path)]
    for (const method of methods) {
      const operation = item?.[method === "*" ? "" : method]
      if (operation !== undefined) operation["x-better-auth-scope"] = scope
    }
  }
  return document
}

const main = async () => {
  const out = process.argv[2] ?? "better-auth-api-spec.json"
  const options = authOptions()
  const auth = betterAuth({ ...options, database: memoryAdapter(memoryDatabase(options)) })
  const document = markClientScope(await auth.api.generateOpenAPISchema(), auth.api)
  await writeFile(out, stableStringify(document))
  const paths = Object.keys(document.paths ?? {}).length
  console.log(`wrote ${out}: ${paths} paths, ${options.plugins.length} plugins`)
}

if (import.meta.main) await main()
