/** The runtime modules are real TypeScript: rendering fills only the banner and the import specifiers. */
import { describe, expect, it } from "vitest"
import { fillRuntime } from "../../../generator/render/templates.ts"

const SOURCE = [
  `import * as Effect from "effect/Effect"`,
  `import { clientPlugins } from "../../better-auth.client.ts"`,
  `import { AuthClient, type AuthClientInstance } from "./client.ts"`,
  `export * from "./errors.ts"`,
  `const lazy = () => import("./schemas.ts")`,
  `const text = "from \\"./not-an-import.ts\\" stays"`,
  ``,
].join("\n")

describe("fillRuntime", () => {
  it.each([
    [
      ".js",
      "@app/auth-client",
      ['"../../better-auth.client.ts"', '"./client.ts"'],
      ['from "@app/auth-client"', 'from "./client.js"', 'from "./errors.js"', 'import("./schemas.js")'],
    ],
    ["none", "../../src/client", [], ['from "../../src/client"', 'from "./client"', 'from "./errors"']],
    [".ts", "../../client.ts", [], ['from "../../client.ts"', 'from "./client.ts"']],
  ] as const)("%s, client module %s", (importExtension, clientModule, gone, present) => {
    const out = fillRuntime(SOURCE, { banner: "// banner", clientModule, serverModule: "../../server.ts", importExtension, errorCodes: [] })
    expect(out.startsWith('// banner\nimport * as Effect from "effect/Effect"\n')).toBe(true)
    for (const text of gone) expect(out).not.toContain(text)
    for (const text of present) expect(out).toContain(text)
    // Package imports and strings that only look like imports are left alone.
    expect(out).toContain('const text = "from \\"./not-an-import.ts\\" stays"')
  })

  it("quotes a client module specifier it is given, whatever its characters", () => {
    const out = fillRuntime(SOURCE, { banner: "", clientModule: '../we"ird', serverModule: "s", importExtension: ".js", errorCodes: [] })
    expect(out).toContain('import { clientPlugins } from "../we\\"ird"')
  })

  it("fills the declared error codes in, one quoted literal a line; none leaves the empty list", () => {
    const source = "export const BETTER_AUTH_ERROR_CODES = [] as const\n"
    const view = { banner: "", clientModule: "x", serverModule: "s", importExtension: ".ts" } as const
    expect(fillRuntime(source, { ...view, errorCodes: ["A_B", 'C"D'] })).toBe(
      '\nexport const BETTER_AUTH_ERROR_CODES = [\n  "A_B",\n  "C\\"D",\n] as const\n',
    )
    expect(fillRuntime(source, { ...view, errorCodes: [] })).toBe(`\n${source}`)
  })
})
