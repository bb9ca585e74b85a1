/** The README's example is the code that `tsc` compiles in test/readme-example.ts, character for character. */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ROOT } from "./support/generate.ts"

describe("README", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8")

  it("starts with the install-and-generate command and the test command", () => {
    expect(readme.split("```sh\n")[1]?.split("```")[0]).toBe("npm ci && npm run generate\nnpm test\n")
  })

  it("shows exactly the example that the type check compiles", () => {
    const example = readme.split("## Calling a handler")[1]?.split("```ts\n")[1]?.split("```")[0]
    const compiled = readFileSync(join(ROOT, "test", "readme-example.ts"), "utf8")
      .split("\n")
      .filter((line) => !line.startsWith("//"))
      .join("\n")
      .replace("export const program", "const program")
      // The README is read from the repository root; the compiled copy lives in test/.
      .replace('"../generated/', '"./generated/')
    expect(example).toBe(compiled)
  })

  it("shows exactly the server-target examples that the type check compiles", () => {
    const section = readme.split("## Serving Better Auth from Effect (the server target)")[1]!.split("\n## ")[0]!
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, block]) => block)
    const compiled = readFileSync(join(ROOT, "test", "readme-server-example.ts"), "utf8")
    const shown = (block: string) => block.replaceAll('"../generated-server/', '"./auth-server/').replaceAll("export const", "const")
    const serve = compiled.split("// README block: serve\n")[1]!.split("// README block: client\n")[0]!
    const client = compiled.split("// README block: client\n")[1]!
    expect(blocks).toEqual([shown(serve), shown(client)])
  })

  it("shows the override example exactly as the golden scenario has it, and what it generates", () => {
    const section = readme.split("## Overriding an endpoint")[1]!.split("\n## ")[0]!
    const golden = join(ROOT, "test", "golden", "overrides")
    const blocks = [...section.matchAll(/`overrides\/([\w-]+\.yaml)`\n```yaml\n([\s\S]*?)```/g)]
    expect(blocks.map(([, file]) => file)).toEqual(["update-user.yaml", "_defaults.yaml", "list-members.yaml"])
    // The golden files sit deeper, so only their $schema line differs.
    const body = (text: string) => text.split("\n").slice(1).join("\n")
    for (const [, file, text] of blocks) {
      expect(text!.split("\n")[0], file).toBe("# yaml-language-server: $schema=../overrides.schema.json")
      expect(body(text!), file).toBe(body(readFileSync(join(golden, "overrides", file!), "utf8")))
    }
    const generated = section.split("```ts\n")[1]!.split("```")[0]!
    expect(readFileSync(join(golden, "expected", "account", "profile", "update", "update.contract.ts"), "utf8")).toContain(generated.trim())
  })
})
