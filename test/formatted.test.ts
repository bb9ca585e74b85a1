/**
 * The generator formats with oxfmt by default, but prettier stays the reference a user's editor applies:
 * every committed TypeScript file in generated/ is exactly what the pinned prettier, with the prettier
 * config that applies to generated/, makes of it. A difference means the two formatters disagree on
 * something the templates or the model print: write that source so both agree (or regenerate with
 * `--formatter prettier` to see prettier's bytes).
 */
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import * as prettier from "prettier"
import { describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

const OUT = join(ROOT, "generated")

describe("the committed SDK, formatted by the default formatter", () => {
  it("is byte-identical to what prettier makes of it", async () => {
    const entries = await readdir(OUT, { recursive: true, withFileTypes: true })
    const files = entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name))
    expect(files.length).toBeGreaterThan(100)
    const config = (await prettier.resolveConfig(join(OUT, "index.ts"), { editorconfig: false })) ?? {}
    const differ: Array<string> = []
    for (const file of files) {
      const text = await readFile(file, "utf8")
      if ((await prettier.format(text, { ...config, parser: "typescript" })) !== text) differ.push(file.slice(OUT.length + 1))
    }
    expect(differ, "files prettier would reformat").toEqual([])
  })
})
