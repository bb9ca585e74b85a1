/**
 * Hostile inputs against the real command (a Bun process, as users run it): each ends in one located
 * error line and exit 2 with the output folder untouched, and a bug in the generator ends in one
 * "internal error" line with exit code 70, never a stack trace.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

const BUN = join(ROOT, "node_modules", ".bin", "bun")
const MAIN = join(ROOT, "generator", "cli", "main.ts")
const work = mkdtempSync(join(tmpdir(), "robust-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const run = (cwd: string, args: ReadonlyArray<string>, bunFlags: ReadonlyArray<string> = []) => {
  const result = spawnSync(BUN, [...bunFlags, MAIN, "--config", join(ROOT, "better-auth.config.ts"), ...args], { cwd, encoding: "utf8" })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((path) => [path, readFileSync(path, "utf8")]),
  )

/** A project with the small golden scenario, generated once so that there is an output to protect. */
let project = ""
let before: Record<string, string> = {}
beforeAll(() => {
  project = join(work, "project")
  mkdirSync(project)
  cpSync(join(ROOT, "test", "golden", "small", "spec.json"), join(project, "better-auth-api-spec.json"))
  cpSync(join(ROOT, "test", "golden", "small", "overrides"), join(project, "overrides"), { recursive: true })
  expect(run(project, ["--quiet"]).code).toBe(0)
  before = tree(join(project, "generated"))
})

/** Runs with a modified copy of the project's inputs; asserts one error line and an untouched output. */
const rejects = (setup: (dir: string) => ReadonlyArray<string>, bunFlags: ReadonlyArray<string> = []) => {
  const dir = mkdtempSync(join(work, "case-"))
  cpSync(project, dir, { recursive: true })
  const args = setup(dir)
  const result = run(dir, ["--quiet", ...args], bunFlags)
  expect(tree(join(dir, "generated"))).toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k.replace(project, dir), v])))
  return { ...result, lines: result.stderr.trim().split("\n") }
}

describe("the command with hostile inputs (Bun)", () => {
  it("names the right line and column of a JSON syntax error deep in the document", () => {
    let want = ""
    const result = rejects((dir) => {
      const spec = readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")
      const lines = JSON.stringify(JSON.parse(spec), null, 2).split("\n")
      // A trailing comma after the first value that closes an object (the case: line 6).
      const index = lines.findIndex((line, i) => !/[{[,]$/.test(line) && lines[i + 1]?.trim().startsWith("}"))
      lines[index] = `${lines[index]},`
      want = `${index + 2}:${lines[index + 1]!.indexOf("}") + 1}`
      writeFileSync(join(dir, "better-auth-api-spec.json"), lines.join("\n"))
      return []
    })
    expect(result.code).toBe(2)
    expect(result.lines).toEqual([expect.stringMatching(new RegExp(`^error: better-auth-api-spec\\.json:${want}: not valid JSON`))])
  })

  it("rejects a $ref to another file at its JSON pointer", () => {
    const result = rejects((dir) => {
      const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as { components: { schemas: Record<string, unknown> } }
      spec.components.schemas["Extra"] = { $ref: "common.json#/User" }
      writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
      return []
    })
    expect(result.code).toBe(2)
    expect(result.lines).toEqual(['error: better-auth-api-spec.json:#/components/schemas/Extra/$ref: $ref "common.json#/User" points to another file or URL; only "#/components/schemas/<Name>" in this document is supported'])
  })

  it("reports --overrides naming a file", () => {
    const result = rejects(() => ["--overrides", "overrides/list-members.yaml"])
    expect(result.code).toBe(2)
    expect(result.lines[0]).toBe("error: overrides/list-members.yaml: is a file, not a folder (--overrides names a folder of YAML files; a symbolic link loop or an unreadable folder below it also stops the listing)")
  })

  it("reports a symbolic link loop under the overrides folder", () => {
    const result = rejects((dir) => {
      symlinkSync("loop.yaml", join(dir, "overrides", "loop.yaml"))
      return []
    })
    expect(result.code).toBe(2)
    expect(result.lines[0]).toMatch(/^error: overrides(\/loop\.yaml)?: cannot be (listed|read) \(ELOOP\)/)
  })

  it("turns an unexpected exception into one internal-error line with exit code 70", () => {
    const result = rejects((dir) => {
      // A bug simulated inside the pipeline: JSON.stringify throws for one description.
      writeFileSync(
        join(dir, "bug.ts"),
        'const stringify = JSON.stringify\nJSON.stringify = ((value: unknown, ...rest: Array<never>) => { if (value === "trigger a simulated bug") throw new TypeError("simulated bug\\nsecond line"); return stringify(value, ...rest) }) as typeof JSON.stringify\n',
      )
      const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as { components: { schemas: { User: { properties: { id: Record<string, unknown> } } } } }
      spec.components.schemas.User.properties.id["description"] = "trigger a simulated bug"
      writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
      return []
    }, ["--preload", "./bug.ts"])
    expect(result.code).toBe(70)
    expect(result.lines).toEqual(["internal error: TypeError: simulated bug (a bug in the generator: please report it with the command you ran)"])
  })
})
