/**
 * The generate command as one Effect: `generate()` (load, render, format), then plan against the disk
 * and the previous manifest, and write, or only check; the change report. Prints nothing: the outcome
 * and typed errors go back to program.ts.
 */
import { writeFile } from "node:fs/promises"
import { basename } from "node:path"
import * as Effect from "effect/Effect"
import type { FormatterName, ImportExtension, TargetName } from "../config.ts"
import { EditedFiles, OverrideErrors, type SpecError, StrictWarnings, type TemplateError, type Warning, WriteError } from "../errors.ts"
import { generate } from "../generate.ts"
import { lockOutput, waitForUnlock } from "../write/lock.ts"
import { buildManifest, type Manifest, MANIFEST_FILE, parseManifest } from "../write/manifest.ts"
import { type Plan, planCounts, planWrite } from "../write/plan.ts"
import { changeReport, type ReportInput } from "../write/report.ts"
import { typecheckOutput } from "../write/typecheck.ts"
import { applyPlan, readDisk, recoverOutput } from "../write/write.ts"
import { warningLine } from "./warning-line.ts"

export interface RunOptions {
  readonly spec: string
  readonly out: string
  /** A folder of templates replacing shipped ones by name. */
  readonly templates: string | undefined
  /** The user's overrides folder, and whether it was named explicitly (then it must exist). */
  readonly overrides: string
  readonly overridesExplicit: boolean
  /** Whether the shipped overrides apply. */
  readonly builtinOverrides: boolean
  /** The client module: an absolute path, or a package specifier. */
  readonly clientModule: string
  /** The server module (exports `authOptions`): the server output's handlers take `auth.api`'s types from it. */
  readonly serverModule?: string | undefined
  /** Which output this run writes into `out` (default the client). */
  readonly target?: TargetName | undefined
  readonly importExtension: ImportExtension
  /** Which formatter formats the output (oxfmt when undefined). */
  readonly formatter?: FormatterName | undefined
  /** What `Schema.Class` identifiers start with (`@better-auth-effect` when undefined). */
  readonly identifierPrefix?: string | undefined
  /** `write` changes the disk; `check` and `dry-run` only plan. */
  readonly mode: "write" | "check" | "dry-run"
  readonly strict: boolean
  readonly force: boolean
  /** Where to write the markdown change report, if anywhere. */
  readonly report: string | undefined
  /** Where the formatting and overrides caches and the run state live (none: no cache). */
  readonly cacheDir: string | undefined
  /** Progress lines for --verbose. */
  readonly log: (line: string) => void
  /** Type-check the output on disk against the installed client once it is up to date (`--typecheck`). */
  readonly typecheck?: boolean
  /** Problems that do not fail the run (a cache that cannot be written), printed as warnings. */
  readonly note?: ((line: string) => void) | undefined
}

export interface Outcome {
  readonly endpoints: number
  readonly skipped: number
  readonly warnings: ReadonlyArray<Warning>
  readonly plan: Plan
  /** Whether the plan was applied. */
  readonly wrote: boolean
  /** Hand-edited files that `--force` overwrote or deleted. */
  readonly forced: ReadonlyArray<Forced>
  /** `--typecheck`: one line per type error in the output (empty: it compiles, or it was not checked). */
  readonly typeErrors: ReadonlyArray<string>
}

export type RunError = SpecError | OverrideErrors | TemplateError | WriteError | EditedFiles | StrictWarnings

const writeReport = (file: string, text: string) =>
  Effect.tryPromise({
    try: () => writeFile(file, text),
    catch: (error) => new WriteError({ path: file, message: (error as Error).message }),
  })

/** The report of a run stopped before it had anything to compare: its first line says nothing was written, then why. */
const failureReport = (error: RunError, out: string): string => {
  const lines =
    error._tag === "OverrideErrors"
      ? error.errors.map(String)
      : error._tag === "StrictWarnings"
        ? error.warnings.map((w) => w.message)
        : [error.toString()]
  const what =
    error._tag === "OverrideErrors"
      ? `${lines.length} error(s) in the spec or the overrides`
      : error._tag === "WriteError"
        ? "the output folder could not be written"
        : "the input is not usable"
  return [`**Nothing was written**: ${what}; ${out}/ is unchanged.`, "", ...lines.map((l) => `- ${l}`), ""].join("\n")
}

/** Output-relative paths of hand-edited files a forced write overwrote or deleted. */
export interface Forced {
  readonly path: string
  readonly kind: "update" | "delete"
}

