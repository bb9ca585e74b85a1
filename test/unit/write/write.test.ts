import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { hashOf } from "../../../generator/write/hash.ts"
import { planWrite } from "../../../generator/write/plan.ts"
import { applyPlan, insideRoot, readDisk, recoverOutput } from "../../../generator/write/write.ts"

describe("insideRoot", () => {
  it.each([
    ["a/b.ts", true],
    ["index.ts", true],
    ["../escape.ts", false],
    ["a/../../escape.ts", false],
    ["/etc/passwd", false],
    ["", false],
  ])("%s inside: %s", (path, inside) => expect(insideRoot("/out", path) !== undefined).toBe(inside))
})

describe("applyPlan", () => {
  const dirs: Array<string> = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

  /** An output folder as a previous run left it, with a file the generator does not own. */
  const previousOutput = () => {
    const root = mkdtempSync(join(tmpdir(), "write-"))
    dirs.push(root)
    const out = join(root, "generated")
    mkdirSync(join(out, "old"), { recursive: true })
    writeFileSync(join(out, "old", "gone.ts"), "old")
    writeFileSync(join(out, "same.ts"), "same")
    writeFileSync(join(out, "COVERAGE.md"), "mine")
    const past = new Date("2020-01-01T00:00:00Z")
    utimesSync(join(out, "same.ts"), past, past)
    return { root, out }
  }
  /** The plan of a run producing `files`, after a run that produced `previous` (as they are on disk). */
  const planFor = async (out: string, files: Record<string, string>, previous: ReadonlyArray<string>) => {
    const disk = await Effect.runPromise(readDisk(out, [...Object.keys(files), ...previous]))
    const hashes = Object.fromEntries(previous.flatMap((p) => (disk.has(p) ? [[p, hashOf(disk.get(p)!)]] : [])))
    return planWrite({
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
      disk,
      previous: { generated: [], skipped: [], files: hashes },
    })
  }

  it("writes what changed, deletes what is stale, keeps unchanged files (same mtime) and files it does not own", async () => {
    const { out } = previousOutput()
    const plan = await planFor(out, { "a/b.ts": "new", "same.ts": "same" }, ["old/gone.ts", "same.ts"])
    await Effect.runPromise(applyPlan(out, plan))
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(["COVERAGE.md", "a", "a/b.ts", "same.ts"])
    expect(readFileSync(join(out, "a", "b.ts"), "utf8")).toBe("new")
    expect(readFileSync(join(out, "COVERAGE.md"), "utf8")).toBe("mine")
    expect(statSync(join(out, "same.ts")).mtime.toISOString()).toBe("2020-01-01T00:00:00.000Z")
  })

  it("touches nothing when nothing changed", async () => {
    const { out } = previousOutput()
    const before = statSync(out).mtimeMs
    await Effect.runPromise(applyPlan(out, await planFor(out, { "same.ts": "same" }, ["same.ts"])))
    expect(statSync(out).mtimeMs).toBe(before)
  })

  it("refuses a path outside the output folder and leaves the previous output as it was", async () => {
    const { root, out } = previousOutput()
    const plan = await planFor(out, { "ok.ts": "x", "../escape.ts": "x" }, [])
    const exit = await Effect.runPromiseExit(applyPlan(out, plan))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(readdirSync(root).sort()).toEqual(["generated"])
    expect(readFileSync(join(out, "old", "gone.ts"), "utf8")).toBe("old")
  })
})

describe("applyPlan when the swap fails", () => {
  const dirs: Array<string> = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

  it("removes its staging folder and leaves the output as it was", async () => {
    const root = mkdtempSync(join(tmpdir(), "swap-"))
    dirs.push(root)
    const out = join(root, "generated")
    mkdirSync(out)
    writeFileSync(join(out, "a.ts"), "a")
    // The name the previous output is moved to is taken by a non-empty folder: the first rename fails.
    mkdirSync(join(root, `generated.old-${process.pid}`))
    writeFileSync(join(root, `generated.old-${process.pid}`, "x"), "x")
    const plan = planWrite({
      files: [{ path: "a.ts", content: "a2" }],
      disk: new Map([["a.ts", "a"]]),
      previous: { generated: [], skipped: [], files: { "a.ts": hashOf("a") } },
    })
    const exit = await Effect.runPromiseExit(applyPlan(out, plan))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(readdirSync(root).sort()).toEqual(["generated", `generated.old-${process.pid}`])
    expect(readFileSync(join(out, "a.ts"), "utf8")).toBe("a")
  })
})

describe("readDisk", () => {
  it("names a folder standing where the generator writes a file", async () => {
    const root = mkdtempSync(join(tmpdir(), "eisdir-"))
    mkdirSync(join(root, "index.ts"))
    const exit = await Effect.runPromiseExit(readDisk(root, ["index.ts"]))
    rmSync(root, { recursive: true, force: true })
    expect(String(exit)).toContain(`${join(root, "index.ts")}: is a folder where the generator writes a file; move it away`)
  })
})

describe("recoverOutput", () => {
  const dirs: Array<string> = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
  const root = () => {
    const dir = mkdtempSync(join(tmpdir(), "recover-"))
    dirs.push(dir)
    return dir
  }

  it("removes a staging folder left by a run killed while writing", async () => {
    const dir = root()
    mkdirSync(join(dir, "generated"))
    mkdirSync(join(dir, "generated.tmp-4242"))
    await Effect.runPromise(recoverOutput(join(dir, "generated")))
    expect(readdirSync(dir)).toEqual(["generated"])
  })

  it("puts the previous output back when a run was killed between the two renames of the swap", async () => {
    const dir = root()
    mkdirSync(join(dir, "generated"))
    writeFileSync(join(dir, "generated", "a.ts"), "previous")
    renameSync(join(dir, "generated"), join(dir, "generated.old-4242"))
    await Effect.runPromise(recoverOutput(join(dir, "generated")))
    expect(readFileSync(join(dir, "generated", "a.ts"), "utf8")).toBe("previous")
    expect(existsSync(join(dir, "generated.old-4242"))).toBe(false)
  })
})
