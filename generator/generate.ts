/**
 * The pure core: spec + templates + options → files and warnings. Touches neither disk nor console;
 * the CLI and the tests call it.
 */
import type { OverrideError, SpecError, Warning } from "./errors.ts"
import type { LoadedOverrides } from "./overrides/load.ts"
import { buildModel } from "./model/build.ts"
import type { ImportExtension } from "./model/naming.ts"
import type { Model } from "./model/types.ts"
import { type RenderedFile, renderModel } from "./render/views.ts"
import type { Templates } from "./render/templates.ts"
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
  }
}

export interface GenerateResult {
  readonly files: ReadonlyArray<RenderedFile>
  readonly warnings: ReadonlyArray<Warning>
  readonly model: Model
  /** Override faults (and layout collisions in the spec); when non-empty, `files` must not be written. */
  readonly errors: ReadonlyArray<OverrideError | SpecError>
}

/** Generates the whole SDK in memory: unformatted TypeScript (the manifest is added once formatted). */
export const generate = (input: GenerateInput): GenerateResult => {
  const warnings: Array<Warning> = []
  const { model, errors } = buildModel(input.spec, { overrides: input.overrides, specName: input.options.specName, warn: (w) => warnings.push(w) })
  const files = renderModel(model, { templates: input.templates, ...input.options })
  return { files, warnings, model, errors }
}
