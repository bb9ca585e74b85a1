/**
 * Stage 4 (no-op detection): a fingerprint of everything a run's output depends on (the generator's own
 * sources and templates, the formatting libraries' versions, the prettier config, the spec, overrides,
 * user templates and options). When it equals the fingerprint of the last successful run and every file
 * that run wrote still has its hash, the output is up to date and nothing needs loading, generating or
 * formatting. Uses node builtins only, so the CLI can ask before it loads Effect or prettier.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { basename, dirname, join, relative, resolve } from "node:path"
import { BUILTIN_OVERRIDES } from "../overrides/builtin.ts"
import { installedPackage } from "../spec/installed.ts"
import { hasPrettierKey } from "./format.ts"
import { hashOf } from "./hash.ts"

export interface FingerprintInput {
  readonly spec: string
  readonly overrides: string
  readonly builtinOverrides: boolean
  readonly templates: string | undefined
  readonly out: string
  readonly clientModule: string
  readonly importExtension: string
  /** The formatter's name (its version is fingerprinted with the libraries). */
  readonly formatter: string
  /** What `Schema.Class` identifiers start with. */
  readonly identifierPrefix: string
  /** Which output (client or server) and, for the server, the module its handlers take types from. */
  readonly target: string
  readonly serverModule: string
}

/** What the last successful run left, to answer the next identical run without redoing it. */
export interface RunState {
  readonly fingerprint: string
  /** Output-relative path → hash, manifest included. */
  readonly files: Readonly<Record<string, string>>
  readonly endpoints: number
  readonly skipped: number
  /** The warning lines that run printed. */
  readonly warnings: ReadonlyArray<{ readonly code: string; readonly line: string }>
}

/** One state file per output folder, so runs into different folders do not evict each other. */
const stateFile = (cacheDir: string, out: string) => join(cacheDir, `state-${hashOf(resolve(out))}.json`)

const GENERATOR = join(import.meta.dirname, "..")
const SHIPPED_TEMPLATES = join(import.meta.dirname, "..", "..", "templates")
/** Libraries whose version can change the output bytes. */
const LIBRARIES = ["prettier", "oxfmt", "handlebars", "yaml", "effect"]

const filesBelow = async (dir: string, pattern: RegExp): Promise<ReadonlyArray<string>> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Prettier config files from the output folder up to the file system root. */
const prettierConfigs = async (out: string): Promise<ReadonlyArray<string>> => {
  const found: Array<string> = []
  for (let dir = resolve(out); ; dir = dirname(dir)) {
    const names = await readdir(dir).catch(() => [] as Array<string>)
    for (const name of names.sort()) if (/^(\.prettierrc.*|prettier\.config\..*|\.prettierignore)$/.test(name)) found.push(join(dir, name))
    // A package.json counts only with a prettier key: the one the output folder itself holds is generated.
    if (names.includes("package.json") && (await hasPrettierKey(join(dir, "package.json")))) found.push(join(dir, "package.json"))
    if (dirname(dir) === dir) return found
  }
}

/** The fingerprint of a run's inputs. */
export const fingerprint = async (input: FingerprintInput): Promise<string> => {
  const hash = createHash("sha256")
  const add = (label: string, content: string | Buffer) => hash.update(`${label}\0${content.length}\0`).update(content)
  const require = createRequire(import.meta.url)
  for (const library of LIBRARIES) add(library, await readFile(require.resolve(`${library}/package.json`)))
  add(
    "options",
    JSON.stringify({
      out: resolve(input.out),
      clientModule: input.clientModule,
      importExtension: input.importExtension,
      spec: basename(input.spec),
      formatter: input.formatter,
      identifierPrefix: input.identifierPrefix,
      target: input.target,
      serverModule: input.target === "server" ? input.serverModule : undefined,
    }),
  )
  // The installed better-auth is compared with the spec's provenance: another install is another run.
  add("better-auth", installedPackage("better-auth", process.cwd())?.version ?? "not installed")
  const files = [
    ...(await filesBelow(GENERATOR, /\.ts$/)),
    ...(await filesBelow(SHIPPED_TEMPLATES, /\.(hbs|ts)$/)),
    resolve(input.spec),
    ...(await filesBelow(input.overrides, /\.ya?ml$/)),
    ...(input.builtinOverrides ? await filesBelow(BUILTIN_OVERRIDES, /\.ya?ml$/) : []),
    ...(input.templates === undefined ? [] : await filesBelow(input.templates, /\.(hbs|ts)$/)),
    ...(await prettierConfigs(input.out)),
  ]
  // Read in one synchronous loop: nothing else runs yet, and a thread-pool round trip per file (1,500 of
  // them with the 10x bench overrides) cost more than the reads.
  for (const file of files) add(file, readFileSync(file))
  return hash.digest("hex")
}

/** Reads the state of the last successful run, if any. */
export const readState = async (cacheDir: string, out: string): Promise<RunState | undefined> => {
  try {
    return JSON.parse(await readFile(stateFile(cacheDir, out), "utf8")) as RunState
  } catch {
    return undefined
  }
}

export const writeState = async (cacheDir: string, out: string, state: RunState): Promise<void> => {
  await mkdir(cacheDir, { recursive: true })
  const temp = `${stateFile(cacheDir, out)}.${process.pid}`
  await writeFile(temp, JSON.stringify(state))
  await rename(temp, stateFile(cacheDir, out))
}

/** Whether every file the state lists is on disk with its hash, and no interrupted run left a folder beside it. */
export const outputMatches = async (out: string, state: RunState): Promise<boolean> => {
  const root = resolve(out)
  const siblings = await readdir(dirname(root)).catch(() => [] as Array<string>)
  if (siblings.some((name) => name.startsWith(`${basename(root)}.tmp-`) || name.startsWith(`${basename(root)}.old-`))) return false
  const checks = await Promise.all(
    Object.entries(state.files).map(async ([path, expected]) => {
      if (relative(root, join(root, path)).startsWith("..")) return false
      const content = await readFile(join(root, path), "utf8").catch(() => undefined)
      return content !== undefined && hashOf(content) === expected
    }),
  )
  return checks.every(Boolean)
}
