/**
 * Stage 2e: override drift. An override was written against one version of the document; after an
 * upgrade it may patch fields the document no longer has, `replace` a schema that now lists parameters
 * or properties the override hides, or say what the document now says itself. Each finding is a coded
 * warning pointing into the override file, so the upgrade PR shows which overrides to revisit.
 */
import type { Warning } from "../errors.ts"
import { type ApplyContext, inline, patchField } from "./apply-override.ts"
import type { SchemaPatch } from "../overrides/schema.ts"
import { pointer } from "../spec/pointer.ts"
import { type Shape, typeText } from "./shape.ts"
import type { Property, SchemaNode } from "./types.ts"
import { compareText } from "../text.ts"

/** Top-level fields of a Payload or Success, `name` or `name?` → type text: what the manifest keeps of the document. */
export const topLevelShape = (node: SchemaNode | undefined, root: string): Shape => {
  const inner = node?.kind === "nullable" ? node.inner : node
  if (inner === undefined) return {}
  if (inner.kind !== "object") return { [root]: typeText(inner) }
  return Object.fromEntries(
    inner.properties
      .map((p) => [`${root}.${p.name}${p.optional ? "?" : ""}`, typeText(p.schema)] as const)
      .sort(([a], [b]) => compareText(a, b)),
  )
}

const bare = (key: string) => key.replace(/\?$/, "")
const fieldName = (key: string, root: string) => bare(key).slice(root.length + 1)
const sameProperty = (a: Property, b: Property) =>
  a.optional === b.optional && a.description === b.description && JSON.stringify(a.schema) === JSON.stringify(b.schema)
const propertiesOf = (node: SchemaNode | undefined): ReadonlyArray<Property> | undefined => {
  const inner = node?.kind === "nullable" ? node.inner : node
  return inner?.kind === "object" ? inner.properties : undefined
}
/** Field names a schema declares at its top level: an object's, or those of any member of a union of objects. */
const declaredNames = (node: SchemaNode): ReadonlySet<string> => {
  const inner = node.kind === "nullable" ? node.inner : node
  if (inner.kind === "union") return new Set(inner.members.flatMap((m) => [...declaredNames(m)]))
  return new Set((propertiesOf(inner) ?? []).map((p) => p.name))
}

export interface DriftInput {
  readonly endpoint: string
  readonly side: "payload" | "success"
  readonly patch: SchemaPatch
  /** The document's own schema for this side, before the override. */
  readonly document: SchemaNode | undefined
  /** What the previous run recorded of the document's schema (top-level shape), if it recorded one. */
  readonly before: Shape | undefined
  /** For inline schemas: errors and warnings go nowhere (the real application reports them). */
  readonly apply: ApplyContext
}

/** Drift warnings of one side of one override. Pure. */
export const overrideDrift = (input: DriftInput): ReadonlyArray<Warning> => {
  const { side, patch, document, before, apply } = input
  const file = apply.override.file
  const root = side === "payload" ? "Payload" : "Success"
  const warnings: Array<Warning> = []
  const warn = (code: Warning["code"], path: ReadonlyArray<string>, message: string) =>
    warnings.push({ code, at: pointer(...path), file, message: `${input.endpoint}: ${message}` })
  const documentProperties = propertiesOf(document) ?? []

  if (patch.replace !== undefined) {
    const replaced = inline(patch.replace, [side, "replace"], apply)
    // Fields the replacement declares that the document had at the previous run and no longer has.
    const nowNames = new Set(documentProperties.map((p) => p.name))
    const dropped = [...declaredNames(replaced)].filter(
      (name) => !nowNames.has(name) && Object.keys(before ?? {}).some((k) => fieldName(k, root) === name),
    )
    if (dropped.length > 0)
      warn(
        "override-field-gone",
        [side, "replace"],
        `${side}.replace declares ${dropped.map((n) => `"${n}"`).join(", ")}, which the document no longer has: check that the server still ${side === "payload" ? "takes" : "answers"} ${dropped.length === 1 ? "it" : "them"}`,
      )
    if (JSON.stringify(replaced) === JSON.stringify(document))
      warn("override-redundant", [side, "replace"], `the document's ${side} schema is now exactly this replacement; delete ${side}.replace`)
    else if (before !== undefined && documentProperties.length > 0) {
      // Only what the document added since the previous run counts: a replacement is a deliberate choice
      // about what the document said when it was written.
      const mine = propertiesOf(replaced)
      const own = new Map((mine ?? []).map((p) => [p.name, p]))
      const known = new Set(Object.entries(before).map(([k, v]) => `${k}: ${v}`))
      const hidden = documentProperties.flatMap((p) => {
        const field = `${p.name}${p.optional ? "?" : ""}`
        const type = typeText(p.schema)
        if (known.has(`${root}.${field}: ${type}`)) return []
        if (mine === undefined) return [`${field}: ${type} (the replacement is ${typeText(replaced)})`]
        const theirs = own.get(p.name)
        if (theirs === undefined) return [`${field}: ${type} (the replacement has no such field)`]
        const ownType = typeText(theirs.schema)
        return ownType === type && theirs.optional === p.optional
          ? []
          : [`${field}: ${type} (the replacement says ${p.name}${theirs.optional ? "?" : ""}: ${ownType})`]
      })
      if (hidden.length > 0)
        warn(
          "override-hides-document",
          [side, "replace"],
          `${side}.replace hides what the document now provides: ${hidden.join("; ")}; merge them into the replacement or patch fields instead`,
        )
    }
  }
  // Field patches and removals are checked against the document itself only when nothing replaces it.
  if (patch.replace === undefined) {
    for (const [name, fieldPatch] of Object.entries(patch.fields ?? {})) {
      const own = documentProperties.find((p) => p.name === name)
      if (own === undefined) {
        const had = Object.keys(before ?? {}).some((k) => fieldName(k, root) === name)
        if (had)
          warn(
            "override-field-gone",
            [side, "fields", name],
            `the document no longer has ${side} field "${name}"; this override now adds it: delete ${side}.fields.${name} unless the server still takes it`,
          )
        continue
      }
      if (sameProperty(patchField(own, fieldPatch, [side, "fields", name], apply), own))
        warn(
          "override-redundant",
          [side, "fields", name],
          `the document now says this about "${name}" itself; delete ${side}.fields.${name}`,
        )
    }
  }
  return warnings
}
