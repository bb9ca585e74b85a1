/**
 * Stage 0 (`bun run spec`): build an offline Better Auth server from better-auth.config.ts and write its
 * OpenAPI document to better-auth-api-spec.json, 2-space JSON with keys sorted, so upgrades diff cleanly.
 */
import { writeFile } from "node:fs/promises"
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { authOptions, clientPlugins } from "../../better-auth.config.ts"
import { memoryDatabase } from "./memory.ts"
import { type Document, markClientMethods, markClientScope } from "./scope.ts"
import { stableStringify } from "./stable-json.ts"


const main = async () => {
  const out = process.argv[2] ?? "better-auth-api-spec.json"
  const options = authOptions()
  const auth = betterAuth({ ...options, database: memoryAdapter(memoryDatabase(options)) })
  // The plugin list is typed as plain BetterAuthPlugin (see better-auth.config.ts), so openAPI's
  // endpoint is not in auth.api's static type; it is there at run time.
  const api = auth.api as unknown as { generateOpenAPISchema: () => Promise<Document> }
  const document = markClientMethods(markClientScope(await api.generateOpenAPISchema(), auth.api), clientPlugins)
  await writeFile(out, stableStringify(document))
  const paths = Object.keys(document.paths ?? {}).length
  console.log(`wrote ${out}: ${paths} paths, ${options.plugins.length} plugins`)
}

await main()
