/**
 * Renders the benchmark's figures as markdown: the context (date, machine, versions), the medians of
 * generation and `tsc`, and the headline ratios against the targets of the performance issue.
 */

export interface Figures {
  readonly ms: number
  /** User + system CPU time (NaN when not measured). */
  readonly cpuMs: number
  readonly rssMiB: number
  /** Files written, or tsc errors: whatever the last column of its table says. */
  readonly extra: string
}

export interface Line {
  readonly name: string
  readonly one: Figures | undefined
  readonly ten: Figures | undefined
}

export interface Target {
  readonly what: string
  readonly value: number
  /** Met when `value <= limit`. */
  readonly limit: number
  readonly stretch?: number
}

/** Where a browser bundle's bytes come from. */
export type BundlePart = "generated" | "effect" | "betterAuth" | "other"

export interface BundleFigures {
  readonly name: string
  /** Bytes, minified. */
  readonly minified: number
  /** Bytes of the minified bundle gzipped. */
  readonly gzip: number
  /** Minified bytes per part (esbuild's `bytesInOutput`). */
  readonly parts: Readonly<Record<BundlePart, number>>
  /** Generated files with code in the bundle, of all the SDK's. */
  readonly generatedFiles: { readonly kept: number; readonly of: number }
}

export interface Report {
  readonly context: ReadonlyArray<string>
  readonly ops: { readonly one: number; readonly ten: number }
  readonly generation: ReadonlyArray<Line>
  readonly typecheck: ReadonlyArray<Line>
  /** The same outputs checked by TypeScript 7 (native). */
  readonly typecheckNative: { readonly title: string; readonly lines: ReadonlyArray<Line> }
  readonly targets: ReadonlyArray<Target>
  readonly notes: ReadonlyArray<string>
  readonly bundles?: ReadonlyArray<BundleFigures> | undefined
}

const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(2)} s`)
const mib = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : `${Math.round(value)} MiB`)
const ratio = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(2)}×`)

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n")

const lines = (title: string, extra: string, report: Report, rows: ReadonlyArray<Line>): string =>
  table(
    [
      title,
      `${report.ops.one} ops`,
      `${report.ops.ten.toLocaleString("en")} ops`,
      "CPU",
      "CPU (10×)",
      "peak RSS",
      "peak RSS (10×)",
      `${extra}, 1× / 10×`,
    ],
    rows.map((r) => [
      r.name,
      seconds(r.one?.ms),
      seconds(r.ten?.ms),
      seconds(r.one?.cpuMs),
      seconds(r.ten?.cpuMs),
      mib(r.one?.rssMiB),
      mib(r.ten?.rssMiB),
      `${r.one?.extra ?? "–"} / ${r.ten?.extra ?? "–"}`,
    ]),
  )

const verdict = (t: Target): string => {
  if (Number.isNaN(t.value) || Number.isNaN(t.limit)) return "not measured"
  if (t.value > t.limit) return "**not met**"
  return t.stretch !== undefined && t.value <= t.stretch ? "met, stretch met" : t.stretch !== undefined ? "met (stretch not)" : "met"
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * The browser bundle table and what it says: the SDK's overhead over the Better Auth client alone
 * ((b) − (c)), and whether unused endpoints were tree-shaken away ((b) against (b′)).
 */
export const renderBundles = (bundles: ReadonlyArray<BundleFigures>): string => {
  const find = (prefix: string) => bundles.find((b) => b.name.startsWith(prefix))
  const [app, deep, client, effectRoot, effectSubpath] = [find("(b)"), find("(b′)"), find("(c)"), find("(e)"), find("(e′)")]
  const notes = [
    "esbuild, platform browser, ESM, minified (bench/bundle.ts, the same build as test/browser/bundle.test.ts); gzip at its default level. Parts are minified bytes by origin (esbuild's bytesInOutput): generated/, the effect package, Better Auth's client (better-auth, @better-auth/*, better-call, @better-fetch, nanostores, @simplewebauthn, better-auth.client.ts), the rest.",
    ...(app !== undefined && client !== undefined
      ? [
          `The SDK's overhead over calling the Better Auth client directly, (b) − (c): ${kib(app.minified - client.minified)} minified, ${kib(app.gzip - client.gzip)} gzip; effect is ${kib(app.parts.effect)} of it.`,
        ]
      : []),
    ...(app !== undefined && deep !== undefined
      ? [
          app.generatedFiles.kept > deep.generatedFiles.kept
            ? `Tree-shaking: through the root namespace the app keeps ${app.generatedFiles.kept} of ${app.generatedFiles.of} generated files (${kib(app.parts.generated)}); importing each endpoint's module, ${deep.generatedFiles.kept} (${kib(deep.parts.generated)}).`
            : `Tree-shaking: through the root namespace the app keeps ${app.generatedFiles.kept} of ${app.generatedFiles.of} generated files, as many as with per-endpoint imports.`,
        ]
      : []),
    ...(effectRoot !== undefined && effectSubpath !== undefined
      ? [
          `The same Effect code costs ${kib(effectRoot.minified)} minified imported from \`effect\` and ${kib(effectSubpath.minified)} by subpath${
            effectRoot.minified > 1.5 * effectSubpath.minified
              ? ": esbuild keeps the modules behind the root module's namespace re-exports"
              : ""
          }.`,
        ]
      : []),
  ]
  return [
    table(
      ["bundle", "minified", "gzip", "generated/", "effect", "Better Auth client", "other", "generated files kept"],
      bundles.map((b) => [
        b.name,
        kib(b.minified),
        kib(b.gzip),
        kib(b.parts.generated),
        kib(b.parts.effect),
        kib(b.parts.betterAuth),
        kib(b.parts.other),
        b.parts.generated === 0 ? "–" : `${b.generatedFiles.kept} / ${b.generatedFiles.of}`,
      ]),
    ),
    "",
    ...notes.map((n) => `- ${n}`),
  ].join("\n")
}

/** The whole report as markdown. */
export const renderReport = (report: Report): string =>
  [
    "## Benchmark",
    "",
    ...report.context.map((c) => `- ${c}`),
    "",
    "### Headline ratios (medians of paired runs)",
    "",
    table(
      ["ratio", "measured", "target", "verdict"],
      report.targets.map((t) => [
        t.what,
        ratio(t.value),
        `≤ ${t.limit}${t.stretch === undefined ? "" : ` (stretch ≤ ${t.stretch})`}`,
        verdict(t),
      ]),
    ),
    "",
    "### Generation, whole process (median)",
    "",
    lines("generator", "output files", report, report.generation),
    "",
    "### `tsc --noEmit` over the output (median)",
    "",
    lines("output of", "tsc errors", report, report.typecheck),
    "",
    `### ${report.typecheckNative.title} (median)`,
    "",
    lines("output of", "tsc errors", report, report.typecheckNative.lines),
    "",
    ...report.notes.map((n) => `- ${n}`),
    "",
    ...(report.bundles === undefined ? [] : ["### Browser bundle size", "", renderBundles(report.bundles), ""]),
  ].join("\n")
