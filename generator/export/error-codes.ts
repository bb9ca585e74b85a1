/**
 * The error codes the installed Better Auth declares: the core's `BASE_ERROR_CODES` and each plugin's
 * `$ERROR_CODES` (server and client plugins). The export records them in `info.x-better-auth-error-codes`
 * (code → message), and the generator types `BetterAuthApiError.code` with them.
 */

/**
 * One declared code: Better Auth 1.7 declares `{ code, message }` under each key, earlier versions the
 * message itself under the code.
 */
const entryOf = (key: string, value: unknown): readonly [string, string] | undefined => {
  if (typeof value === "string") return [key, value]
  if (value === null || typeof value !== "object") return undefined
  const { code, message } = value as { code?: unknown; message?: unknown }
  return [typeof code === "string" && code !== "" ? code : key, typeof message === "string" ? message : ""]
}

/**
 * Merges code tables (the core's, then the plugins' `$ERROR_CODES`; a plugin without one adds nothing)
 * into code → message, keys sorted. A code declared twice keeps the first message.
 */
export const collectErrorCodes = (tables: ReadonlyArray<unknown>): Record<string, string> => {
  const codes = new Map<string, string>()
  for (const table of tables) {
    if (table === null || typeof table !== "object") continue
    for (const [key, value] of Object.entries(table)) {
      const entry = entryOf(key, value)
      if (entry !== undefined && !codes.has(entry[0])) codes.set(entry[0], entry[1])
    }
  }
  return Object.fromEntries([...codes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The `$ERROR_CODES` of each plugin, in order. */
export const pluginErrorCodes = (plugins: ReadonlyArray<object>): ReadonlyArray<unknown> =>
  plugins.map((plugin) => (plugin as { $ERROR_CODES?: unknown }).$ERROR_CODES)
