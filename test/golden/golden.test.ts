/**
 * Golden scenarios: each folder holds a small spec (and overrides, the only ones applied); the generated
 * tree is compared file by file with the committed expectation (`vitest -u` rewrites them after an
 * intended change).
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { generateInMemory } from "../support/generate.ts"

const scenarios = readdirSync(import.meta.dirname, { withFileTypes: true }).filter(
  (d) => d.isDirectory() && existsSync(join(import.meta.dirname, d.name, "spec.json")),
)

describe.each(scenarios.map((s) => s.name))("golden scenario %s", (name) => {
  const dir = join(import.meta.dirname, name)
  it("generates the expected files", async () => {
    const run = await generateInMemory({ spec: join(dir, "spec.json"), overrides: join(dir, "overrides"), out: join(dir, "expected"), builtin: false })
    expect(run.raw.errors).toEqual([])
    expect([...run.files.keys()]).toMatchSnapshot()
    // The runtime is the same static code in every scenario; generated/_runtime is its one committed copy.
    for (const [path, content] of run.files) if (!path.startsWith("_runtime/")) await expect(content).toMatchFileSnapshot(join(dir, "expected", path))
  })
})
