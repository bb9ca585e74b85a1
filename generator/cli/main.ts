/**
 * `bun run generate`: argv → options (node:util parseArgs), run the pipeline, print the outcome and map
 * errors to exit codes. No generation logic lives here.
 */
import { parseArgs } from "node:util"
import { createTwoFilesPatch } from "diff"
import { Effect } from "effect"
import type { Warning } from "../errors.ts"
import { operationOf } from "../spec/pointer.ts"
import type { Action } from "../write/plan.ts"
import { type Outcome, planCounts, runGenerate } from "./run.ts"

const HELP = `Generate the Effect SDK from the Better Auth OpenAPI document.

usage: bun run generate [-- options]

  --spec FILE         the OpenAPI document (default better-auth-api-spec.json)
  --overrides DIR     override YAML files (default overrides)
  --out DIR           the output folder (default generated)
  --templates DIR     templates that replace shipped ones by name (handler.hbs, runtime/client.hbs, ...)
  --config FILE       the Better Auth config module the runtime imports (default better-auth.config.ts)
  --check             write nothing; exit 1 and list missing, changed and stale files if the output is not up to date
  --dry-run           write nothing; list what would be created, updated and deleted
  --strict            warnings are errors
  --force             overwrite generated files that were edited by hand
  --report FILE       write a markdown change report for the upgrade PR
  --quiet             print errors only
  --verbose           print each phase and each file change
  --help              this text

exit codes: 0 ok, 1 check failed or hand-edited files in the way, 2 bad input (spec, overrides,
templates, flags, warnings with --strict), 3 the output folder cannot be written`

const OPTIONS = {
  spec: { type: "string", default: "better-auth-api-spec.json" },
  overrides: { type: "string", default: "overrides" },
  out: { type: "string", default: "generated" },
  templates: { type: "string" },
  config: { type: "string", default: "better-auth.config.ts" },
  check: { type: "boolean", default: false },
  "dry-run": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  report: { type: "string" },
  quiet: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const

const LABEL = { create: "missing", update: "changed", delete: "stale", unchanged: "" } as const
const DIFFS = 3
const DIFF_LINES = 20

const warningLine = (w: Warning, spec: string) => {
  const operation = operationOf(w.at)
  return `warning[${w.code}] ${operation === undefined ? "" : `${operation} `}${w.file ?? spec}${w.at}: ${w.message}`
}

/** A short unified diff of a changed file, disk → generated. */
const shortDiff = (action: Action): string => {
  const patch = createTwoFilesPatch(`a/${action.path}`, `b/${action.path}`, action.before ?? "", action.content ?? "", "on disk", "generated", { context: 1 })
  const lines = patch.split("\n").slice(1, 1 + DIFF_LINES)
  return lines.join("\n")
}

const changeLines = (out: string, outcome: Outcome, verb: (a: Action) => string) =>
  outcome.plan.changes.map((a) => `  ${verb(a).padEnd(8)} ${out}/${a.path}${a.edited ? " (edited by hand)" : ""}`)

const summary = (outcome: Outcome, ms: number, out: string) => {
  const c = planCounts(outcome.plan)
  const files = outcome.wrote || outcome.plan.changes.length === 0 ? `${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.delete} deleted` : "nothing written"
  return `${out}/: ${outcome.endpoints} endpoints generated, ${outcome.skipped} skipped; files: ${files}; ${outcome.warnings.length} warnings; ${ms} ms`
}

const main = async (): Promise<number> => {
  let values
  try {
    values = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    console.error(`error: ${(error as Error).message} (see --help)`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  if (values.check && values["dry-run"]) {
    console.error("error: --check and --dry-run exclude each other (see --help)")
    return 2
  }
  const out = values.out
  const started = performance.now()
  const verbose = values.verbose && !values.quiet
  const mode = values.check ? "check" : values["dry-run"] ? "dry-run" : "write"
  return Effect.runPromise(
    runGenerate({
      spec: values.spec,
      out,
      templates: values.templates,
      overrides: values.overrides,
      config: values.config,
      mode,
      strict: values.strict,
      force: values.force,
      report: values.report,
      log: (line) => verbose && console.error(line),
    }).pipe(
      Effect.map((outcome) => {
        if (!values.quiet) for (const w of outcome.warnings) console.error(warningLine(w, values.spec))
        const ms = Math.round(performance.now() - started)
        if (mode === "check") {
          if (outcome.plan.changes.length === 0) {
            if (!values.quiet) console.log(`${out}/ is up to date (${outcome.plan.actions.length} files, ${ms} ms)`)
            return 0
          }
          const c = planCounts(outcome.plan)
          console.error(`${out}/ is not up to date: ${c.create} missing, ${c.update} changed, ${c.delete} stale (run \`bun run generate\`)`)
          for (const line of changeLines(out, outcome, (a) => LABEL[a.kind])) console.error(line)
          for (const action of outcome.plan.changes.filter((a) => a.kind === "update").slice(0, DIFFS)) console.error(shortDiff(action))
          return 1
        }
        if (mode === "dry-run" || verbose) for (const line of changeLines(out, outcome, (a) => (mode === "dry-run" ? `would ${a.kind}` : a.kind))) console.error(line)
        if (!values.quiet) console.log(summary(outcome, ms, out))
        return 0
      }),
      Effect.catchTags({
        SpecError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        OverrideErrors: (error) =>
          Effect.sync(() => {
            for (const e of error.errors) console.error(`error: ${e.toString()}`)
            console.error(`${error.errors.length} override error(s); ${out}/ left unchanged`)
            return 2
          }),
        TemplateError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        StrictWarnings: (error) =>
          Effect.sync(() => {
            for (const w of error.warnings) console.error(warningLine(w, values.spec))
            console.error(`error: ${error.toString()}; ${out}/ left unchanged`)
            return 2
          }),
        EditedFiles: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}; ${out}/ left unchanged`), 1)),
        WriteError: (error) => Effect.sync(() => (console.error(`error: cannot write ${error.toString()}; ${out}/ left as it was`), 3)),
      }),
    ),
  )
}

process.exitCode = await main()
