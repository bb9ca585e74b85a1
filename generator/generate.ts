/**
 * The pure core: spec + templates + options → files and warnings. Touches neither disk nor console;
 * the CLI and the tests call it. The output is canonical: the document's and the overrides' keys are
 * sorted first, so the same content in another key order gives the same bytes.
 */
import type { OverrideError, SpecError, Warning } from "./errors.ts"
import type { LoadedOverrides } from "./overrides/load.ts"
import { buildModel } from "./model/build.ts"
import type { ImportExtension } from "./config.ts"
import type { EndpointDocument, Model } from "./model/types.ts"
import { type RenderedFile, renderModel } from "./render/views.ts"
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
    /** How relative import specifiers end. */
    readonly importExtension: ImportExtension
    /** The installed better-auth version, compared with the one the spec was exported from. */
    readonly installedVersion?: string | undefined
    /** What the previous run recorded of overridden endpoints' document schemas, to report override drift. */
    readonly documentBefore?: ((endpoint: string) => EndpointDocument | undefined) | undefined
  }
}

export interface GenerateResult {
  readonly files: ReadonlyArray<RenderedFile>
  readonly warnings: ReadonlyArray<Warning>
  readonly model: Model
  /** Spec and override faults (and layout collisions in the spec); when non-empty, `files` must not be written. */
  readonly errors: ReadonlyArray<OverrideError | SpecError>
}

/** The overrides with every object's keys sorted: their YAML key order must not order the output. */
const canonicalOverrides = (overrides: LoadedOverrides): LoadedOverrides => ({
  endpoints: overrides.endpoints.map((o) => ({ ...o, override: sortKeys(o.override) })),
  defaults: overrides.defaults.map((d) => ({ ...d, defaults: sortKeys(d.defaults) })),
})

/** Generates the whole SDK in memory: unformatted TypeScript (the manifest is added once formatted). */
export const generate = (input: GenerateInput): GenerateResult => {
  const spec = sortKeys(input.spec)
  const provenance = checkProvenance(spec, { file: input.options.specName, installed: input.options.installedVersion })
  const warnings: Array<Warning> = [...provenance.warnings]
  const built = buildModel(spec, { overrides: canonicalOverrides(input.overrides), specName: input.options.specName, warn: (w) => warnings.push(w), documentBefore: input.options.documentBefore })
  const model: Model = { ...built.model, source: provenance.provenance }
  const files = renderModel(model, { templates: input.templates, ...input.options })
  return { files, warnings, model, errors: provenance.error === undefined ? built.errors : [provenance.error, ...built.errors] }
}
