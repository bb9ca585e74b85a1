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
import type { FormatterName, ImportExtension } from "../config.ts"
import { withExtension } from "../model/naming.ts"
import type { EndpointDocument } from "../model/types.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "../overrides/builtin.ts"
import { loadOverridesCached } from "../overrides/cache.ts"
import { layerOverrides, type LoadOptions, NO_OVERRIDES } from "../overrides/load.ts"
import { changeReport, type ReportInput } from "../write/report.ts"
import { compileTemplates, readTemplates } from "../render/templates.ts"
import { installedPackage } from "../spec/installed.ts"
import { loadSpec } from "../spec/load.ts"
import { makeFormatter } from "../write/format.ts"
import { lockOutput, waitForUnlock } from "../write/lock.ts"
import { buildManifest, type Manifest, MANIFEST_FILE, parseManifest, withManifest } from "../write/manifest.ts"
import { type Plan, planCounts, planWrite } from "../write/plan.ts"
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
  /** Type-check the output on disk against the installed client once it is up to date (`--typecheck`). */
  readonly typecheck?: boolean
  /** Problems that do not fail the run (a cache that cannot be written), printed as warnings. */
  readonly note?: ((line: string) => void) | undefined
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
  /** Hand-edited files that `--force` overwrote or deleted. */
  readonly forced: ReadonlyArray<Forced>
  /** `--typecheck`: one line per type error in the output (empty: it compiles, or it was not checked). */
  readonly typeErrors: ReadonlyArray<string>
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

/** The report of a run stopped before it had anything to compare: its first line says nothing was written, then why. */
const failureReport = (error: RunError, out: string): string => {
  const lines = error._tag === "OverrideErrors" ? error.errors.map(String) : error._tag === "StrictWarnings" ? error.warnings.map((w) => w.message) : [error.toString()]
  const what = error._tag === "OverrideErrors" ? `${lines.length} error(s) in the spec or the overrides` : error._tag === "WriteError" ? "the output folder could not be written" : "the input is not usable"
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
    const previousText = yield* readDisk(options.out, [MANIFEST_FILE])
    const previous: Manifest | undefined = parseManifest(previousText.get(MANIFEST_FILE) ?? "")
    const documentBefore = new Map<string, EndpointDocument>((previous?.generated ?? []).flatMap((e) => (e.document === undefined ? [] : [[`${e.method} ${e.path}`, e.document] as const])))
    const result = generate({
      spec,
      overrides,
      templates: compileTemplates(templates),
      options: {
        specName,
        clientModule: clientModuleFor(options.out, options.clientModule, options.importExtension),
        importExtension: options.importExtension,
        installedVersion: installedPackage("better-auth", process.cwd())?.version,
        documentBefore: (key) => documentBefore.get(key),
      },
    })
    phase(`generated ${result.files.length} files in memory`)
    const warnings = result.warnings.map((warning) => ({ warning, line: warningLine(warning, options.spec) }))
    const base = { specName, previous, warnings }
    if (result.errors.length > 0) {
      const reason = `${result.errors.length} error(s) in the spec or the overrides; ${options.out}/ is unchanged`
      yield* report({ ...base, next: buildManifest(result.model, []), files: { create: 0, update: 0, delete: 0, unchanged: 0 }, overrideErrors: result.errors.map(String), written: { ok: false, reason } })
      return yield* new OverrideErrors({ errors: result.errors })
    }
    // Without a report to write, --strict fails before formatting anything.
    if (options.strict && result.warnings.length > 0 && options.report === undefined) return yield* new StrictWarnings({ warnings: result.warnings })

    const formatter = yield* Effect.promise(() =>
      makeFormatter({ formatter: options.formatter, configFor: join(resolve(options.out), "index.ts"), cacheFile: options.cacheDir === undefined ? undefined : join(options.cacheDir, FORMAT_CACHE) }),
    )
    const formatted = yield* Effect.promise(() => formatter.format(result.files))
    // The cache only saves time: failing to write it (a full disk, permissions) is a warning, not a failure.
    const cacheProblem = yield* Effect.promise(() =>
      formatter.save().then(
        () => undefined,
        (error: NodeJS.ErrnoException) => `cannot write the formatting cache under ${options.cacheDir ?? "?"} (${error.code ?? error.message}); the run goes on without it`,
      ),
    )
    if (cacheProblem !== undefined) (options.note ?? options.log)(cacheProblem)
    phase(`formatted (${formatter.stats().misses} by ${formatter.name}, ${formatter.stats().hits} from the cache)`)
    const { manifest, files } = withManifest(result.model, formatted)
    const disk = yield* readDisk(options.out, [...files.map((f) => f.path), ...Object.keys(previous?.files ?? {})])
    const plan = planWrite({ files, disk, previous })
    phase(`planned ${plan.changes.length} changes`)
    const full = { ...base, next: manifest, files: planCounts(plan), overrideErrors: [] }
    // The output on disk is what this run generated only after a write, or when nothing had to change.
    const typecheck = (upToDate: boolean) =>
      options.typecheck === true && upToDate ? Effect.promise(() => typecheckOutput({ out: options.out, model: result.model, specName })) : Effect.succeed([])
    const outcome = (wrote: boolean, forced: ReadonlyArray<Forced>, typeErrors: ReadonlyArray<string>): Outcome => ({ endpoints: result.model.endpoints.length, skipped: result.model.skipped.length, warnings: result.warnings, plan, wrote, forced, typeErrors })
    if (options.strict && result.warnings.length > 0) {
      yield* report({ ...full, written: { ok: false, reason: `${result.warnings.length} warning(s) with --strict; ${options.out}/ is unchanged` } })
      return yield* new StrictWarnings({ warnings: result.warnings })
    }
    if (options.mode !== "write") {
      yield* report({ ...full, written: { ok: false, reason: options.mode === "check" ? "--check only compares" : "--dry-run only plans" } })
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
      ? Effect.acquireUseRelease(lockOutput(options.out), () => run, (release) => Effect.promise(() => release().catch(() => undefined)))
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
