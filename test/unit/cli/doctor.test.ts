import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { doctor, satisfies } from "../../../generator/cli/doctor.ts"

const root = mkdtempSync(join(tmpdir(), "doctor-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Writes `<root>/<at>/node_modules/<name>/package.json`. */
const install = (project: string, at: string, name: string, version: string, peerDependencies: Record<string, string> = {}) => {
  const dir = join(project, at, "node_modules", name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version, peerDependencies }))
}

describe("satisfies", () => {
  it.each([
    ["1.7.25", "^1.7.5", true],
    ["1.7.25", "1.7.5", false],
    ["1.4.0", "1.4.0", true],
    ["0.5.1", "0.4.2", false],
    ["0.4.3", "^0.4.2", true],
    ["0.5.0", "^0.4.2", false],
    ["1.2.9", "~1.2.3", true],
    ["1.3.0", "~1.2.3", false],
    ["19.0.0", "^18 || ^19 || ^20", true],
    ["1.5.0", ">=1.0.0-rc.1 <2.0.0", true],
    ["2.0.0", ">=1.0.0 <2.0.0", false],
  ])("%s in %s: %s", (version, range, want) => {
    expect(satisfies(version, range)).toBe(want)
  })
})

describe("doctor", () => {
  it("finds nothing in a coherent install", () => {
    const project = join(root, "clean")
    install(project, "", "better-auth", "1.7.7", { "@better-auth/core": "^1.7.7" })
    install(project, "", "@better-auth/core", "1.7.7", { "better-call": "1.4.0" })
    install(project, "", "better-call", "1.4.0")
    install(project, "", "@better-auth/api-key", "1.7.5", { "better-call": "1.4.0", "@better-auth/core": "^1.7.5", zod: "^4" })
    expect(doctor(project)).toEqual([])
  })

  it("reports a split tree (two cores, two better-calls), with the fix", () => {
    const project = join(root, "split")
    install(project, "", "better-auth", "1.7.25")
    install(project, "node_modules/better-auth", "@better-auth/core", "1.7.25", { "better-call": "1.4.5" })
    install(project, "node_modules/better-auth", "better-call", "1.4.5")
    install(project, "", "@better-auth/core", "1.7.6", { "better-call": "1.4.0" })
    install(project, "", "better-call", "1.4.0")
    install(project, "", "@better-auth/api-key", "1.7.5", {
      "better-call": "1.4.0",
      "@better-auth/core": "^1.7.5",
      "better-auth": "^1.7.5",
    })
    const fix = (name: string) =>
      `\`npm ls ${name}\` shows who pulls each copy; pin better-auth and @better-auth/core to one exact version that every plugin's peers accept, then \`npm install\``
    expect(doctor(project)).toEqual([
      {
        problem:
          "2 copies of @better-auth/core: 1.7.6 (node_modules/@better-auth/core), 1.7.25 (node_modules/better-auth/node_modules/@better-auth/core); plugins built on one copy do not type as plugins of the other",
        fix: fix("@better-auth/core"),
      },
      {
        problem:
          "2 copies of better-call: 1.4.5 (node_modules/better-auth/node_modules/better-call), 1.4.0 (node_modules/better-call); plugins built on one copy do not type as plugins of the other",
        fix: fix("better-call"),
      },
    ])
  })

  it("reports a plugin whose exact peer is not what is installed", () => {
    const project = join(root, "peers")
    install(project, "", "better-auth", "1.7.8")
    install(project, "", "@better-auth/core", "1.7.8", { "better-call": "1.4.1" })
    install(project, "", "better-call", "1.4.1")
    install(project, "", "@better-auth/passkey", "1.7.6", { "better-call": "1.4.0", "@better-auth/core": "^1.7.6", stripe: "^22" })
    expect(doctor(project)).toEqual([
      {
        problem:
          "@better-auth/passkey@1.7.6 (node_modules/@better-auth/passkey) needs better-call@1.4.0, but better-call@1.4.1 is installed (node_modules/better-call)",
        fix: "install a @better-auth/passkey release whose peers accept better-call@1.4.1, or pin better-call to 1.4.0",
      },
    ])
  })
})
