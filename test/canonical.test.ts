/**
 * Canonical output: the same document and overrides with their keys in another order give byte-identical
 * files. Every object of the spec and of every override file is shuffled (recursively, arrays untouched).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { parse, stringify } from "yaml"
import { generateInMemory, ROOT } from "./support/generate.ts"

const dir = mkdtempSync(join(tmpdir(), "canonical-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** The value with every object's keys in a random order (the order is guaranteed to change where it can). */
const shuffle = (value: unknown, next: () => number): unknown => {
  if (Array.isArray(value)) return value.map((v) => shuffle(v, next))
  if (value === null || typeof value !== "object") return value
  const entries = Object.entries(value as Record<string, unknown>)
  const shuffled = entries
    .map((e) => [next(), e] as const)
    .sort(([a], [b]) => a - b)
    .map(([, e]) => e)
  // Never leave a multi-key object in its original order.
  if (shuffled.length > 1 && shuffled.every((e, i) => e[0] === entries[i]![0])) shuffled.reverse()
  return Object.fromEntries(shuffled.map(([k, v]) => [k, shuffle(v, next)]))
}

describe("canonical output", () => {
  it("does not depend on the key order of the document or of the overrides", async () => {
    const next = random(14)
    // Both runs see the overrides as `overrides/` (generated comments name the files by their path).
    const original = join(dir, "original")
    const shuffled = join(dir, "shuffled")
    // The shipped overrides, as a user's folder in both runs (so that the shuffled copy is the one applied).
    cpSync(join(ROOT, "builtin-overrides"), join(original, "overrides"), { recursive: true })
    cpSync(join(ROOT, "builtin-overrides"), join(shuffled, "overrides"), { recursive: true })
    writeFileSync(
      join(shuffled, "better-auth-api-spec.json"),
      JSON.stringify(shuffle(JSON.parse(readFileSync(join(ROOT, "better-auth-api-spec.json"), "utf8")), next), null, 2),
    )
    // Both copies go through the same YAML round trip, which drops comments (an override's stated reason),
    // so that only the key order differs.
    for (const file of readdirSync(join(shuffled, "overrides"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"))) {
      const value = parse(readFileSync(join(shuffled, "overrides", file), "utf8"))
      writeFileSync(join(original, "overrides", file), stringify(value))
      writeFileSync(join(shuffled, "overrides", file), stringify(shuffle(value, next)))
    }
    const out = join(ROOT, "generated")
    const cwd = process.cwd()
    const runIn = async (folder: string, spec: string) => {
      process.chdir(folder)
      try {
        return await generateInMemory({ spec, overrides: "overrides", out, builtin: false })
      } finally {
        process.chdir(cwd)
      }
    }
    const before = await runIn(original, join(ROOT, "better-auth-api-spec.json"))
    const after = await runIn(shuffled, join(shuffled, "better-auth-api-spec.json"))
    expect(after.raw.errors.map(String)).toEqual([])
    expect([...after.files.keys()]).toEqual([...before.files.keys()])
    const differing = [...before.files].filter(([path, content]) => after.files.get(path) !== content).map(([path]) => path)
    expect(differing).toEqual([])
  })
})
