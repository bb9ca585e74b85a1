import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { makeFormatter } from "../../../generator/write/format.ts"

const dir = mkdtempSync(join(tmpdir(), "format-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files = [
  { path: "a.ts", content: "export const a = {b:1,   c:'two'}" },
  { path: "b.ts", content: "export const a = {b:1,   c:'two'}" },
  { path: "manifest.json", content: '{"x":1}' },
]

describe("makeFormatter", () => {
  it("formats TypeScript with prettier and passes other files through", async () => {
    const formatter = await makeFormatter({ configFor: join(dir, "out", "index.ts") })
    expect(await formatter.format(files)).toEqual([
      { path: "a.ts", content: 'export const a = { b: 1, c: "two" };\n' },
      { path: "b.ts", content: 'export const a = { b: 1, c: "two" };\n' },
      { path: "manifest.json", content: '{"x":1}' },
    ])
    // Identical texts are formatted once.
    expect(formatter.stats()).toEqual({ hits: 0, misses: 1 })
  })

  it("answers from its cache file on the next run, with the same bytes", async () => {
    const cacheFile = join(dir, "cache", "format.json")
    const first = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    const formatted = await first.format(files)
    await first.save()
    const second = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    expect(await second.format(files)).toEqual(formatted)
    expect(second.stats()).toEqual({ hits: 1, misses: 0 })
  })

  it("ignores a cache written by another prettier version, or one that is not JSON", async () => {
    const cacheFile = join(dir, "stale", "format.json")
    const first = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    await first.format(files)
    await first.save()
    const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as { prettier: string; entries: Record<string, string> }
    writeFileSync(cacheFile, JSON.stringify({ prettier: "0.0.0", entries: Object.fromEntries(Object.keys(cache.entries).map((k) => [k, "wrong"])) }))
    const other = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    expect((await other.format(files))[0]!.content).toBe('export const a = { b: 1, c: "two" };\n')
    writeFileSync(cacheFile, "{ not json")
    const broken = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    expect((await broken.format(files))[0]!.content).toBe('export const a = { b: 1, c: "two" };\n')
    expect(broken.stats()).toEqual({ hits: 0, misses: 1 })
  })
})
