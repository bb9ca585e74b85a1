/**
 * The generate command as one Effect: load spec and templates, generate in memory, format, write.
 */
import { basename, join, relative, resolve } from "node:path"
import { Data, Effect } from "effect"
import { type OverrideError, type SpecError, TemplateError, type Warning, type WriteError } from "../errors.ts"
import { loadOverrides } from "../overrides/load.ts"
import { generate } from "../generate.ts"
import { compileTemplates, readTemplates } from "../render/templates.ts"
import { loadSpec } from "../spec/load.ts"
import { makeFormatter } from "../write/format.ts"
import { writeTree } from "../write/write.ts"

export interface RunOptions {
  readonly spec: string
  readonly out: string
  readonly templates: string
  readonly overrides: string
  readonly config: string
}

/** Every override fault of a run, reported together. */
export class OverrideErrors extends Data.TaggedError("OverrideErrors")<{ readonly errors: ReadonlyArray<OverrideError | SpecError> }> {}

export interface Summary {
  readonly endpoints: number
  readonly skipped: number
  readonly files: number
  readonly warnings: ReadonlyArray<Warning>
}

/** The import specifier of the config module as seen from `<out>/_runtime/client.ts`. */
export const configModuleFor = (out: string, config: string): string => {
  const rel = relative(join(resolve(out), "_runtime"), resolve(config)).split("\\").join("/")
  return rel.startsWith(".") ? rel : `./${rel}`
}

export const runGenerate = (options: RunOptions): Effect.Effect<Summary, SpecError | OverrideErrors | TemplateError | WriteError> =>
  Effect.gen(function* () {
    const spec = yield* loadSpec(options.spec)
    const overrides = yield* loadOverrides(options.overrides).pipe(Effect.mapError((errors) => new OverrideErrors({ errors })))
    const templates = yield* Effect.tryPromise({
      try: () => readTemplates(options.templates),
      catch: (error) => new TemplateError({ dir: options.templates, message: `cannot read templates (${(error as Error).message})` }),
    })
    const result = generate({
      spec,
      overrides,
      templates: compileTemplates(templates),
      options: { specName: basename(options.spec), configModule: configModuleFor(options.out, options.config) },
    })
    if (result.errors.length > 0) return yield* new OverrideErrors({ errors: result.errors })
    const format = yield* Effect.promise(() => makeFormatter(join(resolve(options.out), "index.ts")))
    const files = yield* Effect.promise(() => Promise.all(result.files.map(format)))
    yield* writeTree(options.out, files)
    return { endpoints: result.model.endpoints.length, skipped: result.model.skipped.length, files: files.length, warnings: result.warnings }
  })

