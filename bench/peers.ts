/**
 * The peer generators the benchmark compares against, installed from the registry into bench/peers/
 * (pinned by its package.json and package-lock.json, never into the project's dependencies), and the
 * command line of each.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { Command } from "./measure.ts"

export const PEERS_DIR = join(import.meta.dirname, "peers")
const MODULES = join(PEERS_DIR, "node_modules")

const pinned = (): Record<string, string> =>
  (JSON.parse(readFileSync(join(PEERS_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies

/** The installed version of a peer package, or undefined when it is missing. */
export const installedVersion = (name: string): string | undefined => {
  const file = join(MODULES, name, "package.json")
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : undefined
}

/** A pinned version without an alias's `npm:<name>@` (bench/peers installs `typescript@7` as `typescript-7`). */
const versionOf = (spec: string): string => spec.replace(/^npm:(@?[^@]+)@/, "")

/** The pinned peers and their versions, for the report. */
export const peerVersions = (): Record<string, string> =>
  Object.fromEntries(Object.entries(pinned()).map(([name, spec]) => [name, versionOf(spec)]))

/**
 * Installs bench/peers (exact versions, transitive ones from its lock file) when a pinned package is
 * missing or at another version. `npm install`, not `npm ci`: npm 11's `ci` rejects this lock for the
 * other platforms' optional msgpackr-extract binaries that `install` leaves out (and the lock as it is).
 */
export const ensurePeers = (): void => {
  const stale = Object.entries(peerVersions()).filter(([name, version]) => installedVersion(name) !== version)
  if (stale.length === 0) return
  console.error(`installing bench peers (${stale.map(([n, v]) => `${n}@${v}`).join(", ")}) with npm install …`)
  const result = spawnSync("npm", ["install", "--prefix", PEERS_DIR, "--no-audit", "--no-fund"], { stdio: "inherit" })
  if (result.status !== 0) throw new Error(`npm install --prefix ${PEERS_DIR} failed (exit ${result.status})`)
}

/** `@effect/openapi-generator`: prints one TypeScript file to stdout. */
export const effectGenerator = (spec: string, outFile: string, cwd: string): Command => ({
  cmd: "node",
  args: [join(MODULES, "@effect/openapi-generator/dist/bin.js"), "--spec", spec],
  cwd,
  stdoutFile: outFile,
})

/** `openapi-typescript`: writes one file of types. */
export const openapiTypescript = (spec: string, outFile: string, cwd: string): Command => ({
  cmd: "node",
  args: [join(MODULES, "openapi-typescript/bin/cli.js"), spec, "--output", outFile],
  cwd,
})

/**
 * The peers' output goes under bench/peers/ so that its `effect` imports resolve to the effect beta the
 * generator was built for (effect 4.1 no longer has the `effect/unstable/http` modules it imports).
 */
export const PEER_OUT = join(PEERS_DIR, ".out")
