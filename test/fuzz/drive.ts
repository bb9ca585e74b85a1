/**
 * Runs the property over many cases: fast-check draws the cases (shrinking any that crash), accepted
 * outputs are written below `dir`, one folder per distinct output, and type-checked together in batches
 * (one compiler program per batch, not one per case).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { typeErrors, writeTree } from "../support/typecheck.ts"
import { type Case, caseArbitrary, checkedFiles, LOCATED, makePipeline, materialize, realInputs, runCase } from "./property.ts"

export interface FuzzReport {
  readonly runs: number
  readonly accepted: number
  readonly rejected: number
  /** Distinct accepted outputs that were type-checked. */
  readonly checked: number
  /** The third outcome: a crash, or an error line that names no place (fast-check's report, shrunk). */
  readonly failure: string | undefined
  /** Compiler errors in accepted outputs, each with the case that produced it. */
  readonly typeErrors: ReadonlyArray<string>
}

export const fuzz = async (options: {
  readonly runs: number
  readonly seed: number
  readonly dir: string
  readonly batch?: number
  readonly log?: (line: string) => void
}): Promise<FuzzReport> => {
  const input = realInputs()
  const pipeline = await makePipeline(join(options.dir, "out"))
  const pending = new Map<string, { readonly files: ReadonlyArray<readonly [string, string]>; readonly c: Case }>()
  const errors: Array<string> = []
  let accepted = 0
  let rejected = 0
  let checked = 0
  let folder = 0
  const flush = () => {
    if (pending.size === 0) return
    const dirs = [...pending.values()].map(({ files, c }) => {
      const dir = join(options.dir, `case-${folder++}`)
      writeTree(dir, files)
      writeFileSync(join(dir, "case.json"), JSON.stringify(c))
      return dir
    })
    errors.push(...typeErrors(dirs))
    checked += pending.size
    options.log?.(`type-checked ${checked} distinct outputs, ${errors.length} errors`)
    pending.clear()
  }
  const seen = new Set<string>()
  mkdirSync(options.dir, { recursive: true })
  const property = fc.asyncProperty(caseArbitrary, async (c) => {
    const outcome = await runCase(pipeline, materialize(input, c))
    if (outcome.kind === "rejected") {
      rejected++
      const unlocated = outcome.errors.filter((e) => !LOCATED.test(e))
      if (outcome.errors.length === 0 || unlocated.length > 0)
        throw new Error(`rejected without a located error: ${JSON.stringify(outcome.errors)}`)
      return
    }
    accepted++
    const { kept, key } = checkedFiles(outcome.files)
    if (seen.has(key)) return
    seen.add(key)
    pending.set(key, { files: kept, c })
    if (pending.size >= (options.batch ?? 400)) flush()
  })
  const details = await fc.check(property, { numRuns: options.runs, seed: options.seed, endOnFailure: true })
  flush()
  return {
    runs: details.numRuns,
    accepted,
    rejected,
    checked,
    failure: details.failed
      ? `${fc.defaultReportMessage(details)}\n${details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance)}`
      : undefined,
    typeErrors: errors,
  }
}
