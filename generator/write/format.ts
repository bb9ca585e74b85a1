/**
 * Stage 4a: prettier, in memory, before anything touches the disk. The config is resolved once per run.
 */
import * as prettier from "prettier"
import type { RenderedFile } from "../render/views.ts"

export type Formatter = (file: RenderedFile) => Promise<RenderedFile>

/** A formatter using the prettier config that applies to `configFor` (a path inside the output folder). */
export const makeFormatter = async (configFor: string): Promise<Formatter> => {
  const config = (await prettier.resolveConfig(configFor, { editorconfig: false })) ?? {}
  return async (file) => {
    if (!file.path.endsWith(".ts")) return file
    return { ...file, content: await prettier.format(file.content, { ...config, parser: "typescript", filepath: file.path }) }
  }
}
