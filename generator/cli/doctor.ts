/**
 * `generate --doctor`: is the installed Better Auth one coherent set? Two copies of `@better-auth/core` or
 * `better-call` split the types (a plugin built on one core is not a plugin of the other, which erases
 * every plugin from the client type), and a plugin whose exact peers do not match what is installed is
 * the usual cause. Reads node_modules with node builtins only; each finding comes with its fix.
 */
import { existsSync, readdirSync } from "node:fs"
import { join, relative } from "node:path"
import { type InstalledPackage, installedPackage, readPackage } from "../spec/installed.ts"
import { sortedEntries } from "../text.ts"

/** Packages of which exactly one copy may be installed. */
export const SINGLE_COPY = ["better-auth", "@better-auth/core", "better-call"] as const
/** Peers whose versions must match for the set to hold together. */
const WATCHED_PEERS = new Set(["better-auth", "@better-auth/core", "@better-auth/utils", "better-call", "@better-fetch/fetch"])

export interface DoctorFinding {
  readonly problem: string
  readonly fix: string
}

/** Every package folder below a node_modules folder, nested ones included. */
const packagesBelow = (modules: string): ReadonlyArray<InstalledPackage> => {
  if (!existsSync(modules)) return []
  const found: Array<InstalledPackage> = []
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue
    const dirs = entry.name.startsWith("@")
      ? readdirSync(join(modules, entry.name), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => join(modules, entry.name, e.name))
      : [join(modules, entry.name)]
    for (const dir of dirs) {
      const pkg = readPackage(dir)
      if (pkg !== undefined) found.push(pkg)
      found.push(...packagesBelow(join(dir, "node_modules")))
    }
  }
  return found
}

type Version = readonly [number, number, number]
const parse = (text: string): Version | undefined => {
  const m = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(text.trim())
  if (m === null) return undefined
  const n = (s: string | undefined) => (s === undefined || s === "x" || s === "*" ? 0 : Number(s))
  return [n(m[1]), n(m[2]), n(m[3])]
}
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

/** A small semver `satisfies` for the ranges peers use: exact, ^, ~, >=, >, <=, <, *, x, spaces (and), || (or). */
export const satisfies = (version: string, range: string): boolean => {
  const v = parse(version.replace(/-.*$/, ""))
  if (v === undefined) return false
  return range.split("||").some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .filter((c) => c.length > 0)
      .every((comparator) => {
        if (comparator === "*" || comparator === "x" || comparator === "latest") return true
        const op = /^(\^|~|>=|<=|>|<|=)?/.exec(comparator)?.[1] ?? ""
        const target = parse(comparator.slice(op.length).replace(/-.*$/, ""))
        if (target === undefined) return false
        const c = compare(v, target)
        switch (op) {
          case "^": {
            const upper: Version = target[0] > 0 ? [target[0] + 1, 0, 0] : target[1] > 0 ? [0, target[1] + 1, 0] : [0, 0, target[2] + 1]
            return c >= 0 && compare(v, upper) < 0
          }
          case "~":
            return c >= 0 && compare(v, [target[0], target[1] + 1, 0]) < 0
          case ">=":
            return c >= 0
          case ">":
            return c > 0
          case "<=":
            return c <= 0
          case "<":
            return c < 0
          default:
            return c === 0
        }
      }),
  )
}

/** The findings for the project at `root` (empty: the install is coherent). */
export const doctor = (root: string): ReadonlyArray<DoctorFinding> => {
  const all = packagesBelow(join(root, "node_modules"))
  const findings: Array<DoctorFinding> = []
  const where = (p: InstalledPackage) => relative(root, p.dir)
  for (const name of SINGLE_COPY) {
    const copies = all.filter((p) => p.name === name).sort((a, b) => (a.dir < b.dir ? -1 : 1))
    if (copies.length > 1)
      findings.push({
        problem: `${copies.length} copies of ${name}: ${copies.map((p) => `${p.version} (${where(p)})`).join(", ")}; plugins built on one copy do not type as plugins of the other`,
        fix: `\`npm ls ${name}\` shows who pulls each copy; pin better-auth and @better-auth/core to one exact version that every plugin's peers accept, then \`npm install\``,
      })
  }
  const members = all.filter((p) => p.name === "better-auth" || p.name.startsWith("@better-auth/"))
  for (const pkg of members) {
    for (const [peer, range] of sortedEntries(pkg.peerDependencies)) {
      if (!WATCHED_PEERS.has(peer)) continue
      const resolved = installedPackage(peer, pkg.dir)
      if (resolved === undefined)
        findings.push({
          problem: `${pkg.name}@${pkg.version} (${where(pkg)}) needs ${peer}@${range}, which is not installed`,
          fix: `npm install ${peer}@${range.replace(/^[\^~]/, "")} --save-exact`,
        })
      else if (!satisfies(resolved.version, range))
        findings.push({
          problem: `${pkg.name}@${pkg.version} (${where(pkg)}) needs ${peer}@${range}, but ${peer}@${resolved.version} is installed (${where(resolved)})`,
          fix: `install a ${pkg.name} release whose peers accept ${peer}@${resolved.version}, or pin ${peer} to ${range}`,
        })
    }
  }
  return findings
}
