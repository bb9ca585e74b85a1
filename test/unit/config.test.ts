/** The config file's validation: every fault is one line naming the file and the key. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { clientModuleFor } from "../../generator/generate.ts"
import { isPackageSpecifier, resolveConfig, validateConfig } from "../../generator/config.ts"

const dir = mkdtempSync(join(tmpdir(), "config-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("validateConfig", () => {
  it.each([
    ["an unknown key, with a hint", { outt: "src/auth" }, 'codegen.config.ts: outt: unknown key (did you mean "out"?)'],
    ["a wrong type", { out: 42 }, "codegen.config.ts: out: expected a non-empty string, got 42"],
    ["an empty path", { spec: " " }, 'codegen.config.ts: spec: expected a non-empty string, got " "'],
    [
      "a bad import extension",
      { importExtension: ".mjs" },
      'codegen.config.ts: importExtension: expected ".js", ".ts", "none", got ".mjs"',
    ],
    ["an unknown formatter", { formatter: "dprint" }, 'codegen.config.ts: formatter: expected "oxfmt" or "prettier", got "dprint"'],
    [
      "an identifier prefix that is not a string",
      { identifierPrefix: 1 },
      'codegen.config.ts: identifierPrefix: expected a string such as "@acme/auth" (or "" for none), got 1',
    ],
    [
      "an identifier prefix on two lines",
      { identifierPrefix: "@a\nb" },
      'codegen.config.ts: identifierPrefix: expected one line without control characters, got "@a\\nb"',
    ],
    ["a flag that is not a boolean", { builtinOverrides: "no" }, 'codegen.config.ts: builtinOverrides: expected a boolean, got "no"'],
    ["no object", 3, "codegen.config.ts: the default export is not an object (export default defineConfig({ ... }))"],
  ])("rejects %s", (_, given, want) => {
    expect(() => validateConfig("codegen.config.ts", given)).toThrow(want)
  })

  it("accepts every key", () => {
    const config = {
      spec: "a.json",
      overrides: "o",
      builtinOverrides: false,
      out: "src/auth",
      templates: "t",
      clientModule: "@app/auth",
      importExtension: "none",
      formatter: "prettier",
      identifierPrefix: "",
      serverModule: "s.ts",
    }
    expect(validateConfig("c.ts", config)).toEqual(config)
  })
})

describe("resolveConfig", () => {
  it("names a config file that does not exist, and a client module that does not exist", async () => {
    await expect(resolveConfig({ config: join(dir, "missing.config.ts") })).rejects.toThrow(/missing\.config\.ts: config file not found$/)
    writeFileSync(join(dir, "a.config.ts"), 'export default { clientModule: "./nowhere.ts" }\n')
    await expect(resolveConfig({ config: join(dir, "a.config.ts") })).rejects.toThrow(
      /a\.config\.ts: clientModule: .*nowhere\.ts does not exist/,
    )
  })

  it("resolves the file's paths against the file, and flags win", async () => {
    writeFileSync(join(dir, "client.ts"), "export const clientPlugins = []\n")
    writeFileSync(join(dir, "b.config.ts"), 'export default { clientModule: "client.ts", out: "src/auth", importExtension: "none" }\n')
    const config = await resolveConfig({ config: join(dir, "b.config.ts"), "import-extension": ".ts" })
    expect(config.clientModule).toBe(join(dir, "client.ts"))
    expect(config.out).toBe(join(dir, "src", "auth"))
    expect(config.importExtension).toBe(".ts")
    expect(config.builtinOverrides).toBe(true)
    expect(config.formatter).toBe("oxfmt")
    expect(config.identifierPrefix).toBe("@better-auth-effect")
  })

  it("takes the identifier prefix from the file, a flag winning over it", async () => {
    writeFileSync(join(dir, "client.ts"), "export const clientPlugins = []\n")
    writeFileSync(join(dir, "d.config.ts"), 'export default { clientModule: "client.ts", identifierPrefix: "@acme/auth" }\n')
    expect((await resolveConfig({ config: join(dir, "d.config.ts") })).identifierPrefix).toBe("@acme/auth")
    expect((await resolveConfig({ config: join(dir, "d.config.ts"), "identifier-prefix": "" })).identifierPrefix).toBe("")
    await expect(resolveConfig({ config: join(dir, "d.config.ts"), "identifier-prefix": "a\u2028b" })).rejects.toThrow(
      '--identifier-prefix: expected one line without control characters, got "a\u2028b"',
    )
  })

  it("takes the formatter from the file, a flag winning over it", async () => {
    writeFileSync(join(dir, "client.ts"), "export const clientPlugins = []\n")
    writeFileSync(join(dir, "c.config.ts"), 'export default { clientModule: "client.ts", formatter: "prettier" }\n')
    expect((await resolveConfig({ config: join(dir, "c.config.ts") })).formatter).toBe("prettier")
    expect((await resolveConfig({ config: join(dir, "c.config.ts"), formatter: "oxfmt" })).formatter).toBe("oxfmt")
    await expect(resolveConfig({ config: join(dir, "c.config.ts"), formatter: "dprint" })).rejects.toThrow(
      '--formatter: expected oxfmt or prettier, got "dprint"',
    )
  })
})

describe("resolveConfig, the two outputs", () => {
  it("puts the server output beside the client's by default, takes targets and serverOut from the file, flags winning", async () => {
    writeFileSync(join(dir, "client.ts"), "export const clientPlugins = []\n")
    writeFileSync(join(dir, "e.config.ts"), 'export default { clientModule: "client.ts", out: "src/auth" }\n')
    const both = await resolveConfig({ config: join(dir, "e.config.ts") })
    expect([both.targets, both.serverOut]).toEqual([["client", "server"], join(dir, "src", "auth-server")])
    writeFileSync(join(dir, "f.config.ts"), 'export default { clientModule: "client.ts", targets: ["server"], serverOut: "api" }\n')
    const server = await resolveConfig({ config: join(dir, "f.config.ts") })
    expect([server.targets, server.serverOut]).toEqual([["server"], join(dir, "api")])
    expect((await resolveConfig({ config: join(dir, "f.config.ts"), target: ["client"] })).targets).toEqual(["client"])
    writeFileSync(join(dir, "g.config.ts"), 'export default { clientModule: "client.ts", targets: [] }\n')
    await expect(resolveConfig({ config: join(dir, "g.config.ts") })).rejects.toThrow(
      /g\.config\.ts: targets: expected a non-empty list of "client", "server", got \[\]/,
    )
  })

  it("refuses a server output that is the client's folder, or inside it, when both are written", async () => {
    writeFileSync(join(dir, "client.ts"), "export const clientPlugins = []\n")
    writeFileSync(join(dir, "h.config.ts"), 'export default { clientModule: "client.ts", out: "sdk", serverOut: "sdk/server" }\n')
    await expect(resolveConfig({ config: join(dir, "h.config.ts") })).rejects.toThrow(
      /serverOut: .*sdk\/server and the client output .*sdk must be separate folders/,
    )
    await expect(resolveConfig({ config: join(dir, "h.config.ts"), "server-out": join(dir, "sdk") })).rejects.toThrow(/--server-out: /)
    expect((await resolveConfig({ config: join(dir, "h.config.ts"), target: ["server"] })).serverOut).toBe(join(dir, "sdk", "server"))
  })
})

describe("the client module's specifier in the output", () => {
  it.each([
    ["a file, .js", "/app/src/auth", "/app/src/auth-client.ts", ".js", "../../auth-client.js"],
    ["a file, none", "/app/src/auth", "/app/src/auth-client.ts", "none", "../../auth-client"],
    ["a file, .ts", "/app/out", "/app/lib/client.ts", ".ts", "../../lib/client.ts"],
    ["a package", "/app/src/auth", "@app/auth-client", ".js", "@app/auth-client"],
  ] as const)("%s", (_, out, module, extension, want) => {
    expect(clientModuleFor(out, module, extension)).toBe(want)
  })

  it("tells packages from files", () => {
    expect([
      isPackageSpecifier("@app/auth"),
      isPackageSpecifier("auth-client"),
      isPackageSpecifier("./client.ts"),
      isPackageSpecifier("client.ts"),
    ]).toEqual([true, true, false, false])
  })
})
