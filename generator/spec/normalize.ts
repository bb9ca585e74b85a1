/**
 * Stage 1b: normalize Better Auth's loose JSON Schemas into one canonical form, so that model/ handles
 * each idea once. Guarantees on the output:
 * - nullability is only `type: [..., "null"]` or `anyOf: [..., { type: "null" }]` (3.0 `nullable` folded in);
 * - `type: "json"`, `{}` and unknown types become `{}` (any JSON value);
 * - `$ref` stands alone (siblings other than `description` dropped);
 * - arrays always have `items`; `enum` always has a `type`;
 * - object keys are untouched, so a property literally named `$ref` stays a property;
 * - where the context can resolve references (override schemas), `allOf` of objects (a `$ref` to a
 *   shared schema or component plus fields) is merged into one object: properties in member order (a
 *   later member's property replaces an earlier one in its place), `required` united.
 * Every lossy step reports a coded warning with the JSON pointer of the schema.
 */
import type { Warning } from "../errors.ts"
import { child } from "./pointer.ts"
import type { JsonLiteral, NormalSchema, RawSchema } from "./types.ts"

export interface NormalizeContext {
  /** The document's `openapi` version: `nullable` is only legal before 3.1. */
  readonly openapi: string
  readonly warn: (warning: Warning) => void
  /**
   * The schema a `$ref` names (`#/shared/Name`, `#/components/schemas/Name`). Given, an `allOf` of
   * several members is merged into one object; absent (the document), it is not supported.
   */
  readonly resolve?: ((ref: string) => unknown) | undefined
  /** A fault that must stop the run (an `allOf` member that is not an object), at its pointer. */
  readonly fail?: ((at: string, message: string) => void) | undefined
  /** The references being merged through `allOf`, outermost first, to stop at a cycle. */
  readonly merging?: ReadonlyArray<string> | undefined
}

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"])

const isRecord = (value: unknown): value is RawSchema => value !== null && typeof value === "object" && !Array.isArray(value)

/** A value `Schema.Literal` can hold and JSON can carry. */
const isLiteral = (value: unknown): value is JsonLiteral =>
  value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))

const typeOfLiteral = (value: unknown): string =>
  value === null ? "null" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value

/** Normalizes one schema (recursively). `at` is the schema's JSON pointer. */
export const normalizeSchema = (schema: unknown, at: string, ctx: NormalizeContext): NormalSchema => {
  if (!isRecord(schema)) {
    ctx.warn({ code: "unsupported-schema", at, message: "schema is not an object; treated as any JSON value" })
    return {}
  }
  const description = typeof schema["description"] === "string" ? { description: schema["description"] } : {}
  const nullable = schema["nullable"] === true
  if (nullable && !ctx.openapi.startsWith("3.0"))
    ctx.warn({
      code: "nullable-in-3.1",
      at,
      message: `3.0-style "nullable: true" in an OpenAPI ${ctx.openapi} document; kept as a null member`,
    })
  const withNull = (result: NormalSchema): NormalSchema => (nullable ? addNull(result) : result)

  if (typeof schema["$ref"] === "string") return withNull({ $ref: schema["$ref"], ...description })

  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key]
    if (Array.isArray(members)) {
      return withNull({ ...description, anyOf: members.map((m, i) => normalizeSchema(m, child(at, key, i), ctx)) })
    }
  }
  const allOf: unknown = schema["allOf"]
  if (Array.isArray(allOf)) {
    const members: ReadonlyArray<unknown> = allOf
    if (members.length === 1) return withNull({ ...normalizeSchema(members[0], child(at, "allOf", 0), ctx), ...description })
    if (ctx.resolve !== undefined) return withNull({ ...mergeAllOf(members, at, ctx, ctx.resolve), ...description })
    ctx.warn({ code: "unsupported-schema", at, message: "allOf with several members is not supported; treated as any JSON value" })
    return withNull({ ...description })
  }

  const listed: ReadonlyArray<unknown> | undefined =
    "const" in schema ? [schema["const"]] : Array.isArray(schema["enum"]) ? schema["enum"] : undefined
  const enumValues: ReadonlyArray<JsonLiteral> | undefined =
    listed !== undefined && listed.length > 0 && listed.every(isLiteral) ? listed : undefined
  if (listed !== undefined && enumValues === undefined) {
    const key = "const" in schema ? "const" : "enum"
    ctx.warn({
      code: "unsupported-schema",
      at: child(at, key),
      message: `${key} must list strings, finite numbers, booleans or null; the ${key} is ignored`,
    })
  }
  const declared: unknown = schema["type"]
  let types: ReadonlyArray<unknown> = declared === undefined || declared === null ? [] : Array.isArray(declared) ? declared : [declared]
  if (types.length === 0 && enumValues !== undefined) types = [...new Set(enumValues.map(typeOfLiteral))]
  if (types.length === 0 && isRecord(schema["properties"])) types = ["object"]
  if (types.length === 0 && "items" in schema) types = ["array"]
  if (types.some((t) => t === "json")) return withNull({ ...description })
  const unknownType = types.find((t) => typeof t !== "string" || !JSON_TYPES.has(t))
  if (unknownType !== undefined) {
    ctx.warn({
      code: "unsupported-schema",
      at: child(at, "type"),
      message: `unknown type ${JSON.stringify(unknownType)}; treated as any JSON value`,
    })
    return withNull({ ...description })
  }
  const names = types.filter((t): t is string => typeof t === "string")
  if (names.length === 0) return withNull({ ...description })

  const format = typeof schema["format"] === "string" ? { format: schema["format"] } : {}
  let items: { readonly items?: NormalSchema } = {}
  if (names.includes("array")) {
    if ("items" in schema) items = { items: normalizeSchema(schema["items"], child(at, "items"), ctx) }
    else {
      ctx.warn({ code: "untyped-field", at, message: "array without items; items treated as any JSON value" })
      items = { items: {} }
    }
  }
  let object: Pick<NormalSchema, "properties" | "required" | "additionalProperties"> = {}
  if (names.includes("object")) {
    const properties = isRecord(schema["properties"]) ? schema["properties"] : {}
    const required = schema["required"]
    const additional = schema["additionalProperties"]
    object = {
      properties: Object.fromEntries(
        Object.entries(properties).map(([name, value]) => [name, normalizeSchema(value, child(at, "properties", name), ctx)]),
      ),
      required: Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [],
      // `{ type: object }` with no `properties` at all is an open map; an explicit `properties: {}` is an empty object.
      ...(isRecord(additional)
        ? { additionalProperties: normalizeSchema(additional, child(at, "additionalProperties"), ctx) }
        : additional === true || (additional === undefined && !("properties" in schema))
          ? { additionalProperties: {} }
          : {}),
    }
  }
  const type = names.length === 1 ? names[0]! : names
  return withNull({
    ...description,
    type,
    ...(enumValues === undefined ? {} : { enum: enumValues }),
    ...format,
    ...items,
    ...object,
  })
}

