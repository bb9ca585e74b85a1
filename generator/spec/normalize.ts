/**
 * Stage 1b: normalize Better Auth's loose JSON Schemas into one canonical form, so that model/ handles
 * each idea once. Guarantees on the output:
 * - nullability is only `type: [..., "null"]` or `anyOf: [..., { type: "null" }]` (3.0 `nullable` folded in);
 * - `type: "json"`, `{}` and unknown types become `{}` (any JSON value);
 * - `$ref` stands alone (siblings other than `description` dropped);
 * - arrays always have `items`; `enum` always has a `type`;
 * - object keys are untouched, so a property literally named `$ref` stays a property.
 * Every lossy step reports a coded warning with the JSON pointer of the schema.
 */
import type { Warning } from "../errors.ts"
import { child } from "./pointer.ts"
import type { RawSchema } from "./types.ts"

export interface NormalizeContext {
  /** The document's `openapi` version: `nullable` is only legal before 3.1. */
  readonly openapi: string
  readonly warn: (warning: Warning) => void
}

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"])

const isRecord = (value: unknown): value is RawSchema =>
  value !== null && typeof value === "object" && !Array.isArray(value)

/** A value `Schema.Literal` can hold and JSON can carry. */
const isLiteral = (value: unknown): boolean =>
  value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))

const typeOfLiteral = (value: unknown): string =>
  value === null ? "null" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value

/** Normalizes one schema (recursively). `at` is the schema's JSON pointer. */
export const normalizeSchema = (schema: unknown, at: string, ctx: NormalizeContext): RawSchema => {
  if (!isRecord(schema)) {
    ctx.warn({ code: "unsupported-schema", at, message: "schema is not an object; treated as any JSON value" })
    return {}
  }
  const description = typeof schema["description"] === "string" ? { description: schema["description"] } : {}
  const nullable = schema["nullable"] === true
  if (nullable && !ctx.openapi.startsWith("3.0"))
    ctx.warn({ code: "nullable-in-3.1", at, message: `3.0-style "nullable: true" in an OpenAPI ${ctx.openapi} document; kept as a null member` })
  const withNull = (result: RawSchema): RawSchema => (nullable ? addNull(result) : result)

  if (typeof schema["$ref"] === "string") return withNull({ $ref: schema["$ref"], ...description })

  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key]
    if (Array.isArray(members)) {
      return withNull({ ...description, anyOf: members.map((m, i) => normalizeSchema(m, child(at, key, i), ctx)) })
    }
  }
  if (Array.isArray(schema["allOf"])) {
    const members = schema["allOf"] as ReadonlyArray<unknown>
    if (members.length === 1) return withNull({ ...normalizeSchema(members[0], child(at, "allOf", 0), ctx), ...description })
    ctx.warn({ code: "unsupported-schema", at, message: "allOf with several members is not supported; treated as any JSON value" })
    return withNull({ ...description })
  }

  let enumValues = "const" in schema ? [schema["const"]] : Array.isArray(schema["enum"]) ? (schema["enum"] as ReadonlyArray<unknown>) : undefined
  if (enumValues !== undefined && (enumValues.length === 0 || !enumValues.every(isLiteral))) {
    const key = "const" in schema ? "const" : "enum"
    ctx.warn({ code: "unsupported-schema", at: child(at, key), message: `${key} must list strings, finite numbers, booleans or null; the ${key} is ignored` })
    enumValues = undefined
  }
  let types = ([] as Array<unknown>).concat(schema["type"] ?? [])
  if (types.length === 0 && enumValues !== undefined) types = [...new Set(enumValues.map(typeOfLiteral))]
  if (types.length === 0 && isRecord(schema["properties"])) types = ["object"]
  if (types.length === 0 && "items" in schema) types = ["array"]
  if (types.some((t) => t === "json")) return withNull({ ...description })
  const unknownType = types.find((t) => typeof t !== "string" || !JSON_TYPES.has(t))
  if (unknownType !== undefined) {
    ctx.warn({ code: "unsupported-schema", at: child(at, "type"), message: `unknown type ${JSON.stringify(unknownType)}; treated as any JSON value` })
    return withNull({ ...description })
  }
  if (types.length === 0) return withNull({ ...description })

  const out: Record<string, unknown> = { ...description, type: types.length === 1 ? types[0] : types }
  if (enumValues !== undefined) out["enum"] = enumValues
  if (typeof schema["format"] === "string") out["format"] = schema["format"]
  if ("default" in schema) out["default"] = schema["default"]
  if (types.includes("array")) {
    if ("items" in schema) out["items"] = normalizeSchema(schema["items"], child(at, "items"), ctx)
    else {
      ctx.warn({ code: "untyped-field", at, message: "array without items; items treated as any JSON value" })
      out["items"] = {}
    }
  }
  if (types.includes("object")) {
    const properties = isRecord(schema["properties"]) ? schema["properties"] : {}
    out["properties"] = Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [name, normalizeSchema(value, child(at, "properties", name), ctx)]),
    )
    out["required"] = Array.isArray(schema["required"]) ? schema["required"].filter((r) => typeof r === "string") : []
    const additional = schema["additionalProperties"]
    if (isRecord(additional)) out["additionalProperties"] = normalizeSchema(additional, child(at, "additionalProperties"), ctx)
    // `{ type: object }` with no `properties` at all is an open map; an explicit `properties: {}` is an empty object.
    else if (additional === true || (additional === undefined && !("properties" in schema))) out["additionalProperties"] = {}
  }
  return withNull(out)
}

/** Adds `null` to a normalized schema: into `type` when it has one, else as an `anyOf` member. */
export const addNull = (schema: RawSchema): RawSchema => {
  const type = schema["type"]
  if (typeof type === "string" && schema["enum"] === undefined) return type === "null" ? schema : { ...schema, type: [type, "null"] }
  if (Array.isArray(type) && schema["enum"] === undefined) return type.includes("null") ? schema : { ...schema, type: [...type, "null"] }
  if (Object.keys(schema).every((k) => k === "description")) return schema // any JSON value already admits null
  const { description, ...rest } = schema
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] }
}
