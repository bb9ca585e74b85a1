/**
 * Stage 1a: read the OpenAPI document. A file that is not JSON, or not an OpenAPI 3.x document, fails
 * with the file name and the position (line:column or JSON pointer), never a stack trace.
 */
import { readFile } from "node:fs/promises"
import { Effect } from "effect"
import { parseDocument } from "yaml"
import { SpecError } from "../errors.ts"
import type { OpenApiDocument } from "./types.ts"
import { validateDocument } from "./validate.ts"

/** Converts a character offset into `line:column` (both 1-based). */
export const lineColumn = (text: string, offset: number): string => {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split("\n")
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`
}

/**
 * Where a JSON syntax error is. Node's message carries the position; Bun's does not, so fall back to the
 * YAML parser (JSON is YAML 1.2), which reports the offset of the first error; else the end of the text.
 */
export const syntaxErrorOffset = (text: string, message: string): number => {
  const position = /position (\d+)/.exec(message)
  if (position) return Number(position[1])
  // YAML also reports the enclosing key as "multiline implicit key" at its start; the real fault is
  // the first error of any other kind.
  const errors = parseDocument(text).errors
  return (errors.find((e) => e.code !== "MULTILINE_IMPLICIT_KEY") ?? errors[0])?.pos[0] ?? text.length
}

/** Parses JSON text, turning a syntax error into a `SpecError` at the failing line:column. */
export const parseSpec = (file: string, text: string): Effect.Effect<OpenApiDocument, SpecError> =>
  Effect.gen(function* () {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const at = lineColumn(text, syntaxErrorOffset(text, message))
      const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "")
      return yield* new SpecError({ file, at, message: `not valid JSON (${reason})` })
    }
    return yield* validateShape(file, value)
  })

const validateShape = (file: string, value: unknown): Effect.Effect<OpenApiDocument, SpecError> => {
  const fault = validateDocument(file, value)
  return fault === undefined ? Effect.succeed(value as OpenApiDocument) : Effect.fail(fault)
}

/** Reads and parses the spec file. */
export const loadSpec = (file: string): Effect.Effect<OpenApiDocument, SpecError> =>
  Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (error) => new SpecError({ file, at: "1:1", message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }),
  }).pipe(Effect.flatMap((text) => parseSpec(file, text)))
