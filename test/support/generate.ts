/** Runs the whole pipeline in memory (load, generate, format), as the CLI does, without writing. */
import { Effect } from "effect"
import { join } from "node:path"
import { clientModuleFor } from "../../generator/cli/run.ts"
import { generate, type GenerateResult } from "../../generator/generate.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "../../generator/overrides/builtin.ts"
import { layerOverrides, loadOverrides, NO_OVERRIDES } from "../../generator/overrides/load.ts"
import { compileTemplates, readTemplates } from "../../generator/render/templates.ts"
import { loadSpec } from "../../generator/spec/load.ts"
import { makeFormatter } from "../../generator/write/format.ts"
import { withManifest } from "../../generator/write/manifest.ts"

export const ROOT = join(import.meta.dirname, "..", "..")

export interface InMemoryRun {
  readonly raw: GenerateResult
  /** Formatted files by path. */
  readonly files: ReadonlyMap<string, string>
}

/** `overrides` is the user's folder; the shipped overrides apply unless `builtin` is false. */
export const generateInMemory = async (input: { readonly spec: string; readonly overrides: string; readonly out: string; readonly builtin?: boolean }): Promise<InMemoryRun> => {
  const spec = await Effect.runPromise(loadSpec(input.spec))
  const builtin = input.builtin === false ? NO_OVERRIDES : await Effect.runPromise(loadOverrides(BUILTIN_OVERRIDES, { builtin: true, label: BUILTIN_LABEL }))
  const overrides = layerOverrides(builtin, await Effect.runPromise(loadOverrides(input.overrides)))
  const templates = compileTemplates(await readTemplates())
  const raw = generate({
    spec,
    overrides,
    templates,
    options: { specName: "better-auth-api-spec.json", clientModule: clientModuleFor(input.out, join(ROOT, "better-auth.client.ts"), ".js"), importExtension: ".js" },
  })
  const formatter = await makeFormatter({ configFor: join(input.out, "index.ts") })
  const { files } = withManifest(raw.model, await formatter.format(raw.files))
  return { raw, files: new Map(files.map((f) => [f.path, f.content])) }
}
