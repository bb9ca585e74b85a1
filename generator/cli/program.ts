/**
 * The full generate run for the CLI: run the pipeline, print the outcome, map errors to exit codes, and
 * record the run's state so that an identical next run can be answered by main.ts's fast path.
 */
import { createTwoFilesPatch } from "diff"
import * as Effect from "effect/Effect"
import { writeState } from "../write/fingerprint.ts"
import { type Action, planCounts } from "../write/plan.ts"
import { CACHE_DIR, type Flags } from "./args.ts"
import type { ResolvedConfig, TargetName } from "../config.ts"
import { type PrintedWarning, summaryLine, warningOutput } from "./summary.ts"
import { type Outcome, runGenerate } from "./run.ts"
import { warningLine } from "./warning-line.ts"

export { warningLine }

const LABEL = { create: "missing", update: "changed", delete: "stale", unchanged: "" } as const
const DIFFS = 3
const DIFF_LINES = 20

/** A short unified diff of a changed file, disk → generated. */
const shortDiff = (action: Action): string => {
  const patch = createTwoFilesPatch(
    `a/${action.path}`,
    `b/${action.path}`,
    action.before ?? "",
    action.content ?? "",
    "on disk",
    "generated",
    { context: 1 },
  )
  return patch
    .split("\n")
    .slice(1, 1 + DIFF_LINES)
    .join("\n")
}

const changeLines = (out: string, outcome: Outcome, verb: (a: Action) => string) =>
  outcome.plan.changes.map(
    (a) =>
      `  ${verb(a).padEnd(8)} ${out}/${a.path}${a.edited ? (a.recorded ? " (edited by hand)" : " (not written by the generator)") : ""}`,
  )

/** One output of the run: its target and folder, where its report goes, whether it prints the warnings. */
export interface Job {
  readonly target: TargetName
  readonly out: string
  readonly report: string | undefined
  readonly warnings: boolean
}

/**
 * Runs the whole pipeline for the parsed flags into one output (`out`, of `target`); resolves to the
 * exit code. `print` is the inputs' fingerprint, recorded on success.
 */
export const runCli = (values: Flags, config: ResolvedConfig, job: Job, started: number, print: string | undefined): Promise<number> => {
  const out = job.out
  const verbose = values.verbose && !values.quiet
  const mode = values.check ? "check" : values["dry-run"] ? "dry-run" : "write"
  const input = {
    spec: config.spec,
    overrides: config.overrides,
    overridesExplicit: config.overridesExplicit,
    builtinOverrides: config.builtinOverrides,
    templates: config.templates,
    out,
    clientModule: config.clientModule,
    serverModule: config.serverModule,
    target: job.target,
    importExtension: config.importExtension,
    formatter: config.formatter,
    identifierPrefix: config.identifierPrefix,
  }
  /** After a run that left the output up to date, remember it for the fast path. */
  const remember = (outcome: Outcome, warnings: ReadonlyArray<PrintedWarning>) =>
    Effect.promise(async () => {
      if (print === undefined) return
      const files = Object.fromEntries(outcome.plan.actions.flatMap((a) => (a.hash === undefined ? [] : [[a.path, a.hash] as const])))
      // Like the formatting cache, the run state only saves time: failing to write it is a warning.
      await writeState(CACHE_DIR, out, {
        fingerprint: print,
        files,
        endpoints: outcome.endpoints,
        skipped: outcome.skipped,
        warnings,
      }).catch(
        (error: NodeJS.ErrnoException) =>
          values.quiet ||
          console.error(
            `warning: cannot write the run state under ${CACHE_DIR} (${error.code ?? error.message}); the next run cannot take the fast path`,
          ),
      )
    })
  return Effect.runPromise(
    runGenerate({
      ...input,
      mode,
      strict: values.strict,
      force: values.force,
      report: job.report,
      typecheck: values.typecheck,
      cacheDir: CACHE_DIR,
      log: (line) => verbose && console.error(line),
      note: (line) => values.quiet || console.error(`warning: ${line}`),
    }).pipe(
      Effect.flatMap((outcome) =>
        Effect.gen(function* () {
          const warnings = outcome.warnings.map((w) => ({ code: w.code, line: warningLine(w, config.spec) }))
          if (!values.quiet && job.warnings) for (const line of warningOutput(warnings, verbose)) console.error(line)
          const ms = Math.round(performance.now() - started)
          // --typecheck: one line per error, naming the endpoint and the override or spec place to change.
          for (const line of outcome.typeErrors) console.error(`type error: ${line}`)
          if (outcome.typeErrors.length > 0)
            console.error(`${outcome.typeErrors.length} type error(s) in ${out}/ against the installed better-auth client`)
          if (mode === "check") {
            if (outcome.plan.changes.length === 0) {
              if (outcome.typeErrors.length > 0) return 1
              yield* remember(outcome, warnings)
              if (!values.quiet) console.log(`${out}/ is up to date (${outcome.plan.actions.length} files, ${ms} ms)`)
              return 0
            }
            const c = planCounts(outcome.plan)
            console.error(
              `${out}/ is not up to date: ${c.create} missing, ${c.update} changed, ${c.delete} stale (run \`bun run generate\`)`,
            )
            for (const line of changeLines(out, outcome, (a) => LABEL[a.kind])) console.error(line)
            for (const action of outcome.plan.changes.filter((a) => a.kind === "update").slice(0, DIFFS)) console.error(shortDiff(action))
            return 1
          }
          if (mode === "dry-run" || verbose)
            for (const line of changeLines(out, outcome, (a) => (mode === "dry-run" ? `would ${a.kind}` : a.kind))) console.error(line)
          // --force: name every hand edit it discarded, even with --quiet (they are gone from the disk).
          for (const f of outcome.forced)
            console.error(`${f.kind === "delete" ? "deleted" : "overwrote"} hand-edited ${out}/${f.path} (--force)`)
          if (outcome.wrote || outcome.plan.changes.length === 0) yield* remember(outcome, warnings)
          const counts = outcome.wrote || outcome.plan.changes.length === 0 ? planCounts(outcome.plan) : undefined
          if (!values.quiet)
            console.log(summaryLine({ out, endpoints: outcome.endpoints, skipped: outcome.skipped, counts, warnings: warnings.length, ms }))
          return outcome.typeErrors.length > 0 ? 1 : 0
        }),
      ),
      Effect.catchTags({
        SpecError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        OverrideErrors: (error) =>
          Effect.sync(() => {
            for (const e of error.errors) console.error(`error: ${e.toString()}`)
            const what = error.errors.every((e) => e._tag === "OverrideError")
              ? "override error(s)"
              : "error(s) in the spec or the overrides"
            console.error(`${error.errors.length} ${what}; ${out}/ left unchanged`)
            return 2
          }),
        TemplateError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        StrictWarnings: (error) =>
          Effect.sync(() => {
            for (const w of error.warnings) console.error(warningLine(w, config.spec))
            console.error(`error: ${error.toString()}; ${out}/ left unchanged`)
            return 2
          }),
        EditedFiles: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}; ${out}/ left unchanged`), 1)),
        WriteError: (error) => Effect.sync(() => (console.error(`error: cannot write ${error.toString()}; ${out}/ left as it was`), 3)),
      }),
    ),
  )
}
