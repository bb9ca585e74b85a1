/**
 * `bun run generate`: argv → options, run the pipeline, print a summary. User faults print one line and
 * exit 2; warnings go to stderr. No generation logic lives here.
 */
import { parseArgs } from "node:util"
import { Effect } from "effect"
import { runGenerate } from "./run.ts"

const USAGE = `usage: bun run generate [--spec better-auth-api-spec.json] [--out generated] [--templates templates] [--overrides overrides] [--config better-auth.config.ts] [--quiet]`

const main = async (): Promise<number> => {
  let values
  try {
    values = parseArgs({
      options: {
        spec: { type: "string", default: "better-auth-api-spec.json" },
        out: { type: "string", default: "generated" },
        templates: { type: "string", default: "templates" },
        overrides: { type: "string", default: "overrides" },
        config: { type: "string", default: "better-auth.config.ts" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const started = performance.now()
  const exit = await Effect.runPromise(
    runGenerate({ spec: values.spec, out: values.out, templates: values.templates, overrides: values.overrides, config: values.config }).pipe(
      Effect.map((summary) => {
        for (const w of summary.warnings) if (!values.quiet) console.error(`warning[${w.code}] ${w.file ?? values.spec}${w.at}: ${w.message}`)
        const ms = Math.round(performance.now() - started)
        console.log(
          `generated ${summary.endpoints} endpoints (${summary.skipped} skipped, see ${values.out}/manifest.json), ${summary.files} files written to ${values.out}/, ${summary.warnings.length} warnings, ${ms} ms`,
        )
        return 0
      }),
      Effect.catchTags({
        SpecError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        OverrideErrors: (error) =>
          Effect.sync(() => {
            for (const e of error.errors) console.error(`error: ${e.toString()}`)
            console.error(`${error.errors.length} override error(s); ${values.out}/ left unchanged`)
            return 2
          }),
        TemplateError: (error) => Effect.sync(() => (console.error(`error: ${error.toString()}`), 2)),
        WriteError: (error) => Effect.sync(() => (console.error(`error: cannot write ${error.toString()}`), 2)),
      }),
    ),
  )
  return exit
}

process.exitCode = await main()
