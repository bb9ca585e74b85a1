/**
 * Stage 1 (schema walk): visits the sub-schemas of a raw JSON Schema exactly where normalize.ts reads
 * them (properties, items, additionalProperties, anyOf, oneOf, allOf), so that checks on `$ref`s and
 * nesting see what the generator will see: a property literally named `$ref` stays a property.
 */

/** How deep schemas may nest inside one named schema; deeper parts belong in a named component. */
export const MAX_SCHEMA_DEPTH = 32

export type Token = string | number

/** A `$ref`, a nesting fault or a schema that is not an object, with its key path from the walk's root. */
export type SchemaFinding =
  | { readonly kind: "ref"; readonly ref: unknown; readonly path: ReadonlyArray<Token> }
  | { readonly kind: "too-deep"; readonly path: ReadonlyArray<Token> }

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

/**
 * Every `$ref` (any value under a schema's `$ref` key) and every place nested deeper than
 * `MAX_SCHEMA_DEPTH`, in document order. The walk never descends past the limit, so hostile nesting
 * cannot exhaust the stack.
 */
export const walkSchema = (schema: unknown, path: ReadonlyArray<Token> = [], depth = 1): ReadonlyArray<SchemaFinding> => {
  // One path stack, copied only into a finding: this walk runs over every schema of the spec.
  const found: Array<SchemaFinding> = []
  const stack: Array<Token> = [...path]
  const visit = (node: unknown, level: number, ...tokens: ReadonlyArray<Token>): void => {
    stack.push(...tokens)
    walk(node, level)
    stack.length -= tokens.length
  }
  const walk = (node: unknown, level: number): void => {
    if (!isRecord(node)) return
    if (level > MAX_SCHEMA_DEPTH) {
      found.push({ kind: "too-deep", path: [...stack] })
      return
    }
    // A `$ref` stands alone: normalize drops its siblings, so they are not walked.
    if ("$ref" in node) {
      found.push({ kind: "ref", ref: node["$ref"], path: [...stack, "$ref"] })
      return
    }
    // Sub-schemas in this order: properties, items, additionalProperties, anyOf, oneOf, allOf.
    const properties = node["properties"]
    if (isRecord(properties)) for (const name of Object.keys(properties)) visit(properties[name], level + 1, "properties", name)
    if ("items" in node) visit(node["items"], level + 1, "items")
    if (isRecord(node["additionalProperties"])) visit(node["additionalProperties"], level + 1, "additionalProperties")
    for (const key of ["anyOf", "oneOf", "allOf"] as const) {
      const members = node[key]
      if (Array.isArray(members)) members.forEach((member: unknown, index) => visit(member, level + 1, key, index))
    }
  }
  walk(schema, depth)
  return found
}

/**
 * The refs a schema *is*, without structure in between: its own `$ref`, or those of its union members
 * (and of a single `allOf` member). A cycle made only of these has no value that ends, and TypeScript
 * rejects it as a type that circularly references itself.
 */
export const directRefs = (
  schema: unknown,
  path: ReadonlyArray<Token> = [],
  depth = 1,
): ReadonlyArray<{ readonly ref: unknown; readonly path: ReadonlyArray<Token> }> => {
  if (!isRecord(schema) || depth > MAX_SCHEMA_DEPTH) return []
  if ("$ref" in schema) return [{ ref: schema["$ref"], path: [...path, "$ref"] }]
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key]
    if (Array.isArray(members)) return members.flatMap((m: unknown, i) => directRefs(m, [...path, key, i], depth + 1))
  }
  const all = schema["allOf"]
  if (Array.isArray(all) && all.length === 1) return directRefs(all[0], [...path, "allOf", 0], depth + 1)
  return []
}

/** Decodes a JSON pointer token (`~1` → `/`, `~0` → `~`). */
export const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~")

/**
 * The name a `$ref` names below `prefix` (`#/components/schemas/`), decoded, or undefined when it does
 * not have that form (another file, a URL, a deeper pointer).
 */
export const refName = (ref: string, prefix: string): string | undefined => {
  if (!ref.startsWith(prefix)) return undefined
  const rest = ref.slice(prefix.length)
  if (rest === "" || rest.includes("/")) return undefined
  return unescapeToken(rest)
}

/** Finds a cycle in a graph of named nodes; returns the edges that close one, each once. */
export const cycleEdges = <E extends { readonly to: string }>(
  nodes: ReadonlyArray<string>,
  edges: (node: string) => ReadonlyArray<E>,
): ReadonlyArray<{ readonly from: string; readonly edge: E }> => {
  const state = new Map<string, "open" | "done">()
  const closing: Array<{ from: string; edge: E }> = []
  // Iterative depth-first search: a long chain of refs cannot exhaust the stack.
  for (const start of nodes) {
    if (state.has(start)) continue
    const stack: Array<{ node: string; next: number; out: ReadonlyArray<E> }> = [{ node: start, next: 0, out: edges(start) }]
    state.set(start, "open")
    while (stack.length > 0) {
      const top = stack.at(-1)!
      if (top.next >= top.out.length) {
        state.set(top.node, "done")
        stack.pop()
        continue
      }
      const edge = top.out[top.next++]!
      const seen = state.get(edge.to)
      if (seen === "open") closing.push({ from: top.node, edge })
      else if (seen === undefined) {
        state.set(edge.to, "open")
        stack.push({ node: edge.to, next: 0, out: edges(edge.to) })
      }
    }
  }
  return closing
}
