/**
 * Stage 2 (shapes): a flat, comparable picture of an endpoint's Payload and Success, one entry per field
 * path (`Success.user.phoneNumber?` → `string`). Stored in manifest.json so the next run can report
 * field-level changes for the upgrade PR without the previous spec.
 */
import type { Component, SchemaNode } from "./types.ts"

/** Field path → type text. */
export type Shape = Readonly<Record<string, string>>

/** Component references are expanded this deep (User inside Session inside …). */
const MAX_DEPTH = 4

/** Short TypeScript-like text for a schema, without expanding objects. */
export const typeText = (node: SchemaNode): string => {
  switch (node.kind) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "unknown":
      return node.kind
    case "integer":
      return "number"
    case "date":
      return "Date"
    case "redacted":
      return "Redacted<string>"
    case "literals":
      return node.values.map((v) => JSON.stringify(v)).join(" | ")
    case "array": {
      const items = typeText(node.items)
      return /[| ]/.test(items) ? `(${items})[]` : `${items}[]`
    }
    case "nullable":
      return `${typeText(node.inner)} | null`
    case "union":
      return node.members.map(typeText).join(" | ")
    case "object":
      return node.properties.length === 0 && node.additional !== undefined ? `Record<string, ${typeText(node.additional)}>` : "{…}"
    case "ref":
      return node.name
  }
}

/** Flattens a schema into `out`, expanding objects and component references (each once per branch). */
const flatten = (node: SchemaNode, prefix: string, out: Record<string, string>, components: ReadonlyMap<string, Component>, seen: ReadonlySet<string>): void => {
  out[prefix] = typeText(node)
  switch (node.kind) {
    case "object":
      for (const p of node.properties) flatten(p.schema, `${prefix}.${p.name}${p.optional ? "?" : ""}`, out, components, seen)
      return
    case "nullable":
      return expand(node.inner, prefix, out, components, seen)
    case "array":
      return expand(node.items, `${prefix}[]`, out, components, seen)
    case "ref":
      return expand(node, prefix, out, components, seen)
    default:
      return
  }
}

/** Adds the fields of an object or referenced component below `prefix` (the prefix entry itself is kept). */
const expand = (node: SchemaNode, prefix: string, out: Record<string, string>, components: ReadonlyMap<string, Component>, seen: ReadonlySet<string>): void => {
  if (node.kind === "object") {
    for (const p of node.properties) flatten(p.schema, `${prefix}.${p.name}${p.optional ? "?" : ""}`, out, components, seen)
    return
  }
  if (node.kind === "array") return expand(node.items, `${prefix}[]`, out, components, seen)
  if (node.kind !== "ref" || seen.has(node.name) || seen.size >= MAX_DEPTH) return
  const component = components.get(node.name)
  if (component !== undefined) expand(component.schema, prefix, out, components, new Set([...seen, node.name]))
}

/** The shape of a Payload or Success schema, rooted at `root` (`Payload`, `Success`). */
export const shapeOf = (node: SchemaNode, root: string, components: ReadonlyMap<string, Component>): Shape => {
  const out: Record<string, string> = {}
  flatten(node, root, out, components, new Set())
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
