/**
 * `tsc --noEmit` over one generator's output: writes a tsconfig beside the output (same strict options
 * for every generator), builds the command, and reads the error count from tsc's output.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { basename, dirname, join, relative } from "node:path"
import type { Command } from "./measure.ts"
import { PEERS_DIR } from "./peers.ts"

/** The same options for every generator's output: the project's strictness, libraries skipped. */
const COMPILER_OPTIONS = {
  target: "es2022",
  lib: ["es2023", "dom", "dom.iterable"],
  module: "preserve",
  moduleResolution: "bundler",
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  types: [],
}

/**
 * The compilers: the project's TypeScript 5.9, and TypeScript 7 (native) from bench/peers, single-threaded
 * (its default of four checkers doubles the CPU time on two cores and gains no wall time).
 */
export const COMPILERS = {
  "5": [(root: string) => join(root, "node_modules/typescript/bin/tsc")],
  "7": [() => join(PEERS_DIR, "node_modules/typescript-7/bin/tsc"), "--singleThreaded"],
} as const
export type Compiler = keyof typeof COMPILERS

/**
 * A `tsc` command over `target` (a folder: every .ts file under it; or one file). The tsconfig is written
 * next to the target so that bare imports (`effect`, `better-auth`) resolve from the nearest node_modules.
 */
export const tscCommand = (root: string, target: string, compiler: Compiler = "5"): Command => {
  const dir = dirname(target)
  const name = basename(target)
  const config = join(dir, `tsconfig.${name.replace(/\.[^.]+$/, "")}.json`)
  const isFile = /\.tsx?$/.test(name)
  writeFileSync(
    config,
    JSON.stringify({ compilerOptions: COMPILER_OPTIONS, ...(isFile ? { files: [name] } : { include: [`${name}/**/*.ts`] }) }, null, 2),
  )
  const [compilerPath, ...flags] = COMPILERS[compiler]
  return { cmd: "node", args: [compilerPath!(root), "-p", relative(root, config), "--pretty", "false", ...flags], cwd: root }
}

/** Number of `error TSxxxx` lines and the most frequent codes, e.g. `3 (TS2339×3)`. */
export const tscErrors = (output: string): { count: number; summary: string } => {
  const codes = [...output.matchAll(/error (TS\d+)/g)].map((m) => m[1]!)
  const byCode = new Map<string, number>()
  for (const code of codes) byCode.set(code, (byCode.get(code) ?? 0) + 1)
  const top = [...byCode].sort((a, b) => b[1] - a[1]).slice(0, 3)
  return { count: codes.length, summary: codes.length === 0 ? "0" : `${codes.length} (${top.map(([c, n]) => `${c}×${n}`).join(", ")})` }
}

/**
 * The 10× document's copies live under /bench1 … /bench9, so their handlers call `client.bench1.…`,
 * which the Better Auth client does not have. To type-check them like the originals (same inference
 * against the real client methods), the bench widens `AuthClientInstance` in the output's
 * _runtime/client.ts with `benchN` properties that are the real client (and casts where the layer
 * hands a built client over). `AuthClientInstance` is an interface extending the built client's type
 * (or, in older output, an alias of it). Returns false when the declaration was not found (then the
 * copies show up as tsc errors instead).
 */
export const aliasBenchPrefixes = (outDir: string, copies: number): boolean => {
  const file = join(outDir, "_runtime/client.ts")
  if (!existsSync(file)) return false
  const text = readFileSync(file, "utf8")
  const prefixes = (real: string) => Array.from({ length: copies }, (_, i) => `readonly bench${i + 1}: ${real}`).join("; ")
  const asInterface = /export interface AuthClientInstance extends (\w+) \{\}/
  const asAlias = /export type AuthClientInstance =\s*([^;]+);/
  const iface = asInterface.exec(text)
  const alias = asAlias.exec(text)
  const widened =
    iface !== null
      ? text.replace(asInterface, `export interface AuthClientInstance extends ${iface[1]} { ${prefixes(iface[1]!)} }`)
      : alias !== null
        ? text.replace(asAlias, `export type AuthClientInstance = ${alias[1]!.trim()} & { ${prefixes(alias[1]!.trim())} };`)
        : undefined
  if (widened === undefined) return false
  // The one place a built client is handed over as an AuthClientInstance (the layer).
  writeFileSync(file, widened.replaceAll("makeAuthClient(options))", "makeAuthClient(options) as unknown as AuthClientInstance)"))
  return true
}
