import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { insideRoot, writeTree } from "../../../generator/write/write.ts"

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

describe("writeTree", () => {
  const dirs: Array<string> = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
  const previousOutput = () => {
    const root = mkdtempSync(join(tmpdir(), "write-"))
    dirs.push(root)
    const out = join(root, "generated")
    mkdirSync(join(out, "old"), { recursive: true })
    writeFileSync(join(out, "old", "gone.ts"), "old")
    return { root, out }
  }

  it("replaces the output with exactly the new files", async () => {
    const { out } = previousOutput()
    await Effect.runPromise(writeTree(out, [{ path: "a/b.ts", content: "new" }]))
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(["a", "a/b.ts"])
    expect(readFileSync(join(out, "a", "b.ts"), "utf8")).toBe("new")
  })

  it("refuses a path outside the output folder and leaves the previous output as it was", async () => {
    const { root, out } = previousOutput()
    const exit = await Effect.runPromiseExit(writeTree(out, [{ path: "ok.ts", content: "x" }, { path: "../escape.ts", content: "x" }]))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(readdirSync(root).sort()).toEqual(["generated"])
    expect(readFileSync(join(out, "old", "gone.ts"), "utf8")).toBe("old")
  })
})
