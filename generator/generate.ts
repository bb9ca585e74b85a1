/**
 * The pipeline's one entry, used by the CLI and every test: `generate(options)` loads the spec, the
 * overrides (shipped, then the user's) and the templates, renders the SDK, formats it and adds the
 * manifest. It never writes the output or prints: planning and writing are the CLI's, with write/.
 * `renderSdk` is its pure core (spec + overrides + templates → unformatted files). The output is
 * canonical: the document's and the overrides' keys are sorted first, so the same content in another
 * key order gives the same bytes.
 */
import { basename, isAbsolute, join, relative, resolve } from "node:path"
import * as Effect from "effect/Effect"
import { DEFAULT_IDENTIFIER_PREFIX, type FormatterName, type ImportExtension, type TargetName } from "./config.ts"
import { OverrideErrors, type OverrideError, type SpecError, TemplateError, type Warning } from "./errors.ts"
import { RUNTIME_FOLDER, withExtension } from "./model/naming.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "./overrides/builtin.ts"
import { loadOverridesCached } from "./overrides/cache.ts"
import { layerOverrides, type LoadedOverrides, type LoadOptions, NO_OVERRIDES } from "./overrides/load.ts"
import { compileTemplates, readTemplates } from "./render/templates.ts"
import { installedPackage } from "./spec/installed.ts"
import { loadSpec } from "./spec/load.ts"
import { makeFormatter } from "./write/format.ts"
import { type Manifest, withManifest } from "./write/manifest.ts"
import { buildModel } from "./model/build.ts"
import type { EndpointDocument, Model } from "./model/types.ts"
import type { RenderedFile, Target } from "./render/target.ts"
import { clientTarget } from "./render/targets/client/views.ts"
import { serverTarget } from "./render/targets/server/views.ts"
import type { Templates } from "./render/templates.ts"
import { checkProvenance } from "./spec/provenance.ts"
import { sortKeys } from "./spec/stable-json.ts"
import type { OpenApiDocument } from "./spec/types.ts"

export interface GenerateInput {
  readonly spec: OpenApiDocument
  readonly overrides: LoadedOverrides
  readonly templates: Templates
  readonly options: {
    /** The spec's file name, shown in every file's banner. */
    readonly specName: string
    /** Import specifier of the client module (exports `clientPlugins`) from `<out>/_runtime/client.ts`. */
    readonly clientModule: string
    /** Import specifier of the server module (exports `authOptions`) from `<out>/_runtime/server.ts` (server target). */
    readonly serverModule?: string | undefined
    /** Which output to render (default the client). */
    readonly target?: TargetName | undefined
    /** How relative import specifiers end. */
    readonly importExtension: ImportExtension
    /** What `Schema.Class` identifiers start with (default `@better-auth-effect`; `""` for none). */
    readonly identifierPrefix?: string | undefined
    /** The installed better-auth version, compared with the one the spec was exported from. */
    readonly installedVersion?: string | undefined
    /** What the previous run recorded of overridden endpoints' document schemas, to report override drift. */
    readonly documentBefore?: ((endpoint: string) => EndpointDocument | undefined) | undefined
  }
}

export interface GenerateResult {
  readonly files: ReadonlyArray<RenderedFile>
  readonly warnings: ReadonlyArray<Warning>
  /** The model as the target's output records it: what it serves, what it skips and why. */
  readonly model: Model
  /** Spec and override faults (and layout collisions in the spec); when non-empty, `files` must not be written. */
  readonly errors: ReadonlyArray<OverrideError | SpecError>
}

/** The overrides with every object's keys sorted: their YAML key order must not order the output. */
const canonicalOverrides = (overrides: LoadedOverrides): LoadedOverrides => ({
  endpoints: overrides.endpoints.map((o) => ({ ...o, override: sortKeys(o.override) })),
  defaults: overrides.defaults.map((d) => ({ ...d, defaults: sortKeys(d.defaults) })),
})

const TARGETS: Readonly<Record<TargetName, Target>> = { client: clientTarget, server: serverTarget }

/** Renders the whole SDK in memory: unformatted TypeScript (the manifest is added once formatted). */
export const renderSdk = (input: GenerateInput): GenerateResult => {
  const spec = sortKeys(input.spec)
  const provenance = checkProvenance(spec, { file: input.options.specName, installed: input.options.installedVersion })
  const warnings: Array<Warning> = [...provenance.warnings]
  const built = buildModel(spec, {
    overrides: canonicalOverrides(input.overrides),
    specName: input.options.specName,
    warn: (w) => warnings.push(w),
    documentBefore: input.options.documentBefore,
  })
  const model: Model = { ...built.model, source: provenance.provenance, errorCodes: provenance.errorCodes }
  const target = TARGETS[input.options.target ?? "client"]
  const output = target.render(model, {
    templates: input.templates,
    ...input.options,
    serverModule: input.options.serverModule ?? "../../better-auth.config.ts",
    identifierPrefix: input.options.identifierPrefix ?? DEFAULT_IDENTIFIER_PREFIX,
  })
  return {
    files: output.files,
    warnings,
    model: output.model,
    errors: [...(provenance.error === undefined ? [] : [provenance.error]), ...built.errors, ...output.errors],
  }
}

/**
 * The import specifier of the client (or server) module as seen from `<out>/_runtime/`: a package
 * specifier as it is, a file relative to the output folder (wherever that is) in the chosen style.
 */
