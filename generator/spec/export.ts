/**
 * Stage 0 (`bun run spec`): build an offline Better Auth server from the configured server module
 * (`serverModule`, exporting `authOptions`) and write its OpenAPI document to the configured spec file,
 * 2-space JSON with keys sorted, so upgrades diff cleanly. The client module (`clientModule`, exporting
 * `clientPlugins`) says which endpoints the client POSTs without a body.
 */
import { writeFile } from "node:fs/promises"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth"
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { openAPI } from "better-auth/plugins"
import { ConfigError, isPackageSpecifier, resolveConfig } from "../cli/config.ts"
import { memoryDatabase } from "./memory.ts"
import { type Document, markClientMethods, markClientScope } from "./scope.ts"
import { stableStringify } from "./stable-json.ts"


const importModule = (specifier: string) => import(isPackageSpecifier(specifier) ? specifier : pathToFileURL(specifier).href) as Promise<Record<string, unknown>>

const main = async (): Promise<number> => {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { config: { type: "string" }, out: { type: "string" } }, strict: true })
  let config
  try {
    config = await resolveConfig({ config: values.config })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`error: ${error.message}`)
    return 2
  }
  const out = values.out ?? config.spec
  const server = await importModule(config.serverModule)
  const client = await importModule(config.clientModule)
  const exported = server["authOptions"]
  const made = typeof exported === "function" ? (exported as () => unknown)() : exported
  if (made === null || typeof made !== "object") {
    console.error(`error: ${config.serverModule}: export authOptions (your Better Auth options, or a function returning them)`)
    return 2
  }
  if (!Array.isArray(client["clientPlugins"])) {
    console.error(`error: ${config.clientModule}: export clientPlugins (the array of your Better Auth client plugins)`)
    return 2
  }
  const given = made as BetterAuthOptions
  // The document comes from the openAPI plugin; add it when the app's server does not use it.
  const plugins: Array<BetterAuthPlugin> = [...(given.plugins ?? [])]
  if (!plugins.some((plugin) => plugin.id === "open-api")) plugins.unshift(openAPI() as unknown as BetterAuthPlugin)
  const options = { ...given, plugins }
  const auth = betterAuth({ ...options, database: memoryAdapter(memoryDatabase(options)) })
  // The plugin list is typed as plain BetterAuthPlugin (see better-auth.config.ts), so openAPI's
  // endpoint is not in auth.api's static type; it is there at run time.
  const api = auth.api as unknown as { generateOpenAPISchema: () => Promise<Document> }
  const document = markClientMethods(markClientScope(await api.generateOpenAPISchema(), auth.api), client["clientPlugins"] as ReadonlyArray<object>)
  await writeFile(out, stableStringify(document))
  const paths = Object.keys(document.paths ?? {}).length
  console.log(`wrote ${out}: ${paths} paths, ${options.plugins.length} plugins`)
  return 0
}

process.exitCode = await main()
