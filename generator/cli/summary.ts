/** The summary line of a run, shared by the fast path and the full run (no dependencies). */

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
  const files = c === undefined ? "nothing written" : `${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.delete} deleted`
  return `${input.out}/: ${input.endpoints} endpoints generated, ${input.skipped} skipped; files: ${files}; ${input.warnings} warnings; ${input.ms} ms`
}

