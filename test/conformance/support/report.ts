/**
 * generated/COVERAGE.md from the manifest, what the suite exercised on each storage and the not-exercised
 * reasons: deterministic (sorted, no timestamps), so a rerun gives the same bytes.
 */
import { type FieldCounts, type Storage, STORAGES } from "./records.ts"

export interface Manifest {
  readonly generated: ReadonlyArray<{ readonly method: string; readonly path: string; readonly folder: string }>
  readonly skipped: ReadonlyArray<{ readonly method: string; readonly path: string; readonly reason: string }>
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ")

export const endpointKey = (endpoint: { readonly method: string; readonly path: string }) => `${endpoint.method} ${endpoint.path}`

const STORAGE_NAMES: Readonly<Record<Storage, string>> = { memory: "memory", sqlite: "SQLite", postgres: "PostgreSQL" }

/** The Success fields' contract (optional, nullable), their evidence, and why loose ones stay loose. */
export interface LooseFields {
  readonly fields: ReadonlyMap<string, { readonly optional: boolean; readonly nullable: boolean }>
  readonly evidence: Readonly<Record<string, FieldCounts>>
  readonly reasons: Readonly<Record<string, string>>
}

/** Every optional or nullable Success field with how often it was absent and null, sorted by id. */
const looseSection = ({ fields, evidence, reasons }: LooseFields): ReadonlyArray<string> => {
  const rows = [...fields]
    .filter(([, facts]) => facts.optional || facts.nullable)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, facts]) => {
      const counts = evidence[id]
      const allows = [...(facts.optional ? ["optional"] : []), ...(facts.nullable ? ["nullable"] : [])].join(", ")
      const seen = counts === undefined ? "0 | — | —" : `${counts.seen} | ${counts.absent} | ${counts.null}`
      const note = counts === undefined || counts.seen === 0 ? "no answer seen" : (reasons[id] ?? "")
      return `| \`${cell(id)}\` | ${allows} | ${seen} | ${cell(note)} |`
    })
  const seen = [...fields].filter(([id, facts]) => (facts.optional || facts.nullable) && (evidence[id]?.seen ?? 0) > 0).length
  return [
    "## Optional and nullable Success fields",
    "",
    "Every Success field the contracts let be absent or null, with how many answers (all storages, all flows)",
    "carried its parent object and how often the field was absent or null in them. A field never absent is",
    "required, and one never null is non-null, unless the note (test/conformance/support/loose-fields.ts) says",
    `why not; coverage.check.ts enforces it. ${rows.length} fields, ${seen} of them seen in answers.`,
    "",
    "| field | contract | answers | absent | null | note |",
    "|---|---|---|---|---|---|",
    ...rows,
  ]
}

/** One row per endpoint of the spec: generated ones with where they were exercised, skipped ones with why. */
const endpointTable = (
  manifest: Manifest,
  exercised: Readonly<Record<Storage, ReadonlySet<string>>>,
  reasons: Readonly<Record<string, string>>,
  column: string,
) => {
  const everywhere = (key: string) => STORAGES.every((storage) => exercised[storage].has(key))
  const generated = manifest.generated.map((e) => {
    const key = endpointKey(e)
    const cells = STORAGES.map((storage) => (exercised[storage].has(key) ? "exercised" : "—"))
    const note = everywhere(key) ? "" : `not exercised: ${reasons[key] ?? "(no reason recorded)"}`
    return { key, method: e.method, path: e.path, sdk: `\`${e.folder}\``, cells, note }
  })
  const skipped = manifest.skipped.map((e) => ({
    key: endpointKey(e),
    method: e.method,
    path: e.path,
    sdk: `skipped: ${e.reason}`,
    cells: STORAGES.map(() => "—"),
    note: "",
  }))
  const rows = [...generated, ...skipped].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1))
  const hit = generated.filter((row) => everywhere(row.key)).length
  const names = STORAGES.map((storage) => STORAGE_NAMES[storage])
  return {
    hit,
    percent: ((100 * hit) / generated.length).toFixed(1),
    names,
    count: rows.length,
    lines: [
      `| endpoint | ${column} | ${names.join(" | ")} | note |`,
      `|---|---|${names.map(() => "---|").join("")}---|`,
      ...rows.map((row) => `| \`${row.method} ${row.path}\` | ${cell(row.sdk)} | ${row.cells.join(" | ")} | ${cell(row.note)} |`),
    ],
  }
}

export const renderCoverage = (
  manifest: Manifest,
  exercised: Readonly<Record<Storage, ReadonlySet<string>>>,
  reasons: Readonly<Record<string, string>>,
  loose: LooseFields,
) => {
  const table = endpointTable(manifest, exercised, reasons, "SDK")
  return [
    `# Live conformance: ${table.percent}% of client-callable endpoints exercised on ${table.names.join(", ")} (${table.hit} of ${manifest.generated.length})`,
    "",
    "Written by `npx vitest run test/conformance` (test/conformance/coverage.check.ts); do not edit. An endpoint",
    "counts as exercised on a storage when its generated handler succeeded against the in-process Better Auth",
    "server (the plugins of better-auth.config.ts) on that storage and the answer decoded with no field dropped:",
    "the memory adapter, SQLite (better-sqlite3) and PostgreSQL (PGlite), the SQL schemas created by Better Auth's",
    "migrations. The reasons for the others are kept in test/conformance/support/not-exercised.ts; skipped",
    `endpoints are not generated (see manifest.json). ${manifest.generated.length} generated, ${manifest.skipped.length} skipped, ${table.count} endpoints in the spec.`,
    "",
    ...table.lines,
    "",
    ...looseSection(loose),
    "",
  ].join("\n")
}

/** generated-server/COVERAGE.md: the served endpoints, exercised through the derived HttpApiClient. */
export const renderServerCoverage = (
  manifest: Manifest,
  exercised: Readonly<Record<Storage, ReadonlySet<string>>>,
  reasons: Readonly<Record<string, string>>,
) => {
  const table = endpointTable(manifest, exercised, reasons, "served as")
  return [
    `# Live conformance of the server target: ${table.percent}% of served endpoints exercised on ${table.names.join(", ")} (${table.hit} of ${manifest.generated.length})`,
    "",
    "Written by `npx vitest run test/conformance` (test/conformance/server-coverage.check.ts); do not edit. The",
    "conformance flows run once more per storage with every request to a served endpoint sent through the",
    "`HttpApiClient` derived from `api.ts`, with the browser's cookies, to the `HttpApi` of `server.ts` served",
    "in-process in front of the same Better Auth (test/support/bridge.ts). An endpoint counts as exercised on a",
    "storage when that call succeeded there: the payload encoded and decoded by the contract on both sides, Better",
    "Auth's answer decoded as `Success` by the server and again by the client. The reasons for the others are",
    "those of the client target (test/conformance/support/not-exercised.ts); skipped endpoints are not served",
    `(see manifest.json). ${manifest.generated.length} served, ${manifest.skipped.length} skipped, ${table.count} endpoints in the spec.`,
    "",
    ...table.lines,
    "",
  ].join("\n")
}