/** One object from `allOf` members, each an object schema or a `$ref` to one (see the module comment). */
const mergeAllOf = (
  members: ReadonlyArray<unknown>,
  at: string,
  ctx: NormalizeContext,
  resolve: (ref: string) => unknown,
): NormalSchema => {
  const properties = new Map<string, NormalSchema>()
  const required = new Set<string>()
  let additional: NormalSchema | undefined
  // Every member's fault is reported; an allOf with one is any JSON value (the run fails anyway).
  let broken = false
  const fault = (where: string, message: string) => {
    broken = true
    if (ctx.fail !== undefined) ctx.fail(where, message)
    else ctx.warn({ code: "unsupported-schema", at: where, message: `${message}; treated as any JSON value` })
  }
  for (const [index, member] of members.entries()) {
    const where = child(at, "allOf", index)
    const ref = isRecord(member) && typeof member["$ref"] === "string" ? member["$ref"] : undefined
    if (ref !== undefined && ctx.merging?.includes(ref) === true) {
      fault(where, `allOf includes ${ref} inside itself`)
      continue
    }
    const target = ref === undefined ? member : resolve(ref)
    if (target === undefined) {
      ctx.warn({
        code: "unsupported-schema",
        at: child(where, "$ref"),
        message: `unresolvable $ref ${JSON.stringify(ref)}; the allOf is treated as any JSON value`,
      })
      return {}
    }
    // A fault inside a member is reported where it is, once; inside a referenced schema, at the reference
    // (the pointers below it are not in this file).
    let failed = false
    const fail = (inner: string, message: string) => {
      failed = true
      if (ref === undefined) fault(inner, message)
      else fault(where, `in ${ref}: ${message}`)
    }
    const schema = normalizeSchema(target, where, {
      ...ctx,
      fail,
      merging: ref === undefined ? ctx.merging : [...(ctx.merging ?? []), ref],
    })
    if (failed) continue
    if (schema["type"] !== "object") {
      fault(
        where,
        `allOf ${ref ?? `member ${index}`} is not an object schema (type ${JSON.stringify(schema["type"] ?? "any")}), so it cannot be merged`,
      )
      continue
    }
    // A later member's property replaces an earlier one of that name, in its place.
    for (const [name, value] of Object.entries(schema.properties ?? {})) properties.set(name, value)
    for (const name of schema.required ?? []) required.add(name)
    if (schema.additionalProperties !== undefined) additional = schema.additionalProperties
  }
  if (broken) return {}
  return {
    type: "object",
    properties: Object.fromEntries(properties),
    required: [...required],
    ...(additional === undefined ? {} : { additionalProperties: additional }),
  }
}

/** Adds `null` to a normalized schema: into `type` when it has one, else as an `anyOf` member. */
export const addNull = (schema: NormalSchema): NormalSchema => {
  const type = schema.type
  if (typeof type === "string" && schema.enum === undefined) return type === "null" ? schema : { ...schema, type: [type, "null"] }
  if (type !== undefined && typeof type !== "string" && schema.enum === undefined)
    return type.includes("null") ? schema : { ...schema, type: [...type, "null"] }
  if (Object.keys(schema).every((k) => k === "description")) return schema // any JSON value already admits null
  const { description, ...rest } = schema
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] }
}
