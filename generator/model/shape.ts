/**
 * Stage 2 (shapes): a flat, comparable picture of a Payload, Success or shared component, one entry per
 * field path (`User.phoneNumber?` → `string | null`). Stored in manifest.json so the next run can report
 * field-level changes for the upgrade PR without the previous spec. Component references stay names:
 * a change to User is reported once, with the endpoints that use it.
 */
import type { SchemaNode } from "./types.ts"
import { sortedEntries } from "../text.ts"

/** Field path → type text. */
export type Shape = Readonly<Record<string, string>>

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

/** Records `node` at `prefix`, then its fields below it. */
const flatten = (node: SchemaNode, prefix: string, out: Record<string, string>): void => {
  out[prefix] = typeText(node)
  expand(node, prefix, out)
}

/** Records the fields of an inline object (or of an array's items, under `[]`); component references stay names. */
const expand = (node: SchemaNode, prefix: string, out: Record<string, string>): void => {
  const inner = node.kind === "nullable" ? node.inner : node
  if (inner.kind === "object") for (const p of inner.properties) flatten(p.schema, `${prefix}.${p.name}${p.optional ? "?" : ""}`, out)
  if (inner.kind === "array") expand(inner.items, `${prefix}[]`, out)
}

/** The shape of a schema, rooted at `root` (`Payload`, `Success`, or a component's name). */
export const shapeOf = (node: SchemaNode, root: string): Shape => {
  const out: Record<string, string> = {}
  flatten(node, root, out)
  return Object.fromEntries(sortedEntries(out))
}
