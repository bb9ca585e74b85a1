/** The pipeline in memory for tests: the same `generate()` the CLI runs, without writing. */
import { join } from "node:path"
import { Effect } from "effect"
import type { TargetName } from "../../generator/config.ts"
import { type Generated, generate } from "../../generator/generate.ts"

export const ROOT = join(import.meta.dirname, "..", "..")

export interface InMemoryRun {
  readonly raw: Generated
  /** Formatted files by path, the manifest included. */
  readonly files: ReadonlyMap<string, string>
}

/** `overrides` is the user's folder; the shipped overrides apply unless `builtin` is false. */
export const generateInMemory = async (input: {
  readonly spec: string
  readonly overrides: string
  readonly out: string
  readonly builtin?: boolean
  readonly target?: TargetName
}): Promise<InMemoryRun> => {
  const raw = await Effect.runPromise(
    generate({
      spec: input.spec,
      overrides: input.overrides,
      builtinOverrides: input.builtin !== false,
      out: input.out,
      clientModule: join(ROOT, "better-auth.client.ts"),
      serverModule: join(ROOT, "better-auth.config.ts"),
      target: input.target,
    }),
  )
  return { raw, files: new Map(raw.formatted.map((f) => [f.path, f.content])) }
}