export const clientModuleFor = (out: string, clientModule: string, extension: ImportExtension): string => {
  if (!isAbsolute(clientModule)) return clientModule
  const rel = relative(join(resolve(out), RUNTIME_FOLDER), clientModule)
    .split("\\")
    .join("/")
  return withExtension(rel.startsWith(".") ? rel : `./${rel}`, extension)
}

export interface GenerateOptions {
  /** The OpenAPI document's path. */
  readonly spec: string
  /** The user's overrides folder, and whether it was named explicitly (then it must exist). */
  readonly overrides: string
  readonly overridesExplicit?: boolean | undefined
  /** Whether the shipped overrides apply (default true). */
  readonly builtinOverrides?: boolean | undefined
  /** A folder of templates replacing shipped ones by name. */
  readonly templates?: string | undefined
  /** The output folder: relative imports of the client module and the formatter's config are taken from it. */
  readonly out: string
  /** The client module: an absolute path, or a package specifier. */
  readonly clientModule: string
  /** The server module (exports `authOptions`): an absolute path, or a package specifier. The server target types its handlers with it. */
  readonly serverModule?: string | undefined
  /** Which output to generate (default the client). */
  readonly target?: TargetName | undefined
  readonly importExtension?: ImportExtension | undefined
  readonly formatter?: FormatterName | undefined
  /** What `Schema.Class` identifiers start with (default `@better-auth-effect`; `""` for none). */
  readonly identifierPrefix?: string | undefined
  /** Where the formatting and overrides caches live (none: no cache). */
  readonly cacheDir?: string | undefined
  /** The manifest of the output as it is, for override drift. */
  readonly previous?: Manifest | undefined
  /** Progress lines (`--verbose`), and problems that do not fail the run (a cache that cannot be written). */
  readonly log?: ((line: string) => void) | undefined
  readonly note?: ((line: string) => void) | undefined
}

export interface Generated extends GenerateResult {
  /** Formatted, the manifest included; empty when `errors` is not. */
  readonly formatted: ReadonlyArray<RenderedFile>
  readonly manifest: Manifest | undefined
}

/** The formatting cache, inside the cache folder. */
export const FORMAT_CACHE = "format.json"

/** Load, render, format: the whole SDK in memory, as the CLI writes it and the tests read it. */
export const generate = (options: GenerateOptions): Effect.Effect<Generated, SpecError | OverrideErrors | TemplateError> =>
  Effect.gen(function* () {
    const started = performance.now()
    const phase = (name: string) => options.log?.(`${name} (${Math.round(performance.now() - started)} ms)`)
    const spec = yield* loadSpec(options.spec)
    const loadLayer = (dir: string, layer: LoadOptions) =>
      loadOverridesCached(dir, layer, options.cacheDir).pipe(Effect.mapError((errors) => new OverrideErrors({ errors })))
    const builtin =
      options.builtinOverrides === false ? NO_OVERRIDES : yield* loadLayer(BUILTIN_OVERRIDES, { builtin: true, label: BUILTIN_LABEL })
    const user = yield* loadLayer(options.overrides, { required: options.overridesExplicit === true })
    const templates = yield* Effect.tryPromise({
      try: () => readTemplates(options.templates),
      catch: (error) =>
        new TemplateError({ dir: options.templates ?? "templates", message: `cannot read templates (${(error as Error).message})` }),
    })
    phase("loaded spec, overrides and templates")
    const documentBefore = new Map<string, EndpointDocument>(
      (options.previous?.generated ?? []).flatMap((e) =>
        e.document === undefined ? [] : [[`${e.method} ${e.path}`, e.document] as const],
      ),
    )
    const extension = options.importExtension ?? ".js"
    const result = renderSdk({
      spec,
      overrides: layerOverrides(builtin, user),
      templates: compileTemplates(templates),
      options: {
        specName: basename(options.spec),
        clientModule: clientModuleFor(options.out, options.clientModule, extension),
        serverModule: clientModuleFor(options.out, options.serverModule ?? resolve("better-auth.config.ts"), extension),
        target: options.target,
        importExtension: extension,
        identifierPrefix: options.identifierPrefix,
        installedVersion: installedPackage("better-auth", process.cwd())?.version,
        documentBefore: (key) => documentBefore.get(key),
      },
    })
    phase(`generated ${result.files.length} files in memory`)
    if (result.errors.length > 0) return { ...result, formatted: [], manifest: undefined }
    const formatter = yield* Effect.promise(() =>
      makeFormatter({
        formatter: options.formatter,
        configFor: join(resolve(options.out), "index.ts"),
        cacheFile: options.cacheDir === undefined ? undefined : join(options.cacheDir, FORMAT_CACHE),
      }),
    )
    const formatted = yield* Effect.promise(() => formatter.format(result.files))
    // The cache only saves time: failing to write it (a full disk, permissions) is a warning, not a failure.
    const cacheProblem = yield* Effect.promise(() =>
      formatter.save().then(
        () => undefined,
        (error: NodeJS.ErrnoException) =>
          `cannot write the formatting cache under ${options.cacheDir ?? "?"} (${error.code ?? error.message}); the run goes on without it`,
      ),
    )
    if (cacheProblem !== undefined) (options.note ?? options.log)?.(cacheProblem)
    phase(`formatted (${formatter.stats().misses} by ${formatter.name}, ${formatter.stats().hits} from the cache)`)
    const { manifest, files } = withManifest(result.model, formatted)
    return { ...result, formatted: files, manifest }
  })
