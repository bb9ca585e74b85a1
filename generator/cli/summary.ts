/** The summary line of a run, shared by the fast path and the full run (node builtins and text rules only). */
import { compareText } from "../text.ts"

/** The one-line summary of a run. */
export const summaryLine = (input: {
  readonly out: string
  readonly endpoints: number
  readonly skipped: number
  readonly counts: { readonly create: number; readonly update: number; readonly unchanged: number; readonly delete: number } | undefined
  readonly warnings: number
  readonly ms: number
}) => {
  const c = input.counts
  const files =
    c === undefined ? "nothing written" : `${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.delete} deleted`
  return `${input.out}/: ${input.endpoints} endpoints generated, ${input.skipped} skipped; files: ${files}; ${input.warnings} warnings; ${input.ms} ms`
}

/**
 * The warnings to print: every line with --verbose; otherwise one line counting them by code (a spec
 * with 3.0-style `nullable` alone gives a hundred), pointing at --verbose.
 */
export const warningOutput = (warnings: ReadonlyArray<PrintedWarning>, verbose: boolean): ReadonlyArray<string> => {
  if (verbose || warnings.length === 0) return warnings.map((w) => w.line)
  const counts = new Map<string, number>()
  for (const { code } of warnings) counts.set(code, (counts.get(code) ?? 0) + 1)
  const byCode = [...counts].sort(([a], [b]) => compareText(a, b)).map(([code, n]) => `${n} ${code}`)
  return [`${warnings.length} warnings: ${byCode.join(", ")} (--verbose lists each with its operation and JSON pointer)`]
}

/** A warning as the CLI prints it, its code kept beside the line (the run state stores these). */
export interface PrintedWarning {
  readonly code: string
  readonly line: string
}
