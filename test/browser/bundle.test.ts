/**
 * The SDK bundles for the browser: esbuild (platform browser) bundles `generated/index.ts`, and the bundle
 * holds no node builtin, no server-only package and no server entry point of Better Auth or its plugins.
 * The check itself is proven on the server config and on an app importing a builtin, which must trip it.
 */
import { describe, expect, it } from "vitest"
import { bundleForBrowser, describeOffense, ROOT, SDK_ENTRY, serverOnlyImports, serverOnlySpecifier } from "../support/browser-bundle.ts"

describe("browser bundle", () => {
  it("bundles generated/index.ts with client code only", async () => {
    const bundle = await bundleForBrowser({ entry: SDK_ENTRY })
    const inputs = Object.keys(bundle.metafile.inputs)
    // The bundle is the SDK: its runtime and the Better Auth client are in it.
    expect(inputs.filter((path) => path.startsWith("generated/_runtime/client."))).toHaveLength(1)
    expect(inputs.filter((path) => path.endsWith("node_modules/better-auth/dist/client/index.mjs"))).toHaveLength(1)
    const offenses = serverOnlyImports(bundle).map(describeOffense)
    expect(offenses, `${SDK_ENTRY} pulls server code into the browser bundle (import chains listed)`).toEqual([])
  })

  it("trips on the server config: each server import named with its chain", async () => {
    const offenses = serverOnlyImports(await bundleForBrowser({ entry: "better-auth.config.ts" }))
    const lines = offenses.map(describeOffense)
    expect(lines).toContain("stripe (server-only package): better-auth.config.ts → stripe")
    expect(lines).toContain("better-auth/plugins (Better Auth server entry point): better-auth.config.ts → better-auth/plugins")
    expect(lines).toContain("@better-auth/sso (plugin server entry point): better-auth.config.ts → @better-auth/sso")
    expect(lines).toContain("@better-auth/scim (server-only package): better-auth.config.ts → @better-auth/scim")
    // The walk stops at server imports: samlify's builtins behind @better-auth/sso are not listed again.
    expect(offenses.filter((o) => o.reason === "node builtin")).toEqual([])
  })

  it("trips on a node builtin reached through client code", async () => {
    const app = `import { createHash } from "node:crypto"\nimport { createAuthClient } from "better-auth/client"\nexport const app = [createHash, createAuthClient]\n`
    const offenses = serverOnlyImports(await bundleForBrowser({ contents: app, resolveDir: ROOT }))
    expect(offenses.map(describeOffense)).toEqual(["node:crypto (node builtin): <app> → node:crypto"])
  })
})

describe("serverOnlySpecifier", () => {
  it.each([
    ["node:crypto", "node builtin"],
    ["crypto", "node builtin"],
    ["fs/promises", "node builtin"],
    ["stripe", "server-only package"],
    ["kysely", "server-only package"],
    ["better-auth", "Better Auth server entry point"],
    ["better-auth/plugins", "Better Auth server entry point"],
    ["better-auth/adapters/memory", "Better Auth server entry point"],
    ["@better-auth/sso", "plugin server entry point"],
    ["@better-auth/stripe", "plugin server entry point"],
    ["better-call", "Better Auth's server router"],
    ["better-auth/client", undefined],
    ["better-auth/client/plugins", undefined],
    ["@better-auth/sso/client", undefined],
    ["@better-auth/core/utils/error-codes", undefined],
    ["better-call/error", undefined],
    ["effect/Schema", undefined],
    ["./client.ts", undefined],
  ])("%s → %s", (specifier, reason) => {
    expect(serverOnlySpecifier(specifier)).toBe(reason)
  })
})
