/**
 * Stage 2a: canonical JSON Schema (from spec/normalize) → SchemaNode. The only place where JSON Schema
 * keywords are interpreted; it also applies the per-side typing rules (dates, secrets).
 */
import type { Warning } from "../errors.ts"
import { child } from "../spec/pointer.ts"
import type { NormalSchema } from "../spec/types.ts"
import { refName } from "../spec/walk.ts"
import type { Property, SchemaNode, Side } from "./types.ts"

export interface SchemaRules {
  /** Payload string fields with these names become redacted values. */
  readonly redactFields: ReadonlySet<string>
  /** Whether a payload field with this description is for servers only (left out of client payloads). */
  readonly serverOnly: (description: string | undefined) => boolean
}

/** `$ref` prefixes: a spec component, or a shared schema of the override defaults file. */
export const COMPONENT_PREFIX = "#/components/schemas/"
export const SHARED_PREFIX = "#/shared/"

export interface SchemaContext {
  readonly side: Side
  readonly rules: SchemaRules
  /** Component names that exist; a `$ref` to anything else is reported and typed as unknown. */
  readonly components: ReadonlySet<string>
  /** Shared schema names (from the override defaults); disjoint from `components`. */
  readonly shared: ReadonlySet<string>
  /**
   * The raw schema a `$ref` names, so that override schemas can extend one with `allOf` (see
   * spec/normalize.ts); absent, `allOf` of several members is not supported.
   */
  readonly resolve?: ((ref: string) => unknown) | undefined
  /** Hears each field a rule changed (`redact: password`), for provenance. */
  readonly onRule?: ((rule: string) => void) | undefined
  readonly warn: (warning: Warning) => void
}

const scalar = (type: string, format: unknown, side: Side): SchemaNode => {
  switch (type) {
    case "string":
      return format === "date-time" && side === "success" ? { kind: "date" } : { kind: "string" }
    case "number":
      return { kind: "number" }
    case "integer":
      return { kind: "integer" }
    case "boolean":
      return { kind: "boolean" }
    case "null":
      return { kind: "null" }
    default:
      return { kind: "unknown" }
  }
}

/** Wraps in `nullable` unless already nullable or unknown (unknown admits null). */
export const nullable = (node: SchemaNode): SchemaNode =>
  node.kind === "nullable" || node.kind === "unknown" || node.kind === "null" ? node : { kind: "nullable", inner: node }

/** Converts a normalized schema into a SchemaNode. `at` is its JSON pointer, for warnings. */
export const toSchemaNode = (schema: NormalSchema, at: string, ctx: SchemaContext): SchemaNode => {
  const ref = schema.$ref
  if (ref !== undefined) {
    const component = refName(ref, COMPONENT_PREFIX)
    if (component !== undefined && ctx.components.has(component)) return { kind: "ref", name: component }
    const shared = refName(ref, SHARED_PREFIX)
    if (shared !== undefined && ctx.shared.has(shared)) return { kind: "ref", name: shared }
    ctx.warn({
      code: "unsupported-schema",
      at: child(at, "$ref"),
      message: `unresolvable $ref ${JSON.stringify(ref)}; treated as any JSON value`,
    })
    return { kind: "unknown" }
  }
  if (schema.anyOf !== undefined) {
    const members = schema.anyOf.map((m, i) => toSchemaNode(m, child(at, "anyOf", i), ctx))
    const nonNull = members.filter((m) => m.kind !== "null")
    const inner: SchemaNode = nonNull.length === 1 ? nonNull[0]! : { kind: "union", members: nonNull }
    return nonNull.length < members.length ? nullable(inner) : inner
  }
  const types: ReadonlyArray<string> = schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : schema.type
  if (types.length === 0) return { kind: "unknown" }
  const isNullable = types.includes("null")
  const concrete = types.filter((t) => t !== "null")
  const enumValues = schema.enum
  let node: SchemaNode
  if (enumValues !== undefined) {
    const values = enumValues.filter((v) => v !== null)
    node = { kind: "literals", values }
    if (values.length < enumValues.length) return nullable(node)
  } else if (concrete.length === 0) {
    return { kind: "null" }
  } else {
    const members = concrete.map((type) => typed(type, schema, at, ctx))
    node = members.length === 1 ? members[0]! : { kind: "union", members }
  }
  return isNullable ? nullable(node) : node
}

const typed = (type: string, schema: NormalSchema, at: string, ctx: SchemaContext): SchemaNode => {
  if (type === "array") return { kind: "array", items: toSchemaNode(schema.items ?? {}, child(at, "items"), ctx) }
  if (type === "object") return objectNode(schema, at, ctx)
  return scalar(type, schema.format, ctx.side)
}

const objectNode = (schema: NormalSchema, at: string, ctx: SchemaContext): SchemaNode => {
  const required = new Set(schema.required)
  const properties: Array<Property> = Object.entries(schema.properties ?? {})
    .filter(([name, value]) => {
      const serverOnly = ctx.side === "payload" && ctx.rules.serverOnly(value.description)
      if (serverOnly) ctx.onRule?.(`serverOnly: ${name}`)
      return !serverOnly
    })
    .map(([name, value]) => {
      const converted = toSchemaNode(value, child(at, "properties", name), ctx)
      const secret = ctx.side === "payload" && ctx.rules.redactFields.has(name) && converted.kind === "string"
      if (secret) ctx.onRule?.(`redact: ${name}`)
      return {
        name,
        schema: secret ? ({ kind: "redacted" } as const) : converted,
        optional: !required.has(name),
        description: value.description,
      }
    })
  const additional =
    schema.additionalProperties === undefined
      ? undefined
      : toSchemaNode(schema.additionalProperties, child(at, "additionalProperties"), ctx)
  return { kind: "object", properties, additional }
}
