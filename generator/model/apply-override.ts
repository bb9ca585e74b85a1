/**
 * Stage 2d: apply one endpoint's override to its payload or success schema, or a component correction of
 * the defaults file to a component. Inline schemas go through the same normalize → SchemaNode path as
 * the spec, so they obey the same rules.
 */
import { OverrideError, type SpecError, type Warning } from "../errors.ts"
import { nullable, type SchemaContext, toSchemaNode } from "./schema.ts"
import type { Property, SchemaNode } from "./types.ts"
import { normalizeSchema } from "../spec/normalize.ts"
import { pointer, tokensOf } from "../spec/pointer.ts"
import type { Located, LoadedOverride } from "../overrides/load.ts"
import type { FieldPatch, SchemaPatch } from "../overrides/schema.ts"

export interface ApplyContext {
  /** The file the patch is in (an endpoint override, or the defaults file for a component). */
  readonly override: Pick<LoadedOverride, "file" | "locate" | "builtin">
  readonly schema: SchemaContext
  readonly openapi: string
  readonly errors: Array<OverrideError | SpecError>
}

/** Reports a schema fault of an override file (an `allOf` that cannot be merged) at its line, into `errors`. */
export const schemaFaultsInto = (located: Located, errors: Array<OverrideError | SpecError>) => (where: string, message: string) => {
  const tokens = tokensOf(where)
  errors.push(
    new OverrideError({
      file: located.file,
      at: located.locate(tokens),
      path: tokens.join("."),
      message,
      hint: 'extend only object schemas: allOf: [{ $ref: "#/shared/Name" }, { type: object, properties: {...} }]',
    }),
  )
}

/** An override's inline JSON Schema as a SchemaNode (normalized as the spec is). */
export const inline = (raw: Readonly<Record<string, unknown>>, path: ReadonlyArray<string>, ctx: ApplyContext): SchemaNode => {
  const at = pointer(...path)
  const warn = (warning: Warning) => ctx.schema.warn({ ...warning, file: ctx.override.file })
  const fail = schemaFaultsInto(ctx.override, ctx.errors)
  return toSchemaNode(normalizeSchema(raw, at, { openapi: ctx.openapi, warn, resolve: ctx.schema.resolve, fail }), at, {
    ...ctx.schema,
    warn,
  })
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
  if ((patch.type !== undefined || patch.literals !== undefined || patch.redacted === true) && wasNullable && patch.nullable !== false)
    schema = nullable(schema)
  if (patch.nullable === true) schema = nullable(schema)
  if (patch.nullable === false) schema = stripNull(schema)
  return {
    ...property,
    schema,
    optional: patch.optional ?? property.optional,
    description: patch.description ?? property.description,
  }
}

/**
 * Applies a patch; `at` is its key path in the file: `payload` or `success` in an endpoint override,
 * `components.User` in the defaults file. Unknown fields are errors.
 */
export const applySchemaPatch = (
  node: SchemaNode | undefined,
  patch: SchemaPatch,
  at: "payload" | "success" | readonly [string, ...Array<string>],
  ctx: ApplyContext,
): SchemaNode | undefined => {
  const base = typeof at === "string" ? [at] : at
  const where = base.join(".")
  const fieldsOf = where.startsWith("components.") ? "component" : where
  let result = patch.replace !== undefined ? inline(patch.replace, [...base, "replace"], ctx) : node
  if (patch.fields === undefined && patch.remove === undefined) return result
  if (result === undefined || result.kind === "unknown") result = { kind: "object", properties: [], additional: undefined }
  if (result.kind !== "object") {
    ctx.errors.push(
      new OverrideError({
        file: ctx.override.file,
        at: ctx.override.locate(base),
        path: where,
        message: `${where} is not an object, so it has no fields to patch`,
        hint: `use ${where}.replace with a whole schema`,
      }),
    )
    return result
  }
  let properties = [...result.properties]
  // A shipped override patches fields that come with plugins; where the plugin is missing it is inert.
  const lenient = ctx.override.builtin
  for (const name of patch.remove ?? []) {
    if (!properties.some((p) => p.name === name) && !lenient)
      ctx.errors.push(
        new OverrideError({
          file: ctx.override.file,
          at: ctx.override.locate([...base, "remove"]),
          path: `${where}.remove`,
          message: `no field "${name}" to remove`,
          hint: `fields are: ${properties.map((p) => p.name).join(", ") || "(none)"}`,
        }),
      )
    properties = properties.filter((p) => p.name !== name)
  }
  for (const [name, fieldPatch] of Object.entries(patch.fields ?? {})) {
    const path = [...base, "fields", name]
    const index = properties.findIndex((p) => p.name === name)
    if (index >= 0) {
      properties[index] = patchField(properties[index]!, fieldPatch, path, ctx)
      continue
    }
    if (fieldPatch.schema === undefined && fieldPatch.type === undefined && fieldPatch.literals === undefined) {
      if (lenient) continue
      ctx.errors.push(
        new OverrideError({
          file: ctx.override.file,
          at: ctx.override.locate(path),
          path: path.join("."),
          message: `the spec has no ${fieldsOf} field "${name}"`,
          hint: `to add it, give it a type or a schema; fields are: ${properties.map((p) => p.name).join(", ") || "(none)"}`,
        }),
      )
      continue
    }
    const added: Property = { name, schema: { kind: "unknown" }, optional: false, description: undefined }
    properties.push(patchField(added, fieldPatch, path, ctx))
  }
  return { ...result, properties }
}
