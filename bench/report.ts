/**
 * Renders the benchmark's figures as markdown: the context (date, machine, versions), the medians of
 * generation and `tsc`, and the headline ratios against the targets of the performance issue.
 */

export interface Figures {
  readonly ms: number
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

export interface Report {
  readonly context: ReadonlyArray<string>
  readonly ops: { readonly one: number; readonly ten: number }
  readonly generation: ReadonlyArray<Line>
  readonly typecheck: ReadonlyArray<Line>
  readonly targets: ReadonlyArray<Target>
  readonly notes: ReadonlyArray<string>
}

const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(2)} s`)
const mib = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : `${Math.round(value)} MiB`)
const ratio = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(2)}×`)

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n")

const lines = (title: string, extra: string, report: Report, rows: ReadonlyArray<Line>): string =>
  table(
    [title, `${report.ops.one} ops`, `${report.ops.ten.toLocaleString("en")} ops`, "peak RSS", "peak RSS (10×)", `${extra}, 1× / 10×`],
    rows.map((r) => [r.name, seconds(r.one?.ms), seconds(r.ten?.ms), mib(r.one?.rssMiB), mib(r.ten?.rssMiB), `${r.one?.extra ?? "–"} / ${r.ten?.extra ?? "–"}`]),
  )

const verdict = (t: Target): string => {
  if (Number.isNaN(t.value) || Number.isNaN(t.limit)) return "not measured"
  if (t.value > t.limit) return "**not met**"
  return t.stretch !== undefined && t.value <= t.stretch ? "met, stretch met" : t.stretch !== undefined ? "met (stretch not)" : "met"
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
      report.targets.map((t) => [t.what, ratio(t.value), `≤ ${t.limit}${t.stretch === undefined ? "" : ` (stretch ≤ ${t.stretch})`}`, verdict(t)]),
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
    ...report.notes.map((n) => `- ${n}`),
    "",
  ].join("\n")
