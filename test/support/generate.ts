/** Runs the whole pipeline in memory (load, generate, format), as the CLI does, without writing. */
import { Effect } from "effect"
import { join } from "node:path"
import { configModuleFor } from "../../generator/cli/run.ts"
import { generate, type GenerateResult } from "../../generator/generate.ts"
import { loadOverrides } from "../../generator/overrides/load.ts"
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

export const generateInMemory = async (input: { readonly spec: string; readonly overrides: string; readonly out: string }): Promise<InMemoryRun> => {
  const spec = await Effect.runPromise(loadSpec(input.spec))
  const overrides = await Effect.runPromise(loadOverrides(input.overrides))
  const templates = compileTemplates(await readTemplates())
  const raw = generate({
    spec,
    overrides,
    templates,
    options: { specName: "better-auth-api-spec.json", configModule: configModuleFor(input.out, join(ROOT, "better-auth.config.ts")) },
  })
  const formatter = await makeFormatter({ configFor: join(input.out, "index.ts") })
  const { files } = withManifest(raw.model, await formatter.format(raw.files))
  return { raw, files: new Map(files.map((f) => [f.path, f.content])) }
}
