/**
 * `npm run bench:bundle` (also part of `npm run bench`): browser bundle sizes with esbuild (platform
 * browser, ESM, minified; gzip of that) of (a) the whole SDK, (b) an app calling five handlers through the
 * root namespace, (b′) the same app importing each endpoint's module, and (c) the same calls on the Better
 * Auth client directly with the same plugins; for reference, (e) the Effect modules the runtime uses,
 * imported from `effect` and (e′) by subpath. Each bundle is split by where its bytes come from.
 */
import { resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { bundleForBrowser, SDK_ENTRY } from "../test/support/browser-bundle.ts"
import { type BundleFigures, type BundlePart, renderBundles } from "./report.ts"

const BUNDLES = [
  { name: "(a) the whole SDK (generated/index.ts)", entry: SDK_ENTRY },
  { name: "(b) app: five handlers via `import * as Auth`", entry: "bench/bundle-app-sdk.ts" },
  { name: "(b′) app: five handlers, per-endpoint imports", entry: "bench/bundle-app-sdk-deep.ts" },
  { name: "(c) app: the Better Auth client directly", entry: "bench/bundle-app-client.ts" },
  { name: '(e) reference: Effect as the runtime uses it, `from "effect"`', entry: "bench/bundle-effect-root.ts" },
  { name: '(e′) reference: the same, `from "effect/Schema"` etc.', entry: "bench/bundle-effect-subpath.ts" },
] as const

/** Which part of a bundle a bundled file is (the module ids are paths relative to the project root). */
const partOf = (path: string): BundlePart => {
  if (path.startsWith("generated/")) return "generated"
  const at = path.lastIndexOf("node_modules/")
  const name = at === -1 ? "" : path.slice(at + "node_modules/".length)
  if (name.startsWith("effect/")) return "effect"
  if (/^(better-auth|@better-auth|better-call|@better-fetch|nanostores|@simplewebauthn)\//.test(name) || path === "better-auth.client.ts")
    return "betterAuth"
  return "other"
}

export const measureBundles = async (): Promise<ReadonlyArray<BundleFigures>> => {
  const figures: Array<BundleFigures> = []
  let generatedFiles = 0
  for (const { name, entry } of BUNDLES) {
    const bundle = await bundleForBrowser({ entry })
    if (entry === SDK_ENTRY) generatedFiles = Object.keys(bundle.metafile.inputs).filter((path) => path.startsWith("generated/")).length
    const parts: Record<BundlePart, number> = { generated: 0, effect: 0, betterAuth: 0, other: 0 }
    let kept = 0
    for (const output of Object.values(bundle.metafile.outputs)) {
      for (const [path, input] of Object.entries(output.inputs)) {
        parts[partOf(path)] += input.bytesInOutput
        if (path.startsWith("generated/") && input.bytesInOutput > 0) kept++
      }
    }
    figures.push({
      name,
      minified: bundle.bytes,
      gzip: gzipSync(bundle.code).byteLength,
      parts,
      generatedFiles: { kept, of: generatedFiles },
    })
  }
  return figures
}

// Run alone (`bun bench/bundle.ts`): print the table only.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) console.log(renderBundles(await measureBundles()))