export const runGenerate = (options: RunOptions): Effect.Effect<Outcome, RunError> => {
  let reported = false
  const report = (input: ReportInput) => {
    reported = true
    return options.report === undefined ? Effect.void : writeReport(options.report, changeReport(input))
  }
  const run = Effect.gen(function* () {
    const started = performance.now()
    const phase = (name: string) => options.log(`${name} (${Math.round(performance.now() - started)} ms)`)
    if (options.mode === "write") yield* recoverOutput(options.out)
    const specName = basename(options.spec)
    const previousText = yield* readDisk(options.out, [MANIFEST_FILE])
    const previous: Manifest | undefined = parseManifest(previousText.get(MANIFEST_FILE) ?? "")
    const result = yield* generate({ ...options, previous })
    const warnings = result.warnings.map((warning) => ({ warning, line: warningLine(warning, options.spec) }))
    const base = { specName, previous, warnings, output: { out: options.out, target: options.target ?? ("client" as const) } }
    if (result.errors.length > 0 || result.manifest === undefined) {
      const reason = `${result.errors.length} error(s) in the spec or the overrides; ${options.out}/ is unchanged`
      yield* report({
        ...base,
        next: buildManifest(result.model, []),
        files: { create: 0, update: 0, delete: 0, unchanged: 0 },
        overrideErrors: result.errors.map(String),
        written: { ok: false, reason },
      })
      return yield* new OverrideErrors({ errors: result.errors })
    }
    const { manifest, formatted: files } = result
    const disk = yield* readDisk(options.out, [...files.map((f) => f.path), ...Object.keys(previous?.files ?? {})])
    const plan = planWrite({ files, disk, previous })
    phase(`planned ${plan.changes.length} changes`)
    const full = { ...base, next: manifest, files: planCounts(plan), overrideErrors: [] }
    // The output on disk is what this run generated only after a write, or when nothing had to change.
    const typecheck = (upToDate: boolean) =>
      options.typecheck === true && upToDate
        ? Effect.promise(() => typecheckOutput({ out: options.out, model: result.model, specName }))
        : Effect.succeed([])
    const outcome = (wrote: boolean, forced: ReadonlyArray<Forced>, typeErrors: ReadonlyArray<string>): Outcome => ({
      endpoints: result.model.endpoints.length,
      skipped: result.model.skipped.length,
      warnings: result.warnings,
      plan,
      wrote,
      forced,
      typeErrors,
    })
    if (options.strict && result.warnings.length > 0) {
      yield* report({
        ...full,
        written: { ok: false, reason: `${result.warnings.length} warning(s) with --strict; ${options.out}/ is unchanged` },
      })
      return yield* new StrictWarnings({ warnings: result.warnings })
    }
    if (options.mode !== "write") {
      yield* report({
        ...full,
        written: { ok: false, reason: options.mode === "check" ? "--check only compares" : "--dry-run only plans" },
      })
      return outcome(false, [], yield* typecheck(plan.changes.length === 0))
    }
    if (plan.conflicts.length > 0 && !options.force) {
      const reason = `${plan.conflicts.length} generated file(s) were edited by hand (${plan.conflicts.map((a) => `${options.out}/${a.path}`).join(", ")}); move the change into overrides/ or run with --force`
      yield* report({ ...full, written: { ok: false, reason } })
      return yield* new EditedFiles({
        out: options.out,
        files: plan.conflicts.filter((a) => a.recorded).map((a) => a.path),
        unrecorded: plan.conflicts.filter((a) => !a.recorded).map((a) => a.path),
      })
    }
    yield* applyPlan(options.out, plan, options.log)
    phase("written")
    const forced = plan.conflicts.map((a) => ({ path: a.path, kind: a.kind === "delete" ? ("delete" as const) : ("update" as const) }))
    yield* report({ ...full, written: { ok: true }, forced })
    phase("report written")
    const typeErrors = yield* typecheck(true)
    if (options.typecheck === true) phase(`type-checked (${typeErrors.length} errors)`)
    return outcome(true, forced, typeErrors)
  })
  // Under the output folder's lock: a writing run holds it (a second writer waits for it), a reading run
  // only waits for it, so none sees another's half-done swap.
  const locked =
    options.mode === "write"
      ? Effect.acquireUseRelease(
          lockOutput(options.out),
          () => run,
          (release) => Effect.promise(() => release().catch(() => undefined)),
        )
      : waitForUnlock(options.out).pipe(Effect.andThen(run))
  // Whatever stopped the run before a report was written (a bad spec, templates, the disk), the report says nothing was written.
  return locked.pipe(
    Effect.tapError((error) =>
      reported || options.report === undefined
        ? Effect.void
        : writeReport(options.report, failureReport(error, options.out)).pipe(Effect.ignore),
    ),
  )
}
