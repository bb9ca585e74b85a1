/**
 * Hostile inputs against the real command (a Bun process, as users run it): each ends in one located
 * error line and exit 2 with the output folder untouched, and a bug in the generator ends in one
 * "internal error" line with exit code 70, never a stack trace.
 */
import { spawn, spawnSync } from "node:child_process"
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
  const result = spawnSync(
    BUN,
    [...bunFlags, MAIN, "--client-module", join(ROOT, "better-auth.client.ts"), "--no-builtin-overrides", "--target", "client", ...args],
    { cwd, encoding: "utf8" },
  )
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
      const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as {
        components: { schemas: Record<string, unknown> }
      }
      spec.components.schemas["Extra"] = { $ref: "common.json#/User" }
      writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
      return []
    })
    expect(result.code).toBe(2)
    expect(result.lines).toEqual([
      'error: better-auth-api-spec.json:#/components/schemas/Extra/$ref: $ref "common.json#/User" points to another file or URL; only "#/components/schemas/<Name>" in this document is supported',
    ])
  })

  it("reports --overrides naming a file", () => {
    const result = rejects(() => ["--overrides", "overrides/list-members.yaml"])
    expect(result.code).toBe(2)
    expect(result.lines[0]).toBe(
      "error: overrides/list-members.yaml: is a file, not a folder (--overrides names a folder of YAML files; a symbolic link loop or an unreadable folder below it also stops the listing)",
    )
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
    const result = rejects(
      (dir) => {
        // A bug simulated inside the pipeline: JSON.stringify throws for one description.
        writeFileSync(
          join(dir, "bug.ts"),
          'const stringify = JSON.stringify\nJSON.stringify = ((value: unknown, ...rest: Array<never>) => { if (value === "trigger a simulated bug") throw new TypeError("simulated bug\\nsecond line"); return stringify(value, ...rest) }) as typeof JSON.stringify\n',
        )
        const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as {
          components: { schemas: { User: { properties: { id: Record<string, unknown> } } } }
        }
        spec.components.schemas.User.properties.id["description"] = "trigger a simulated bug"
        writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
        return []
      },
      ["--preload", "./bug.ts"],
    )
    expect(result.code).toBe(70)
    expect(result.lines).toEqual([
      "internal error: TypeError: simulated bug (a bug in the generator: please report it with the command you ran)",
    ])
  })
})

describe("the output folder is never lost or silently overwritten", () => {
  const copy = () => {
    const dir = mkdtempSync(join(work, "out-"))
    cpSync(project, dir, { recursive: true })
    return dir
  }
  const generated = (dir: string) => tree(join(dir, "generated"))

  it("serialises concurrent runs on one folder: all succeed and the result is what one run writes", async () => {
    const dir = copy()
    // A change to the spec, so that every run has files to write.
    const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as {
      components: { schemas: { User: { description?: string } } }
    }
    spec.components.schemas.User.description = "Changed while two runs race."
    writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(
          BUN,
          [MAIN, "--client-module", join(ROOT, "better-auth.client.ts"), "--no-builtin-overrides", "--target", "client", "--quiet"],
          {
            cwd: dir,
          },
        )
        let stderr = ""
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
        child.on("close", (code) => done({ code, stderr }))
      })
    const results = await Promise.all([start(), start(), start()])
    expect(results).toEqual([
      { code: 0, stderr: "" },
      { code: 0, stderr: "" },
      { code: 0, stderr: "" },
    ])
    const after = generated(dir)
    expect(Object.values(after).some((text) => text.includes("Changed while two runs race."))).toBe(true)
    expect(run(dir, ["--check", "--quiet"]).code).toBe(0)
    expect(readdirSync(dir).filter((name) => name.startsWith("generated") && name !== "generated")).toEqual([])
  })

  it("without a readable manifest, does not overwrite a file whose bytes differ", () => {
    const dir = copy()
    rmSync(join(dir, "generated", "manifest.json"))
    const handler = join(dir, "generated", "sign-in", "email", "email.handler.ts")
    writeFileSync(handler, `${readFileSync(handler, "utf8")}// my fix\n`)
    const before = generated(dir)
    const result = run(dir, ["--quiet"])
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split("\n")).toEqual([
      "error: generated/sign-in/email/email.handler.ts: not written by the generator (no readable generated/manifest.json records them); move your own file away, or run with --force to overwrite; generated/ left unchanged",
    ])
    expect(generated(dir)).toEqual(before)
    expect(run(dir, ["--quiet", "--force"]).code).toBe(0)
  })

  it("refuses to overwrite a user's own file at a path a new endpoint needs, naming it", () => {
    const dir = copy()
    mkdirSync(join(dir, "generated", "admin", "secret"), { recursive: true })
    writeFileSync(join(dir, "generated", "admin", "secret", "secret.contract.ts"), "// my own code\n")
    // The small spec skips POST /admin/secret as server-only; make it client-callable.
    const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as {
      paths: Record<string, Record<string, Record<string, unknown>>>
    }
    for (const operation of Object.values(spec.paths["/admin/secret"]!)) delete operation["x-better-auth-scope"]
    writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
    const before = generated(dir)
    const result = run(dir, ["--quiet"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("error: generated/admin/secret/secret.contract.ts: not written by the generator")
    expect(generated(dir)).toEqual(before)
  })

  it("names index.ts when a folder stands in its place", () => {
    const dir = copy()
    rmSync(join(dir, "generated", "index.ts"))
    mkdirSync(join(dir, "generated", "index.ts"))
    const result = run(dir, ["--quiet"])
    expect(result.code).toBe(3)
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^error: cannot write generated: cannot read the output folder \(generated\/index\.ts: is a folder where the generator writes a file; move it away\); generated\/ left as it was$/,
      ),
    ])
  })

  it("goes on with a warning when the cache cannot be written", () => {
    const dir = copy()
    rmSync(join(dir, ".cache"), { recursive: true, force: true })
    writeFileSync(join(dir, ".cache"), "not a folder")
    const spec = JSON.parse(readFileSync(join(dir, "better-auth-api-spec.json"), "utf8")) as {
      components: { schemas: { User: { description?: string } } }
    }
    spec.components.schemas.User.description = "A change, so that the run formats and saves its cache."
    writeFileSync(join(dir, "better-auth-api-spec.json"), JSON.stringify(spec))
    const result = run(dir, [])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(
      /^warning: cannot write the formatting cache under \.cache\/better-auth-effect-codegen \((ENOTDIR|EEXIST)\); the run goes on without it$/m,
    )
    expect(result.stderr).toMatch(/^warning: cannot write the run state under \.cache\/better-auth-effect-codegen \((ENOTDIR|EEXIST)\)/m)
    expect(result.stdout).toMatch(/^generated\/: /)
  })
})
