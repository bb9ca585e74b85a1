/**
 * Stage 1a': where the document came from. `npm run spec` records the Better Auth version, the plugin ids
 * and the exporter in `info.x-better-auth`, and marks operations with `x-better-auth-scope` and
 * `x-better-auth-client-method`. A document without them was not made by the export (server-only
 * endpoints would be generated); one from another better-auth than the installed one describes another
 * client. Both are warned about, and so is a document without the declared error codes
 * (`info.x-better-auth-error-codes`); markers that are present but unreadable are errors with a JSON pointer.
 */
import { SpecError, type Warning } from "../errors.ts"
import { pointer } from "./pointer.ts"

/** The key under `info` that holds the provenance. */
export const PROVENANCE_KEY = "x-better-auth"
/** The key under `info` that holds the declared error codes (code → message). */
export const ERROR_CODES_KEY = "x-better-auth-error-codes"
export const SCOPE_MARKER = "x-better-auth-scope"
export const CLIENT_METHOD_MARKER = "x-better-auth-client-method"
const SCOPES = ["server-only", "server", "http"]
const CLIENT_METHODS = ["GET", "POST"]

export interface SpecProvenance {
  /** The better-auth version the document was exported from. */
  readonly version: string
  /** The server plugins' ids, in the config's order. */
  readonly plugins: ReadonlyArray<string>
  /** `better-auth-effect-codegen@0.1.0`: the export that wrote the document. */
  readonly exporter: string
}

export interface ProvenanceCheck {
  /** The recorded provenance, when the document has a readable one. */
  readonly provenance: SpecProvenance | undefined
  readonly warnings: ReadonlyArray<Warning>
  /** The declared error codes, sorted (empty when the document records none). */
  readonly errorCodes: ReadonlyArray<string>
  /** The first unreadable marker: the run must stop. */
  readonly error: SpecError | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value)

/**
 * Reads the provenance and the markers of a document. `installed` is the better-auth version the
 * generated client will be compiled against (undefined: not installed, nothing to compare). Pure.
 */
export const checkProvenance = (
  document: unknown,
  input: { readonly file: string; readonly installed: string | undefined },
): ProvenanceCheck => {
  const warnings: Array<Warning> = []
  const fail = (at: string, message: string): ProvenanceCheck => ({
    provenance: undefined,
    warnings,
    errorCodes: [],
    error: new SpecError({ file: input.file, at, message }),
  })
  const doc = isRecord(document) ? document : {}
  let scopes = 0
  let methods = 0
  for (const [path, item] of Object.entries(isRecord(doc["paths"]) ? doc["paths"] : {})) {
    for (const [method, operation] of Object.entries(isRecord(item) ? item : {})) {
      if (!isRecord(operation)) continue
      const scope = operation[SCOPE_MARKER]
      if (scope !== undefined) {
        if (typeof scope !== "string" || !SCOPES.includes(scope))
          return fail(
            pointer("paths", path, method, SCOPE_MARKER),
            `${SCOPE_MARKER} must be one of ${SCOPES.map((s) => JSON.stringify(s)).join(", ")}, found ${JSON.stringify(scope)} (re-export with \`npm run spec\`)`,
          )
        scopes++
      }
      const clientMethod = operation[CLIENT_METHOD_MARKER]
      if (clientMethod !== undefined) {
        if (typeof clientMethod !== "string" || !CLIENT_METHODS.includes(clientMethod))
          return fail(
            pointer("paths", path, method, CLIENT_METHOD_MARKER),
            `${CLIENT_METHOD_MARKER} must be "GET" or "POST", found ${JSON.stringify(clientMethod)} (re-export with \`npm run spec\`)`,
          )
        methods++
      }
    }
  }
  const info = isRecord(doc["info"]) ? doc["info"] : {}
  const raw = info[PROVENANCE_KEY]
  let provenance: SpecProvenance | undefined
  if (raw === undefined) {
    warnings.push({
      code: "spec-without-provenance",
      at: pointer("info"),
      message: `no info.${PROVENANCE_KEY} (better-auth version, plugins, exporter): the document was not made by \`npm run spec\`, so its better-auth version cannot be compared with the installed one`,
    })
  } else {
    const at = pointer("info", PROVENANCE_KEY)
    if (!isRecord(raw)) return fail(at, `expected an object { version, plugins, exporter }, found ${JSON.stringify(raw)}`)
    const { version, plugins, exporter } = raw
    if (typeof version !== "string" || version === "")
      return fail(`${at}/version`, `expected the better-auth version as a string, found ${JSON.stringify(version ?? null)}`)
    if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === "string"))
      return fail(`${at}/plugins`, `expected the plugin ids as an array of strings, found ${JSON.stringify(plugins ?? null)}`)
    if (typeof exporter !== "string")
      return fail(`${at}/exporter`, `expected the exporter as a string, found ${JSON.stringify(exporter ?? null)}`)
    provenance = { version, plugins, exporter }
    if (input.installed !== undefined && input.installed !== version)
      warnings.push({
        code: "spec-version-mismatch",
        at: `${at}/version`,
        message: `exported from better-auth ${version}, but better-auth ${input.installed} is installed: the SDK would describe another client (install ${version}, or run \`npm run spec\` to export from ${input.installed})`,
      })
  }
  const rawCodes = info[ERROR_CODES_KEY]
  let errorCodes: Array<string> = []
  if (rawCodes === undefined) {
    warnings.push({
      code: "spec-without-error-codes",
      at: pointer("info"),
      message: `no info.${ERROR_CODES_KEY}: BetterAuthErrorCode is empty (never) and BetterAuthApiError.code is a plain string (export the document with \`npm run spec\`)`,
    })
  } else {
    const at = pointer("info", ERROR_CODES_KEY)
    if (!isRecord(rawCodes)) return fail(at, `expected an object of error code → message, found ${JSON.stringify(rawCodes)}`)
    for (const [code, message] of Object.entries(rawCodes))
      if (code === "" || typeof message !== "string")
        return fail(
          pointer("info", ERROR_CODES_KEY, code),
          `expected the message of error code ${JSON.stringify(code)} as a string, found ${JSON.stringify(message)}`,
        )
    errorCodes = Object.keys(rawCodes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  }
  const missing = [...(scopes === 0 ? [SCOPE_MARKER] : []), ...(methods === 0 && provenance === undefined ? [CLIENT_METHOD_MARKER] : [])]
  if (missing.length > 0)
    warnings.push({
      code: "spec-without-markers",
      at: pointer("paths"),
      message: `no operation has ${missing.join(" or ")}: server-only endpoints cannot be told apart and POSTs with empty bodies may go out as GET (export the document with \`npm run spec\`)`,
    })
  return { provenance, warnings, errorCodes, error: undefined }
}
