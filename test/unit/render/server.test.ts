/**
 * The server target from the committed spec: which endpoints it serves and under which names, and the
 * `server:` key of override files (skip, name, group, path) with the same strictness as the rest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { renderSdk } from "../../../generator/generate.ts"
import { loadOverrides } from "../../../generator/overrides/load.ts"
import { compileTemplates, readTemplates } from "../../../generator/render/templates.ts"
import { loadSpec } from "../../../generator/spec/load.ts"
import { ROOT } from "../../support/generate.ts"

const work = mkdtempSync(join(tmpdir(), "server-target-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const spec = await Effect.runPromise(loadSpec(join(ROOT, "better-auth-api-spec.json")))
const templates = compileTemplates(await readTemplates())

/** The server target rendered with the given override files (name → YAML) on top of nothing else. */
const render = async (files: Readonly<Record<string, string>>) => {
  const dir = join(work, String(Object.keys(files).join("-") || "none").replace(/\W+/g, "-"))
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const loaded = await Effect.runPromise(Effect.result(loadOverrides(dir)))
  if (loaded._tag === "Failure") return { errors: loaded.failure.map(String), files: [], model: undefined }
  const result = renderSdk({
    spec,
    overrides: loaded.success,
    templates,
    options: {
      specName: "spec.json",
      clientModule: "./client.js",
      serverModule: "../../server.js",
      importExtension: ".js",
      target: "server",
    },
  })
  return { errors: result.errors.map(String), files: result.files, model: result.model }
}
const content = (files: ReadonlyArray<{ path: string; content: string }>, path: string) => files.find((f) => f.path === path)?.content

describe("the server target", () => {
  it("serves every client-callable endpoint that has an auth.api method, by top folder and folder name", async () => {
    const { files, model, errors } = await render({})
    expect(errors).toEqual([])
    expect(model!.endpoints.length).toBeGreaterThan(100)
    expect(content(files, "two-factor/get-totp-uri/get-totp-uri.handler.ts")).toContain('method: "getTOTPURI"')
    expect(content(files, "two-factor/get-totp-uri/get-totp-uri.contract.ts")).toContain(
      'HttpApiEndpoint.post("getTotpUri", "/two-factor/get-totp-uri", {',
    )
    expect(content(files, "two-factor/two-factor.group.ts")).toContain('HttpApiGroup.make("twoFactor")')
    // The contracts, groups and Api import nothing from better-auth or the server runtime.
    for (const file of files.filter((f) => /\.(contract|group)\.ts$|^api\.ts$|^index\.ts$/.test(f.path)))
      expect(file.content, file.path).not.toMatch(/from "(better-auth|@better-auth\/|[^"]*_runtime\/server|[^"]*\.handler\.)/)
  })

  it("skips, renames, regroups and re-paths an endpoint as its override's server key says", async () => {
    const { files, model, errors } = await render({
      "a.yaml": 'endpoint: "POST /two-factor/verify-totp"\nserver:\n  name: verify\n  group: mfa\n  path: /mfa/verify\n',
      "b.yaml": 'endpoint: "POST /sign-out"\nserver:\n  skip: served by the app itself\n',
    })
    expect(errors).toEqual([])
    expect(content(files, "two-factor/verify-totp/verify-totp.contract.ts")).toContain('HttpApiEndpoint.post("verify", "/mfa/verify", {')
    expect(content(files, "two-factor/verify-totp/verify-totp.handler.ts")).toContain('path: "/two-factor/verify-totp"')
    expect(content(files, "mfa/mfa.group.ts")).toContain('HttpApiGroup.make("mfa")')
    expect(content(files, "mfa/mfa.layer.ts")).toContain('.handle("verify", VerifyHandler(server))')
    expect(model!.skipped.find((s) => s.path === "/sign-out")).toMatchObject({
      code: "override",
      reason: expect.stringContaining("served by the app itself"),
    })
    expect(files.some((f) => f.path.startsWith("core/sign-out/"))).toBe(false)
  })

  it("refuses two served endpoints at one name or path, at the override's line and column", async () => {
    const { errors } = await render({
      "a.yaml": 'endpoint: "POST /two-factor/verify-totp"\nserver:\n  path: /two-factor/verify-otp\n',
      "b.yaml": 'endpoint: "POST /two-factor/enable"\nserver:\n  name: disable\n',
    })
    expect(errors).toEqual([
      expect.stringMatching(/b\.yaml:3:9: server\.name: POST \/two-factor\/(enable|disable): name "disable" is taken in group "twoFactor"/),
      expect.stringMatching(
        /a\.yaml:3:9: server\.path: POST \/two-factor\/verify-(totp|otp): path "\/two-factor\/verify-otp" is served already/,
      ),
    ])
  })

  it("rejects an unknown server key with a suggestion, and a path that is not kebab-case segments", async () => {
    expect((await render({ "a.yaml": 'endpoint: "POST /sign-out"\nserver:\n  nmae: x\n' })).errors.join("\n")).toMatch(
      /server\.nmae.*did you mean "name"/,
    )
    expect((await render({ "b.yaml": 'endpoint: "POST /sign-out"\nserver:\n  path: /../x\n' })).errors.join("\n")).toMatch(
      /server\.path.*kebab-case segments/,
    )
  })
})
