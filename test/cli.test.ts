/**
 * The generate command as a user runs it (a real process): flags, exit codes, the summary, --check,
 * hand-edit protection, deleting endpoints that left the spec, bad input leaving the output untouched,
 * template overlays, and a process killed with SIGKILL while writing.
 */
import { spawn, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeEach, describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

const BUN = join(ROOT, "node_modules", ".bin", "bun")
const MAIN = join(ROOT, "generator", "cli", "main.ts")
const work = mkdtempSync(join(tmpdir(), "cli-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `generate` with the working directory `cwd`: the client target only, unless `args` name a `--target`. */
const generate = (cwd: string, ...args: ReadonlyArray<string>): Run => {
  const target = args.includes("--target") ? [] : ["--target", "client"]
  const result = spawnSync(
    BUN,
    [MAIN, "--client-module", join(ROOT, "better-auth.client.ts"), "--no-builtin-overrides", ...target, ...args],
    {
      cwd,
      encoding: "utf8",
    },
  )
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Every file below `dir` with its content. */
const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((path) => [path.slice(dir.length + 1), readFileSync(path, "utf8")]),
  )

/** A project folder with the small golden spec and overrides (list-members.yaml names GET /organization/list-members). */
let project = ""
beforeEach(() => {
  project = mkdtempSync(join(work, "project-"))
  cpSync(join(ROOT, "test", "golden", "small", "spec.json"), join(project, "better-auth-api-spec.json"))
  cpSync(join(ROOT, "test", "golden", "small", "overrides"), join(project, "overrides"), { recursive: true })
})
const specOf = () => JSON.parse(readFileSync(join(project, "better-auth-api-spec.json"), "utf8")) as { paths: Record<string, unknown> }
const writeSpec = (spec: object) => writeFileSync(join(project, "better-auth-api-spec.json"), JSON.stringify(spec))

describe("generate (the CLI)", () => {
  it("writes the client and the server output by default, each in its own folder, the warnings printed once; --target picks one", () => {
    cpSync(join(ROOT, "better-auth-api-spec.json"), join(project, "better-auth-api-spec.json"))
    const run = (...args: ReadonlyArray<string>) => {
      const result = spawnSync(BUN, [MAIN, "--client-module", join(ROOT, "better-auth.client.ts"), ...args], {
        cwd: project,
        encoding: "utf8",
      })
      return { code: result.status, stdout: result.stdout, stderr: result.stderr }
    }
    const both = run("--report", "UPGRADE.md")
    expect(both.code).toBe(0)
    expect(both.stdout).toMatch(/^generated\/: \d+ endpoints generated.*\ngenerated-server\/: \d+ endpoints generated/)
    expect(both.stderr.match(/^\d+ warnings: /gm)).toHaveLength(1)
    expect(existsSync(join(project, "generated", "index.ts"))).toBe(true)
    expect(readFileSync(join(project, "generated-server", "api.ts"), "utf8")).toContain('HttpApi.make("betterAuth")')
    expect(existsSync(join(project, "UPGRADE.md"))).toBe(true)
    expect(readFileSync(join(project, "UPGRADE.server.md"), "utf8")).toMatch(/^# Better Auth server changes \(`generated-server\/`\): /)
    const server = run("--target", "server", "--server-out", "api", "--quiet")
    expect(server.code).toBe(0)
    expect(existsSync(join(project, "api", "server.ts"))).toBe(true)
    const bad = run("--target", "browser")
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toBe('error: --target: expected a non-empty list of "client", "server", got ["browser"]')
  })

  it("refuses a config file that does not exist or has an unknown key: one line, exit code 2, nothing written", () => {
    const missing = generate(project, "--config", "nope.config.ts")
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split("\n")).toEqual(["error: nope.config.ts: config file not found"])
    writeFileSync(join(project, "better-auth-codegen.config.ts"), 'export default { outt: "src/auth" }\n')
    const unknown = generate(project)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim().split("\n")).toEqual(['error: better-auth-codegen.config.ts: outt: unknown key (did you mean "out"?)'])
    expect(existsSync(join(project, "generated"))).toBe(false)
  })

  it("explains itself with --help, and rejects an unknown flag with exit code 2", () => {
    const help = generate(project, "--help")
    expect(help.code).toBe(0)
    for (const flag of [
      "--spec",
      "--overrides",
      "--out",
      "--templates",
      "--check",
      "--dry-run",
      "--strict",
      "--force",
      "--report",
      "--doctor",
      "--quiet",
      "--verbose",
    ])
      expect(help.stdout).toContain(flag)
    const bad = generate(project, "--chek")
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^error: Unknown option '--chek'/)])
  })

  it("formats with oxfmt or, on --formatter prettier, prettier, to the same bytes; another name is exit code 2", () => {
    const oxfmt = generate(project, "--verbose", "--out", "by-oxfmt")
    expect(oxfmt.stderr).toMatch(/formatted \(\d+ by oxfmt \d/)
    const prettier = generate(project, "--verbose", "--out", "by-prettier", "--formatter", "prettier")
    expect(prettier.stderr).toMatch(/formatted \(\d+ by prettier \d/)
    expect(tree(join(project, "by-prettier"))).toEqual(tree(join(project, "by-oxfmt")))
    const bad = generate(project, "--formatter", "dprint")
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split("\n")).toEqual(['error: --formatter: expected oxfmt or prettier, got "dprint"'])
  })

  it("creates the output, then leaves unchanged files alone (same mtime) and says so in the summary", () => {
    const first = generate(project)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      /^generated\/: 3 endpoints generated, 2 skipped; files: 22 created, 0 updated, 0 unchanged, 0 deleted; \d+ warnings; \d+ ms\n$/,
    )
    const handler = join(project, "generated", "sign-in", "email", "email.handler.ts")
    const mtime = statSync(handler).mtimeMs
    const second = generate(project, "--quiet")
    expect(second).toMatchObject({ code: 0, stdout: "" })
    expect(statSync(handler).mtimeMs).toBe(mtime)
    expect(generate(project).stdout).toMatch(/files: 0 created, 0 updated, 22 unchanged, 0 deleted/)
  })

  it("answers an identical run from the last run's state, and redoes the work when an input changes", () => {
    generate(project, "--quiet")
    const again = generate(project, "--verbose")
    expect(again.stderr).not.toContain("loaded spec")
    expect(again.stdout).toMatch(/files: 0 created, 0 updated, 22 unchanged, 0 deleted/)
    writeFileSync(
      join(project, "overrides", "list-members.yaml"),
      `${readFileSync(join(project, "overrides", "list-members.yaml"), "utf8")}# a comment\n`,
    )
    const changed = generate(project, "--verbose")
    expect(changed.stderr).toContain("loaded spec, overrides and templates")
    // Nothing in the output changed, so every file came from the formatting cache.
    expect(changed.stderr).toMatch(/formatted \(0 by oxfmt [0-9.]+, \d+ from the cache\)/)
    expect(changed.stdout).toMatch(/files: 0 created, 0 updated, 22 unchanged, 0 deleted/)
  })

  it("--check exits 1 naming a hand-edited file with a diff; a write refuses to overwrite it; --force does", () => {
    generate(project, "--quiet")
    const handler = join(project, "generated", "sign-in", "email", "email.handler.ts")
    const original = readFileSync(handler, "utf8")
    writeFileSync(handler, original.replace("mutatesSession: false", "mutatesSession: true"))
    const check = generate(project, "--check", "--quiet")
    expect(check.code).toBe(1)
    expect(check.stderr).toContain("generated/ is not up to date: 0 missing, 1 changed, 0 stale")
    expect(check.stderr).toContain("  changed  generated/sign-in/email/email.handler.ts (edited by hand)")
    expect(check.stderr).toContain("-  mutatesSession: true,\n+  mutatesSession: false,")
    const write = generate(project, "--quiet")
    expect(write.code).toBe(1)
    expect(write.stderr).toMatch(/^error: generated\/sign-in\/email\/email.handler.ts: edited by hand since the last generation;.*--force/)
    expect(readFileSync(handler, "utf8")).not.toBe(original)
    expect(generate(project, "--quiet", "--force").code).toBe(0)
    expect(readFileSync(handler, "utf8")).toBe(original)
    expect(generate(project, "--check").code).toBe(0)
  })

  it("--doctor finds this repository's install coherent, and a split tree is exit 1 with the fix", () => {
    const ok = generate(ROOT, "--doctor")
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([
      0,
      "node_modules: one better-auth, one @better-auth/core, one better-call; every Better Auth package's peers match\n",
      "",
    ])
    const nested = join(project, "node_modules", "better-auth", "node_modules", "@better-auth", "core")
    mkdirSync(nested, { recursive: true })
    writeFileSync(join(nested, "package.json"), JSON.stringify({ name: "@better-auth/core", version: "1.7.25" }))
    mkdirSync(join(project, "node_modules", "@better-auth", "core"), { recursive: true })
    writeFileSync(
      join(project, "node_modules", "@better-auth", "core", "package.json"),
      JSON.stringify({ name: "@better-auth/core", version: "1.7.6" }),
    )
    const split = generate(project, "--doctor")
    expect(split.code).toBe(1)
    expect(split.stderr).toContain(
      "problem: 2 copies of @better-auth/core: 1.7.6 (node_modules/@better-auth/core), 1.7.25 (node_modules/better-auth/node_modules/@better-auth/core)",
    )
    expect(split.stderr).toContain("  fix: `npm ls @better-auth/core` shows who pulls each copy")
  })

  it("a refused run's report says in its first line that nothing was written; --force names every hand edit it discarded", () => {
    generate(project, "--quiet")
    const handler = join(project, "generated", "sign-in", "email", "email.handler.ts")
    const original = readFileSync(handler, "utf8")
    writeFileSync(handler, original.replace("mutatesSession: false", "mutatesSession: true"))
    const refused = generate(project, "--quiet", "--report", "UPGRADE.md")
    expect(refused.code).toBe(1)
    expect(readFileSync(join(project, "UPGRADE.md"), "utf8").split("\n")[0]).toBe(
      "**Nothing was written**: 1 generated file(s) were edited by hand (generated/sign-in/email/email.handler.ts); move the change into overrides/ or run with --force. What follows is what the run would have changed.",
    )
    const forced = generate(project, "--quiet", "--force", "--report", "UPGRADE.md")
    expect(forced.code).toBe(0)
    expect(forced.stderr).toBe("overwrote hand-edited generated/sign-in/email/email.handler.ts (--force)\n")
    const report = readFileSync(join(project, "UPGRADE.md"), "utf8")
    expect(report.split("\n")[0]).toMatch(/^# Better Auth SDK changes: /)
    expect(report).toContain("## Hand edits discarded by --force (1)\n\n- `sign-in/email/email.handler.ts` (overwritten)\n")
    writeFileSync(join(project, "better-auth-api-spec.json"), "{ not json")
    expect(generate(project, "--quiet", "--report", "UPGRADE.md").code).toBe(2)
    expect(readFileSync(join(project, "UPGRADE.md"), "utf8").split("\n")[0]).toBe(
      "**Nothing was written**: the input is not usable; generated/ is unchanged.",
    )
  })

  it("deletes the folder of an endpoint that left the spec, and keeps files it does not own", () => {
    generate(project, "--quiet")
    writeFileSync(join(project, "generated", "NOTES.md"), "mine")
    const spec = specOf()
    delete spec.paths["/update-user"]
    writeSpec(spec)
    const run = generate(project)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/files: 0 created, 2 updated, \d+ unchanged, 3 deleted/)
    expect(existsSync(join(project, "generated", "update-user"))).toBe(false)
    expect(readFileSync(join(project, "generated", "NOTES.md"), "utf8")).toBe("mine")
    expect(generate(project, "--check").code).toBe(0)
  })

  it.each([
    [
      "an override names an endpoint that left the spec",
      (spec: { paths: Record<string, unknown> }) => (delete spec.paths["/organization/list-members"], JSON.stringify(spec)),
      [
        "error: overrides/list-members.yaml:2:11: endpoint: GET /organization/list-members is not in the spec (the endpoint was renamed or removed upstream: update or delete this override)",
        "1 override error(s); generated/ left unchanged",
      ],
    ],
    [
      "the spec is truncated",
      (spec: object) => JSON.stringify(spec, null, 2).slice(0, 500),
      // 500 characters in: line 18, column 29, where the text ends.
      ["error: better-auth-api-spec.json:18:29: not valid JSON (JSON Parse error: Unexpected EOF)"],
    ],
  ])("fails with exit code 2 and leaves generated/ byte-identical when %s", (_, change, stderr) => {
    generate(project, "--quiet")
    const before = tree(join(project, "generated"))
    writeFileSync(join(project, "better-auth-api-spec.json"), change(specOf()))
    const run = generate(project, "--quiet")
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split("\n")).toEqual(stderr)
    expect(tree(join(project, "generated"))).toEqual(before)
    expect(readdirSync(project).sort()).toEqual([".cache", "better-auth-api-spec.json", "generated", "overrides"])
  })

  it("--strict turns warnings into errors; --dry-run lists what it would do and writes nothing", () => {
    const strict = generate(project, "--strict")
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(
      /warning\[untyped-field\] POST \/sign-in\/email better-auth-api-spec.json#\/paths\/~1sign-in~1email\/post\/responses\/200\/content\/application~1json\/schema\/properties\/tags: /,
    )
    expect(strict.stderr).toMatch(/error: \d+ warning\(s\) with --strict/)
    const dry = generate(project, "--dry-run", "--quiet")
    expect(dry.code).toBe(0)
    expect(dry.stderr).toContain("  would create generated/sign-in/email/email.handler.ts")
    expect(existsSync(join(project, "generated"))).toBe(false)
  })

  it("--templates replaces shipped templates by name, and rejects a name that replaces nothing", () => {
    mkdirSync(join(project, "my-templates"))
    const shipped = readFileSync(join(ROOT, "templates", "handler.hbs"), "utf8")
    writeFileSync(join(project, "my-templates", "handler.hbs"), `${shipped}\n// our team's handler footer\n`)
    expect(generate(project, "--quiet", "--templates", "my-templates").code).toBe(0)
    expect(readFileSync(join(project, "generated", "sign-in", "email", "email.handler.ts"), "utf8")).toContain(
      "// our team's handler footer",
    )
    expect(readFileSync(join(project, "generated", "sign-in", "email", "email.contract.ts"), "utf8")).not.toContain("footer")
    writeFileSync(join(project, "my-templates", "handlr.hbs"), "")
    const typo = generate(project, "--quiet", "--templates", "my-templates")
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(/^error: my-templates: cannot read templates \(handlr.hbs replace no template/)
  })
})

