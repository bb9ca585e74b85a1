/**
 * generated/COVERAGE.md from the manifest, what the suite exercised and the not-exercised reasons:
 * deterministic (sorted, no timestamps), so a rerun gives the same bytes.
 */
export interface Manifest {
  readonly generated: ReadonlyArray<{ readonly method: string; readonly path: string; readonly folder: string }>
  readonly skipped: ReadonlyArray<{ readonly method: string; readonly path: string; readonly reason: string }>
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ")

export const endpointKey = (endpoint: { readonly method: string; readonly path: string }) => `${endpoint.method} ${endpoint.path}`

export const renderCoverage = (manifest: Manifest, exercised: ReadonlySet<string>, reasons: Readonly<Record<string, string>>) => {
  const generated = manifest.generated.map((e) => ({ key: endpointKey(e), method: e.method, path: e.path, sdk: `\`${e.folder}\``, live: "" }))
  for (const row of generated) row.live = exercised.has(row.key) ? "exercised" : `not exercised: ${reasons[row.key] ?? "(no reason recorded)"}`
  const skipped = manifest.skipped.map((e) => ({ key: endpointKey(e), method: e.method, path: e.path, sdk: `skipped: ${e.reason}`, live: "—" }))
  const rows = [...generated, ...skipped].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1))
  const hit = generated.filter((row) => exercised.has(row.key)).length
  const percent = ((100 * hit) / generated.length).toFixed(1)
  return [
    `# Live conformance: ${percent}% of client-callable endpoints exercised (${hit} of ${generated.length})`,
    "",
    "Written by `npx vitest run test/conformance` (test/conformance/coverage.check.ts); do not edit. An endpoint",
    "counts as exercised when its generated handler succeeded against the in-process Better Auth server (memory",
    "adapter, the plugins of better-auth.config.ts) and the answer decoded with no field dropped. The reasons for",
    "the others are kept in test/conformance/support/not-exercised.ts; skipped endpoints are not generated (see",
    `manifest.json). ${manifest.generated.length} generated, ${manifest.skipped.length} skipped, ${rows.length} endpoints in the spec.`,
    "",
    "| endpoint | SDK | live |",
    "|---|---|---|",
    ...rows.map((row) => `| \`${row.method} ${row.path}\` | ${cell(row.sdk)} | ${cell(row.live)} |`),
    "",
  ].join("\n")
}
