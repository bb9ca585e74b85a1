/**
 * Stage 1c (syntax): an override file's text → its plain value and the reasons its comments give, or
 * what makes it unusable before validation (YAML syntax, aliases, size, emptiness) with line:column.
 * No Effect and no generator errors here, only `yaml`: a worker thread runs this part (prefetch.ts) while
 * the main thread loads the rest, and its result is plain data that crosses threads as it is.
 */
import { type Alias, type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml"
import { ruleReasons, type StatedReasons, statedReasons } from "./reasons.ts"

/** A key path into a file's value. */
export type Path = ReadonlyArray<PropertyKey>

/** `line:column` of the value at a key path inside a file (or of its key, or of the nearest existing parent). */
export type Locate = (path: Path, key?: boolean) => string

/** The largest override file read, in characters: override files are a few hundred bytes. */
export const MAX_OVERRIDE_CHARS = 256 * 1024
/** How many aliases one file may expand (YAML "billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100

/** What makes a file unusable before validation: an OverrideError's fields but the file's name and path. */
export interface SyntaxProblem {
  readonly at: string
  readonly message: string
  readonly hint: string
}

/** Which of the two formats a file has: one endpoint's, or `_defaults.yaml`. */
export type FileKind = "endpoint" | "defaults"

/** A file read up to validation: its value and reasons, or its problems. Plain data. */
export type Syntax =
  | {
      readonly ok: true
      readonly value: unknown
      /** statedReasons for an endpoint file, ruleReasons for a defaults file. */
      readonly reasons: StatedReasons | Readonly<Record<string, string>>
    }
  | { readonly ok: false; readonly problems: ReadonlyArray<SyntaxProblem> }

const makeLocate =
  (doc: Document, position: (offset: number) => string): Locate =>
  (path, key = false) => {
    let node: unknown = doc.contents
    let found: { range?: [number, number, number] | null | undefined } | undefined
    for (const [index, segment] of path.entries()) {
      if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment]
        if (node === undefined) break
        found = node as typeof found
        continue
      }
      if (!isMap(node)) break
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment)
      if (pair === undefined) break
      found = (key && index === path.length - 1 ? pair.key : pair.value) as typeof found
      node = pair.value
    }
    const range = found?.range ?? (doc.contents as typeof found)?.range
    return position(range?.[0] ?? 0)
  }

const parse = (text: string) => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return `${line}:${col}`
  }
  return { doc, position, locate: makeLocate(doc, position) }
}

/** A `locate` for a file's text that parses the YAML only when first asked (for values validated earlier). */
export const lazyLocate = (text: string): Locate => {
  let locate: Locate | undefined
  return (path, key) => (locate ??= parse(text).locate)(path, key)
}

/** The first alias that is inside the node its anchor names (`a: &x [*x]`), or else the first unresolved one. */
const badAlias = (doc: Document): { readonly alias: Alias; readonly selfReference: boolean } | undefined => {
  let found: { alias: Alias; selfReference: boolean } | undefined
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc)
      if (target !== undefined && !path.includes(target)) return undefined
      found = { alias, selfReference: target !== undefined }
      return visit.BREAK
    },
  })
  return found
}

const firstAlias = (doc: Document): Alias | undefined => {
  let found: Alias | undefined
  visit(doc, {
    Alias(_, alias) {
      found = alias
      return visit.BREAK
    },
  })
  return found
}

const TOO_LARGE: Syntax = {
  ok: false,
  problems: [
    {
      at: "1:1",
      message: `the file is larger than ${MAX_OVERRIDE_CHARS / 1024} KiB`,
      hint: "an override file corrects one endpoint: keep it small, or split shared schemas",
    },
  ],
}

/** Reads a file up to validation, and a `locate` into it (from the parsed document when there is one). */
export const readSyntax = (text: string, kind: FileKind): { readonly syntax: Syntax; readonly locate: Locate } => {
  if (text.length > MAX_OVERRIDE_CHARS) return { syntax: TOO_LARGE, locate: () => "1:1" }
  const { doc, position, locate } = parse(text)
  const fail = (...problems: ReadonlyArray<SyntaxProblem>) => ({ syntax: { ok: false, problems } as const, locate })
  if (doc.errors.length > 0)
    return fail(
      ...doc.errors.map((e) => ({
        at: position(e.pos[0]),
        message: `YAML syntax error: ${e.message.split("\n")[0]}`,
        hint: "fix the YAML syntax",
      })),
    )
  const aliasProblem = (alias: Alias | undefined, message: string, hint: string) =>
    fail({ at: position(alias?.range?.[0] ?? 0), message, hint })
  // Only a `*` in the text makes an alias: without one the document has none to look for.
  const bad = text.includes("*") ? badAlias(doc) : undefined
  if (bad !== undefined)
    return bad.selfReference
      ? aliasProblem(
          bad.alias,
          `alias *${bad.alias.source} is inside the node its anchor &${bad.alias.source} names, so its value never ends`,
          "write the value out instead of the alias",
        )
      : aliasProblem(
          bad.alias,
          `alias *${bad.alias.source} has no anchor &${bad.alias.source} before it`,
          "define the anchor before the alias, or write the value out",
        )
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    return aliasProblem(
      firstAlias(doc),
      `YAML aliases expand too much (${(error as Error).message})`,
      `use at most ${MAX_ALIAS_COUNT} aliases' worth of expansion, or write the values out`,
    )
  }
  if (value === null || value === undefined)
    return fail({ at: "1:1", message: "the file is empty", hint: 'add endpoint: "METHOD /path" and a correction, or delete the file' })
  return { syntax: { ok: true, value, reasons: kind === "endpoint" ? statedReasons(doc) : ruleReasons(doc) }, locate }
}