describe("a run killed with SIGKILL while writing", () => {
  it("leaves the previous generated/ exactly as it was, and the next run cleans up", async () => {
    // The committed SDK with a changed contract template rewrites ~200 files: plenty of time to be killed.
    const out = join(work, "killed", "generated")
    cpSync(join(ROOT, "generated"), out, { recursive: true })
    const templates = join(work, "killed-templates")
    mkdirSync(templates, { recursive: true })
    writeFileSync(join(templates, "contract.hbs"), `${readFileSync(join(ROOT, "templates", "contract.hbs"), "utf8")}\n// changed\n`)
    const before = tree(out)
    const args = [
      MAIN,
      "--client-module",
      join(ROOT, "better-auth.client.ts"),
      "--no-builtin-overrides",
      "--target",
      "client",
      "--out",
      out,
      "--templates",
      templates,
      "--verbose",
      "--quiet",
    ]
    let killedWhileWriting = false
    for (let attempt = 0; attempt < 3 && !killedWhileWriting; attempt++) {
      const child = spawn(BUN, [...args.slice(0, -2), "--verbose"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] })
      const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_, signal) => resolve(signal)))
      child.stderr.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("staging ")) child.kill("SIGKILL")
      })
      killedWhileWriting = (await exit) === "SIGKILL"
    }
    expect(killedWhileWriting).toBe(true)
    expect(tree(out)).toEqual(before)
    // It was killed mid-write: its staging folder is still there, beside the untouched output.
    expect(readdirSync(join(out, "..")).some((name) => name.startsWith("generated.tmp-"))).toBe(true)
    const next = spawnSync(BUN, args.slice(0, -2), { cwd: ROOT, encoding: "utf8" })
    expect(next.status).toBe(0)
    expect(readdirSync(join(out, ".."))).toEqual(["generated"])
  })
})
