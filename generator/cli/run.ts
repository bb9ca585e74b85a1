/**
 * The generate command as one Effect: load spec, overrides and templates; generate in memory; format;
 * plan against the disk and the previous manifest; then write, or only check. Prints nothing: the
 * outcome and typed errors go back to main.ts.
 */
import { writeFile } from "node:fs/promises"
import { basename, isAbsolute, join, relative, resolve } from "node:path"
import { Data, Effect } from "effect"
import { EditedFiles, type OverrideError, type SpecError, StrictWarnings, TemplateError, type Warning, WriteError } from "../errors.ts"
import { generate } from "../generate.ts"
import { type ImportExtension, withExtension } from "../model/naming.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "../overrides/builtin.ts"
import { loadOverridesCached } from "../overrides/cache.ts"
import { layerOverrides, type LoadOptions, NO_OVERRIDES } from "../overrides/load.ts"
import { changeReport } from "../render/report.ts"
import { compileTemplates, readTemplates } from "../render/templates.ts"
import { loadSpec } from "../spec/load.ts"
import { type FormatterName, makeFormatter } from "../write/format.ts"
import { buildManifest, type Manifest, MANIFEST_FILE, parseManifest, withManifest } from "../write/manifest.ts"
import { type Plan, planCounts, planWrite } from "../write/plan.ts"
import { applyPlan, readDisk, recoverOutput } from "../write/write.ts"

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
  readonly importExtension: ImportExtension
  /** Which formatter formats the output (oxfmt when undefined). */
  readonly formatter?: FormatterName | undefined
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
}

/** Every override fault of a run, reported together. */
export class OverrideErrors extends Data.TaggedError("OverrideErrors")<{ readonly errors: ReadonlyArray<OverrideError | SpecError> }> {}

export interface Outcome {
  readonly endpoints: number
  readonly skipped: number
  readonly warnings: ReadonlyArray<Warning>
  readonly plan: Plan
  /** Whether the plan was applied. */
  readonly wrote: boolean
}

/** The formatting cache, inside the cache folder. */
export const FORMAT_CACHE = "format.json"

export type RunError = SpecError | OverrideErrors | TemplateError | WriteError | EditedFiles | StrictWarnings

/**
 * The import specifier of the client module as seen from `<out>/_runtime/client.ts`: a package
 * specifier as it is, a file relative to the output folder (wherever that is) in the chosen style.
 */
export const clientModuleFor = (out: string, clientModule: string, extension: ImportExtension): string => {
  if (!isAbsolute(clientModule)) return clientModule
  const rel = relative(join(resolve(out), "_runtime"), clientModule).split("\\").join("/")
  return withExtension(rel.startsWith(".") ? rel : `./${rel}`, extension)
}

const writeReport = (file: string, text: string) =>
  Effect.tryPromise({ try: () => writeFile(file, text), catch: (error) => new WriteError({ path: file, message: (error as Error).message }) })

export const runGenerate = (options: RunOptions): Effect.Effect<Outcome, RunError> =>
  Effect.gen(function* () {
    const started = performance.now()
    const phase = (name: string) => options.log(`${name} (${Math.round(performance.now() - started)} ms)`)
    if (options.mode === "write") yield* recoverOutput(options.out)
    const spec = yield* loadSpec(options.spec)
    const loadLayer = (dir: string, layer: LoadOptions) =>
      loadOverridesCached(dir, layer, options.cacheDir).pipe(Effect.mapError((errors) => new OverrideErrors({ errors })))
    const builtin = options.builtinOverrides ? yield* loadLayer(BUILTIN_OVERRIDES, { builtin: true, label: BUILTIN_LABEL }) : NO_OVERRIDES
    const user = yield* loadLayer(options.overrides, { required: options.overridesExplicit })
    const overrides = layerOverrides(builtin, user)
    const templates = yield* Effect.tryPromise({
      try: () => readTemplates(options.templates),
      catch: (error) => new TemplateError({ dir: options.templates ?? "templates", message: `cannot read templates (${(error as Error).message})` }),
    })
    phase("loaded spec, overrides and templates")
    const specName = basename(options.spec)
    const result = generate({
      spec,
      overrides,
      templates: compileTemplates(templates),
      options: { specName, clientModule: clientModuleFor(options.out, options.clientModule, options.importExtension), importExtension: options.importExtension },
    })
    phase(`generated ${result.files.length} files in memory`)
    const previousText = yield* readDisk(options.out, [MANIFEST_FILE])
    const previous: Manifest | undefined = parseManifest(previousText.get(MANIFEST_FILE) ?? "")
    if (result.errors.length > 0) {
      if (options.report !== undefined) {
        const next = buildManifest(result.model, [])
        const overrideErrors = result.errors.map(String)
        yield* writeReport(options.report, changeReport({ specName, previous, next, files: { create: 0, update: 0, delete: 0, unchanged: 0 }, overrideErrors }))
      }
      return yield* new OverrideErrors({ errors: result.errors })
    }
    if (options.strict && result.warnings.length > 0) return yield* new StrictWarnings({ warnings: result.warnings })

    const formatter = yield* Effect.promise(() =>
      makeFormatter({ formatter: options.formatter, configFor: join(resolve(options.out), "index.ts"), cacheFile: options.cacheDir === undefined ? undefined : join(options.cacheDir, FORMAT_CACHE) }),
    )
    const formatted = yield* Effect.promise(() => formatter.format(result.files))
    yield* Effect.promise(() => formatter.save())
    phase(`formatted (${formatter.stats().misses} by ${formatter.name}, ${formatter.stats().hits} from the cache)`)
    const { manifest, files } = withManifest(result.model, formatted)
    const disk = yield* readDisk(options.out, [...files.map((f) => f.path), ...Object.keys(previous?.files ?? {})])
    const plan = planWrite({ files, disk, previous })
    phase(`planned ${plan.changes.length} changes`)
    if (options.report !== undefined) yield* writeReport(options.report, changeReport({ specName, previous, next: manifest, files: planCounts(plan), overrideErrors: [] }))
    if (options.mode !== "write") return { endpoints: result.model.endpoints.length, skipped: result.model.skipped.length, warnings: result.warnings, plan, wrote: false }
    if (plan.conflicts.length > 0 && !options.force) return yield* new EditedFiles({ out: options.out, files: plan.conflicts.map((a) => a.path) })
    yield* applyPlan(options.out, plan, options.log)
    phase("written")
    return { endpoints: result.model.endpoints.length, skipped: result.model.skipped.length, warnings: result.warnings, plan, wrote: true }
  })

