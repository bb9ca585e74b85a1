/**
 * Stage 1a: read the OpenAPI document. A file that is not JSON, or not an OpenAPI 3.x document, fails
 * with the file name and the position (line:column or JSON pointer), never a stack trace.
 */
import { readFile } from "node:fs/promises"
import * as Effect from "effect/Effect"
import { SpecError } from "../errors.ts"
import type { OpenApiDocument } from "./types.ts"
import { validateDocument } from "./validate.ts"

/** Converts a character offset into `line:column` (both 1-based). */
export const lineColumn = (text: string, offset: number): string => {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split("\n")
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`
}

/** One JSON scalar at the sticky position: a number or a literal. */
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y

/**
 * Where the first JSON syntax error in `text` is (a character offset), or -1 when there is none. The
 * engines' messages disagree (Bun's carries no position), so the generator finds it itself, the same
 * way under Bun and Node: a small iterative scanner, so deep nesting cannot exhaust the stack.
 */
export const syntaxErrorOffset = (text: string): number => {
  const stack: Array<"{" | "["> = []
  let i = 0
  const skip = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++
  }
  /** Reads a string at `i` (which is at `"`); false, with `i` at the fault, when it is not one. */
  const string = (): boolean => {
    if (text[i] !== '"') return false
    i++
    while (i < text.length) {
      const code = text.charCodeAt(i)
      if (code === 34) {
        i++
        return true
      }
      if (code < 32) return false
      if (code === 92) {
        ESCAPE.lastIndex = i
        if (ESCAPE.exec(text) === null) return false
        i = ESCAPE.lastIndex
        continue
      }
      i++
    }
    return false
  }
  /** After `{` or `,` in an object: a key and its colon. */
  const key = (): boolean => {
    skip()
    if (!string()) return false
    skip()
    if (text[i] !== ":") return false
    i++
    return true
  }
  for (;;) {
    skip()
    const c = text[i]
    if (c === "{" || c === "[") {
      i++
      skip()
      if (text[i] === (c === "{" ? "}" : "]")) i++
      else {
        stack.push(c)
        if (c === "{" && !key()) return i
        continue
      }
    } else if (c === '"') {
      if (!string()) return i
    } else {
      SCALAR.lastIndex = i
      if (SCALAR.exec(text) === null) return i
      i = SCALAR.lastIndex
    }
    // After a value: a comma, the end of its container, or the end of the text.
    for (;;) {
      skip()
      const top = stack.at(-1)
      if (top === undefined) return i < text.length ? i : -1
      if (text[i] === ",") {
        i++
        if (top === "{" && !key()) return i
        break
      }
      if (text[i] !== (top === "{" ? "}" : "]")) return i
      i++
      stack.pop()
    }
  }
}

/** Parses JSON text, turning a syntax error into a `SpecError` at the failing line:column. */
export const parseSpec = (file: string, text: string): Effect.Effect<OpenApiDocument, SpecError> =>
  Effect.gen(function* () {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const offset = syntaxErrorOffset(text)
      const at = lineColumn(text, offset >= 0 ? offset : text.length)
      // Node quotes the text around the fault (`Unexpected token 'x', "{ …" is not valid JSON`): keep the token.
      const reason = message
        .replace(/ in JSON at position \d+.*$/s, "")
        .replace(/^JSON\.parse: /, "")
        .replace(/^(Unexpected token .+?), ".*" is not valid JSON$/s, "$1")
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
    catch: (error) =>
      new SpecError({ file, at: "1:1", message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }),
  }).pipe(Effect.flatMap((text) => parseSpec(file, text)))
