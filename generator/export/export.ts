/**
 * Stage 0 (`bun run spec`): build an offline Better Auth server from the configured server module
 * (`serverModule`, exporting `authOptions`) and write its OpenAPI document to the configured spec file,
 * 2-space JSON with keys sorted, so upgrades diff cleanly. The client module (`clientModule`, exporting
 * `clientPlugins`) says which endpoints the client POSTs without a body.
 *
 * The document records where it came from in `info.x-better-auth` (better-auth version, plugin ids, this
 * exporter), and `info.version` is the better-auth version. better-auth is loaded from where the server
 * module is (its node_modules), so a server module in another folder exports that folder's Better Auth
 * (test/fixtures/upgrade/ is made that way). The error codes the core and the plugins declare are
 * recorded in `info.x-better-auth-error-codes` (code → message).
 */
import { readFileSync } from "node:fs"
import { writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth"
import { ConfigError, isPackageSpecifier, resolveConfig } from "../config.ts"
import { installedPackage } from "../spec/installed.ts"
import { emptyTables } from "./memory.ts"
import { ERROR_CODES_KEY, PROVENANCE_KEY, type SpecProvenance } from "../spec/provenance.ts"
import { collectErrorCodes, pluginErrorCodes } from "./error-codes.ts"
import { type Document, markApiMethods, markClientMethods, markClientScope } from "./scope.ts"
import { stableStringify } from "../spec/stable-json.ts"

const importModule = (specifier: string) =>
  import(isPackageSpecifier(specifier) ? specifier : pathToFileURL(specifier).href) as Promise<Record<string, unknown>>

/** `better-auth-effect-codegen@0.1.0`, from this project's package.json. */
const exporterName = (): string => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { name: string; version: string }
  return `${pkg.name}@${pkg.version}`
}

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { config: { type: "string" }, out: { type: "string" } },
    strict: true,
  })
  let config
  try {
    config = await resolveConfig({ config: values.config })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`error: ${error.message}`)
    return 2
  }
  const out = values.out ?? config.spec
  // better-auth as the server module sees it: the document and its provenance describe the same copy.
  const from = isPackageSpecifier(config.serverModule) ? join(process.cwd(), "package.json") : resolve(config.serverModule)
  const installed = installedPackage("better-auth", dirname(from))
  if (installed === undefined) {
    console.error(`error: better-auth is not installed where ${config.serverModule} is (npm install)`)
    return 2
  }
  const require = createRequire(from)
  const load = (id: string): Promise<unknown> => import(pathToFileURL(require.resolve(id)).href)
  const { betterAuth } = (await load("better-auth")) as typeof import("better-auth")
  const { memoryAdapter } = (await load("better-auth/adapters/memory")) as typeof import("better-auth/adapters/memory")
  const { getAuthTables } = (await load("better-auth/db")) as typeof import("better-auth/db")
  const { openAPI } = (await load("better-auth/plugins")) as typeof import("better-auth/plugins")
  // The core's codes, from the @better-auth/core that this better-auth uses.
  const core = createRequire(require.resolve("better-auth"))
  const { BASE_ERROR_CODES } = (await import(pathToFileURL(core.resolve("@better-auth/core/error")).href)) as { BASE_ERROR_CODES: unknown }
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
  const auth = betterAuth({ ...options, database: memoryAdapter(emptyTables(getAuthTables(options))) })
  // The plugin list is typed as plain BetterAuthPlugin (see better-auth.config.ts), so openAPI's
  // endpoint is not in auth.api's static type; it is there at run time.
  const api = auth.api as unknown as { generateOpenAPISchema: () => Promise<Document & { info?: Record<string, unknown> }> }
  const document = markClientMethods(
    markApiMethods(markClientScope(await api.generateOpenAPISchema(), auth.api), auth.api),
    client["clientPlugins"] as ReadonlyArray<object>,
  )
  const provenance: SpecProvenance = { version: installed.version, plugins: plugins.map((p) => p.id), exporter: exporterName() }
  const clientPlugins = client["clientPlugins"] as ReadonlyArray<object>
  const errorCodes = collectErrorCodes([BASE_ERROR_CODES, ...pluginErrorCodes(plugins), ...pluginErrorCodes(clientPlugins)])
  document.info = { ...document.info, version: installed.version, [PROVENANCE_KEY]: provenance, [ERROR_CODES_KEY]: errorCodes }
  await writeFile(out, stableStringify(document))
  const paths = Object.keys(document.paths ?? {}).length
  console.log(
    `wrote ${out}: better-auth ${installed.version}, ${paths} paths, ${options.plugins.length} plugins, ${Object.keys(errorCodes).length} error codes`,
  )
  return 0
}

process.exitCode = await main()
