/**
 * Which version of a package is installed, found the way node finds it: `<dir>/node_modules/<name>`
 * from a folder upwards. Reads package.json directly (better-auth does not export it). Node builtins only.
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"

export interface InstalledPackage {
  readonly name: string
  readonly version: string
  /** The package's folder. */
  readonly dir: string
  readonly peerDependencies: Readonly<Record<string, string>>
  readonly dependencies: Readonly<Record<string, string>>
}

/** Reads `<dir>/package.json`; undefined when it is missing or not a package with a version. */
export const readPackage = (dir: string): InstalledPackage | undefined => {
  const file = join(dir, "package.json")
  if (!existsSync(file)) return undefined
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as {
      name?: unknown
      version?: unknown
      peerDependencies?: unknown
      dependencies?: unknown
    }
    if (typeof json.name !== "string" || typeof json.version !== "string") return undefined
    const record = (value: unknown): Record<string, string> =>
      value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"))
        : {}
    return {
      name: json.name,
      version: json.version,
      dir,
      peerDependencies: record(json.peerDependencies),
      dependencies: record(json.dependencies),
    }
  } catch {
    return undefined
  }
}

/** The package `name` as node resolves it from `from` (a folder); undefined when it is not installed. */
export const installedPackage = (name: string, from: string): InstalledPackage | undefined => {
  let dir = resolve(from)
  for (;;) {
    const found = readPackage(join(dir, "node_modules", name))
    if (found !== undefined) return found
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
