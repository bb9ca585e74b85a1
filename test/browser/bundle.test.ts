/**
 * The SDK bundles for the browser: esbuild (platform browser) bundles `generated/index.ts`, and the bundle
 * holds no node builtin, no server-only package and no server entry point of Better Auth or its plugins.
 * The check itself is proven on apps importing server code and builtins, which must trip it, and on
 * hand-made import graphs.
 */
import { describe, expect, it } from "vitest"
import {
  type Bundle,
  bundleForBrowser,
  describeOffense,
  ROOT,
  SDK_ENTRY,
  serverOnlyImports,
  serverOnlySpecifier,
} from "../support/browser-bundle.ts"

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

  it("bundles the server target's contracts, groups and Api (generated-server/index.ts) with no Better Auth code at all", async () => {
    const bundle = await bundleForBrowser({ entry: "generated-server/index.ts" })
    const inputs = Object.keys(bundle.metafile.inputs)
    expect(inputs.filter((path) => path.includes("node_modules/better-auth/") || path.includes("node_modules/@better-auth/"))).toEqual([])
    expect(inputs.filter((path) => /generated-server\/.*(handler|layer)\.ts$|_runtime\/server\.ts$/.test(path))).toEqual([])
    expect(inputs.filter((path) => path.endsWith("generated-server/api.ts"))).toHaveLength(1)
    expect(serverOnlyImports(bundle).map(describeOffense)).toEqual([])
  })

  it("leaves out what an app does not call: unused endpoints and unused Effect modules", async () => {
    const generatedBytes = (bundle: Bundle) =>
      Object.values(bundle.metafile.outputs)
        .flatMap((output) => Object.entries(output.inputs))
        .reduce((sum, [path, input]) => sum + (path.startsWith("generated/") ? input.bytesInOutput : 0), 0)
    const whole = await bundleForBrowser({ entry: SDK_ENTRY })
    // The bench's app (b): five handlers through the root namespace, as the README shows.
    const app = await bundleForBrowser({ entry: "bench/bundle-app-sdk.ts" })
    expect(generatedBytes(app), "an app calling 5 of 154 handlers keeps most of the generated code").toBeLessThan(generatedBytes(whole) / 4)
    // Effect imported by subpath: the root module's namespace re-exports would pull in all of Effect.
    const effectModules = Object.keys(whole.metafile.inputs).filter((path) => path.includes("node_modules/effect/"))
    expect(effectModules.filter((path) => path.endsWith("node_modules/effect/dist/index.js"))).toEqual([])
    expect(app.bytes).toBeLessThan(whole.bytes * 0.8)
  })

  it("trips on server entry points and server-only packages, each named with its import chain", async () => {
    const app = [
      `import Stripe from "stripe"`,
      `import { organization } from "better-auth/plugins"`,
      `import { sso } from "@better-auth/sso"`,
      `import { scim } from "@better-auth/scim"`,
      `import { createAuthClient } from "better-auth/client"`,
      `export const app = [Stripe, organization, sso, scim, createAuthClient]`,
    ].join("\n")
    const offenses = serverOnlyImports(await bundleForBrowser({ contents: app, resolveDir: ROOT }))
    expect(offenses.map(describeOffense)).toEqual([
      "stripe (server-only package): <app> → stripe",
      "better-auth/plugins (Better Auth server entry point): <app> → better-auth/plugins",
      "@better-auth/sso (plugin server entry point): <app> → @better-auth/sso",
      "@better-auth/scim (server-only package): <app> → @better-auth/scim",
    ])
  })

  it("trips on a node builtin reached through client code", async () => {
    const app = `import { createHash } from "node:crypto"\nimport { createAuthClient } from "better-auth/client"\nexport const app = [createHash, createAuthClient]\n`
    const offenses = serverOnlyImports(await bundleForBrowser({ contents: app, resolveDir: ROOT }))
    expect(offenses.map(describeOffense)).toEqual(["node:crypto (node builtin): <app> → node:crypto"])
  })
})

describe("serverOnlyImports", () => {
  /** A metafile graph: file → its imports (`!` marks an external one). */
  const bundleOf = (graph: Record<string, ReadonlyArray<string>>): Bundle => ({
    code: "",
    bytes: 0,
    entry: "entry.ts",
    metafile: {
      outputs: {},
      inputs: Object.fromEntries(
        Object.entries(graph).map(([file, imports]) => [
          file,
          {
            bytes: 1,
            imports: imports.map((target) => {
              const [path, original] = target.split(" as ") as [string, string | undefined]
              return path.startsWith("!")
                ? { path: path.slice(1), kind: "import-statement" as const, external: true }
                : { path, kind: "import-statement" as const, ...(original === undefined ? {} : { original }) }
            }),
          },
        ]),
      ),
    },
  })

  it("names the shortest chain to each offence and does not walk into server code", () => {
    const bundle = bundleOf({
      "entry.ts": ["a.ts", "b.ts"],
      "a.ts": ["c.ts"],
      "b.ts": ["c.ts", "node_modules/stripe/esm/stripe.js as stripe"],
      "c.ts": ["!node:fs", "node_modules/pkg/index.js as pkg"],
      "node_modules/pkg/index.js": ["node_modules/kysely/index.js as ./kysely-copy.js"],
      "node_modules/stripe/esm/stripe.js": ["!node:crypto"],
      "node_modules/kysely/index.js": [],
    })
    expect(serverOnlyImports(bundle).map(describeOffense)).toEqual([
      "stripe (server-only package): entry.ts → b.ts → stripe",
      "node:fs (node builtin): entry.ts → a.ts → c.ts → node:fs",
      "./kysely-copy.js (server-only package): entry.ts → a.ts → c.ts → node_modules/pkg/index.js → ./kysely-copy.js",
    ])
  })

  it("finds nothing in client code", () => {
    expect(serverOnlyImports(bundleOf({ "entry.ts": ["a.ts"], "a.ts": ["node_modules/effect/dist/index.js as effect"] }))).toEqual([])
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
