/**
 * Stage 2d: apply one endpoint's override to its payload or success schema. Inline schemas go through
 * the same normalize → SchemaNode path as the spec, so they obey the same rules.
 */
import { OverrideError, type SpecError, type Warning } from "../errors.ts"
import { nullable, type SchemaContext, toSchemaNode } from "./schema.ts"
import type { Property, SchemaNode } from "./types.ts"
import { normalizeSchema } from "../spec/normalize.ts"
import { pointer } from "../spec/pointer.ts"
import type { LoadedOverride } from "../overrides/load.ts"
import type { FieldPatch, SchemaPatch } from "../overrides/schema.ts"

export interface ApplyContext {
  readonly override: LoadedOverride
  readonly schema: SchemaContext
  readonly openapi: string
  readonly errors: Array<OverrideError | SpecError>
}

/** An override's inline JSON Schema as a SchemaNode (normalized as the spec is). */
export const inline = (raw: Readonly<Record<string, unknown>>, path: ReadonlyArray<string>, ctx: ApplyContext): SchemaNode => {
  const at = pointer(...path)
  const warn = (warning: Warning) => ctx.schema.warn({ ...warning, file: ctx.override.file })
  return toSchemaNode(normalizeSchema(raw, at, { openapi: ctx.openapi, warn }), at, { ...ctx.schema, warn })
}

const stripNull = (node: SchemaNode): SchemaNode => (node.kind === "nullable" ? node.inner : node)

/** One field with its patch applied. */
export const patchField = (property: Property, patch: FieldPatch, path: ReadonlyArray<string>, ctx: ApplyContext): Property => {
  let schema = patch.schema !== undefined ? inline(patch.schema, [...path, "schema"], ctx) : property.schema
  const wasNullable = schema.kind === "nullable"
  if (patch.type !== undefined) schema = { kind: patch.type } as SchemaNode
  if (patch.literals !== undefined) schema = { kind: "literals", values: patch.literals }
  if (patch.redacted === true) schema = { kind: "redacted" }
  if (patch.array === true) schema = { kind: "array", items: stripNull(schema) }
  if ((patch.type !== undefined || patch.literals !== undefined || patch.redacted === true) && wasNullable && patch.nullable !== false) schema = nullable(schema)
  if (patch.nullable === true) schema = nullable(schema)
  if (patch.nullable === false) schema = stripNull(schema)
  return {
    ...property,
    schema,
    optional: patch.optional ?? property.optional,
    description: patch.description ?? property.description,
  }
}

/** Applies a payload or success patch; `where` is `payload` or `success`. Unknown fields are errors. */
export const applySchemaPatch = (node: SchemaNode | undefined, patch: SchemaPatch, where: "payload" | "success", ctx: ApplyContext): SchemaNode | undefined => {
  let result = patch.replace !== undefined ? inline(patch.replace, [where, "replace"], ctx) : node
  if (patch.fields === undefined && patch.remove === undefined) return result
  if (result === undefined || result.kind === "unknown") result = { kind: "object", properties: [], additional: undefined }
  if (result.kind !== "object") {
    ctx.errors.push(new OverrideError({ file: ctx.override.file, at: ctx.override.locate([where]), path: where, message: `${where} is not an object, so it has no fields to patch`, hint: `use ${where}.replace with a whole schema` }))
    return result
  }
  let properties = [...result.properties]
  // A shipped override patches fields that come with plugins; where the plugin is missing it is inert.
  const lenient = ctx.override.builtin
  for (const name of patch.remove ?? []) {
    if (!properties.some((p) => p.name === name) && !lenient)
      ctx.errors.push(new OverrideError({ file: ctx.override.file, at: ctx.override.locate([where, "remove"]), path: `${where}.remove`, message: `no field "${name}" to remove`, hint: `fields are: ${properties.map((p) => p.name).join(", ") || "(none)"}` }))
    properties = properties.filter((p) => p.name !== name)
  }
  for (const [name, fieldPatch] of Object.entries(patch.fields ?? {})) {
    const path = [where, "fields", name]
    const index = properties.findIndex((p) => p.name === name)
    if (index >= 0) {
      properties[index] = patchField(properties[index]!, fieldPatch, path, ctx)
      continue
    }
    if (fieldPatch.schema === undefined && fieldPatch.type === undefined && fieldPatch.literals === undefined) {
      if (lenient) continue
      ctx.errors.push(new OverrideError({ file: ctx.override.file, at: ctx.override.locate(path), path: path.join("."), message: `the spec has no ${where} field "${name}"`, hint: `to add it, give it a type or a schema; fields are: ${properties.map((p) => p.name).join(", ") || "(none)"}` }))
      continue
    }
    const added: Property = { name, schema: { kind: "unknown" }, optional: false, description: undefined }
    properties.push(patchField(added, fieldPatch, path, ctx))
  }
  return { ...result, properties }
}
