/**
 * Stage 4 (`--typecheck`): type-check the written output against the installed Better Auth client, and
 * report each failure as one line naming the endpoint, where to change it (its override file, or the
 * spec's JSON pointer when no override touched it) and the short reason: the first line of tsc's message,
 * not the expanded client type. Loads TypeScript only when asked.
 */
import { readdir } from "node:fs/promises"
import { dirname, join, relative, resolve } from "node:path"
import { endpointFiles } from "../model/naming.ts"
import type { Model } from "../model/types.ts"

const REASON_LENGTH = 180

/** The file part of a provenance entry: `overrides/x.yaml (payload: name)` → `overrides/x.yaml`. */
const fileOf = (source: string | undefined) =>
  source
    ?.split(";")[0]
    ?.replace(/ \(.*$/, "")
    .trim()

/** What owns an output file, and where to fix it. */
const ownerOf = (model: Model, specName: string) => {
  const owners = new Map<string, { readonly what: string; readonly fix: string }>()
  for (const e of model.endpoints) {
    const files = endpointFiles(e.folder)
    const spec = `${specName}${e.pointer}`
    const what = `${e.method.toUpperCase()} ${e.path}`
    owners.set(files.handler, { what, fix: fileOf(e.provenance.handler) ?? fileOf(e.provenance.payload) ?? spec })
    owners.set(files.contract, { what, fix: fileOf(e.provenance.payload) ?? fileOf(e.provenance.success) ?? spec })
  }
  for (const c of model.components)
    owners.set(c.file, {
      what: `shared schema ${c.name}`,
      fix: c.definedBy ?? fileOf(c.changedBy) ?? `${specName}#/components/schemas/${c.name}`,
    })
  return owners
}

/**
 * Type-checks every `.ts` file below `out` with the compiler options of the nearest tsconfig.json.
 * Resolves to one line per error: `POST /x (generated/x/x.handler.ts:9:3): reason; change overrides/x.yaml`.
 */
export const typecheckOutput = async (input: {
  readonly out: string
  readonly model: Model
  readonly specName: string
}): Promise<ReadonlyArray<string>> => {
  const ts = (await import("typescript")).default
  const out = resolve(input.out)
  const configFile = ts.findConfigFile(dirname(out), ts.sys.fileExists, "tsconfig.json")
  const options =
    configFile === undefined
      ? {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
          module: ts.ModuleKind.Preserve,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          target: ts.ScriptTarget.ES2022,
        }
      : ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, dirname(configFile)).options
  const entries = await readdir(out, { recursive: true, withFileTypes: true })
  const roots = entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name))
    .sort()
  const program = ts.createProgram({ rootNames: roots, options: { ...options, noEmit: true } })
  const owners = ownerOf(input.model, input.specName)
  const lines: Array<string> = []
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName === undefined ? undefined : resolve(d.file.fileName)
    const inside = file === undefined ? undefined : relative(out, file).split("\\").join("/")
    if (inside === undefined || inside.startsWith("..")) continue
    const position = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined
    const where = `${relative(process.cwd(), file!)}${position === undefined ? "" : `:${position.line + 1}:${position.character + 1}`}`
    // The first line of the message, with long expanded types (the client's) shortened to '…'.
    const first = (ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0] ?? "").replace(/'[^']{60,}'/g, "'…'")
    const reason = first.length > REASON_LENGTH ? `${first.slice(0, REASON_LENGTH - 1)}…` : first
    const owner = owners.get(inside)
    lines.push(owner === undefined ? `${where}: ${reason}` : `${owner.what} (${where}): ${reason}; change ${owner.fix}`)
  }
  return lines
}
