import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { FORMATTERS } from "../../../generator/config.ts"
import { makeFormatter } from "../../../generator/write/format.ts"

const dir = mkdtempSync(join(tmpdir(), "format-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files = [
  { path: "a.ts", content: "export const a = {b:1,   c:'two'}" },
  { path: "b.ts", content: "export const a = {b:1,   c:'two'}" },
  { path: "manifest.json", content: '{"x":1}' },
]

describe("makeFormatter", () => {
  it.each(FORMATTERS)("formats TypeScript with %s and passes other files through", async (name) => {
    const formatter = await makeFormatter({ configFor: join(dir, "out", "index.ts"), formatter: name })
    expect(formatter.name).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+$`))
    expect(await formatter.format(files)).toEqual([
      { path: "a.ts", content: 'export const a = { b: 1, c: "two" };\n' },
      { path: "b.ts", content: 'export const a = { b: 1, c: "two" };\n' },
      { path: "manifest.json", content: '{"x":1}' },
    ])
    // Identical texts are formatted once.
    expect(formatter.stats()).toEqual({ hits: 0, misses: 1 })
  })

  it("wraps at prettier's width with either formatter (oxfmt's own default is 100)", async () => {
    const long = [{ path: "long.ts", content: `export const x = { first: "aaaaaaaaaaaaaaaa", second: "bbbbbbbbbbbbbbbb", third: "cccc" }` }]
    const [oxfmt, prettier] = await Promise.all(
      FORMATTERS.map((formatter) => makeFormatter({ configFor: join(dir, "out", "index.ts"), formatter })),
    )
    const wrapped = 'export const x = {\n  first: "aaaaaaaaaaaaaaaa",\n  second: "bbbbbbbbbbbbbbbb",\n  third: "cccc",\n};\n'
    expect((await oxfmt!.format(long))[0]!.content).toBe(wrapped)
    expect((await prettier!.format(long))[0]!.content).toBe(wrapped)
  })

  it("uses the prettier config that applies to the output folder, with either formatter", async () => {
    const project = join(dir, "configured")
    mkdirSync(join(project, "out"), { recursive: true })
    writeFileSync(join(project, ".prettierrc"), JSON.stringify({ semi: false, singleQuote: true }))
    for (const formatter of FORMATTERS) {
      const formatted = await makeFormatter({ configFor: join(project, "out", "index.ts"), formatter })
      expect((await formatted.format(files))[0]!.content, formatter).toBe("export const a = { b: 1, c: 'two' }\n")
    }
  })

  it("names the file oxfmt cannot parse", async () => {
    const formatter = await makeFormatter({ configFor: join(dir, "out", "index.ts"), formatter: "oxfmt" })
    await expect(formatter.format([{ path: "broken.ts", content: "export const = ;" }])).rejects.toThrow(
      /^oxfmt cannot format broken\.ts: /,
    )
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

  it("ignores a cache written by another formatter or version, or one that is not JSON", async () => {
    const cacheFile = join(dir, "stale", "format.json")
    const first = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    await first.format(files)
    await first.save()
    const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as { formatter: string; entries: Record<string, string> }
    expect(cache.formatter).toBe(first.name)
    writeFileSync(
      cacheFile,
      JSON.stringify({ formatter: "oxfmt 0.0.0", entries: Object.fromEntries(Object.keys(cache.entries).map((k) => [k, "wrong"])) }),
    )
    const other = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    expect((await other.format(files))[0]!.content).toBe('export const a = { b: 1, c: "two" };\n')
    writeFileSync(cacheFile, "{ not json")
    const broken = await makeFormatter({ configFor: join(dir, "out", "index.ts"), cacheFile })
    expect((await broken.format(files))[0]!.content).toBe('export const a = { b: 1, c: "two" };\n')
    expect(broken.stats()).toEqual({ hits: 0, misses: 1 })
  })
})
