/**
 * Stage 2c (payloads and answers): an operation's query parameters, JSON body and 2xx answer as schema
 * nodes, and what the client sends where (POST query parameters, the forced POST of an empty body).
 */
import type { Warning } from "../errors.ts"
import { child } from "../spec/pointer.ts"
import type { NormalSchema, OpenApiOperation } from "../spec/types.ts"
import { type SchemaContext, toSchemaNode } from "./schema.ts"
import type { Property, SchemaNode } from "./types.ts"

type Warn = (warning: Warning) => void

/** Whether every value of the payload has at least one key, so the client infers POST by itself. */
export const alwaysHasKeys = (payload: SchemaNode | undefined): boolean => {
  if (payload === undefined) return false
  if (payload.kind === "object") return payload.properties.some((p) => !p.optional)
  if (payload.kind === "union") return payload.members.every(alwaysHasKeys)
  return false
}

export type Normalize = (schema: unknown, at: string) => NormalSchema

/** The payload without some of its top-level fields (an object's), for what travels in the body. */
export const withoutFields = (payload: SchemaNode | undefined, names: ReadonlyArray<string>): SchemaNode | undefined =>
  payload?.kind === "object" && names.length > 0
    ? { ...payload, properties: payload.properties.filter((p) => !names.includes(p.name)) }
    : payload

/** Header and cookie parameters: the client proxy has no per-call way to send them, so say so instead of dropping them silently. */
export const warnUnsentParameters = (operation: OpenApiOperation, at: string, warn: Warn) => {
  for (const [index, parameter] of (operation.parameters ?? []).entries())
    if (parameter.in === "header" || parameter.in === "cookie")
      warn({
        code: "parameter-skipped",
        at: child(at, "parameters", index),
        message: `${parameter.in} parameter ${JSON.stringify(parameter.name ?? "")} is not in the payload: the client sends ${parameter.in}s per client, not per call`,
      })
}

/**
 * A POST's body plus its query parameters, as one payload object; `queryFields` names those the handler
 * sends as `fetchOptions.query`. A query parameter that cannot join (the body is a union, or has a field
 * of the same name) is left out with a `parameter-skipped` warning naming it.
 */
export const withQuery = (
  body: SchemaNode | undefined,
  query: SchemaNode | undefined,
  at: string,
  warn: Warn,
): { readonly payload: SchemaNode | undefined; readonly queryFields: ReadonlyArray<string> } => {
  if (query?.kind !== "object" || query.properties.length === 0) return { payload: body, queryFields: [] }
  if (body === undefined) return { payload: query, queryFields: query.properties.map((p) => p.name) }
  const skip = (names: ReadonlyArray<string>, why: string) =>
    warn({
      code: "parameter-skipped",
      at: child(at, "parameters"),
      message: `query parameter(s) ${names.map((n) => JSON.stringify(n)).join(", ")} left out of the payload: ${why}`,
    })
  if (body.kind !== "object") {
    skip(
      query.properties.map((p) => p.name),
      "the body is a union of objects",
    )
    return { payload: body, queryFields: [] }
  }
  const taken = new Set(body.properties.map((p) => p.name))
  const clashing = query.properties.filter((p) => taken.has(p.name))
  if (clashing.length > 0)
    skip(
      clashing.map((p) => p.name),
      "the body has a field of the same name",
    )
  const joining = query.properties.filter((p) => !taken.has(p.name))
  return { payload: { ...body, properties: [...body.properties, ...joining] }, queryFields: joining.map((p) => p.name) }
}

export const queryPayload = (operation: OpenApiOperation, at: string, ctx: SchemaContext, normalize: Normalize) => {
  const properties: Array<Property> = (operation.parameters ?? [])
    .map((parameter, index) => ({ parameter, index }))
    .filter(({ parameter }) => parameter.in === "query" && typeof parameter.name === "string")
    .map(({ parameter, index }) => ({
      name: parameter.name!,
      schema: toSchemaNode(
        normalize(parameter.schema ?? {}, child(at, "parameters", index, "schema")),
        child(at, "parameters", index, "schema"),
        ctx,
      ),
      // Better Auth rarely marks required query parameters, so a missing flag means optional.
      optional: parameter.required !== true,
      description: parameter.description,
    }))
  return properties.length === 0 ? undefined : ({ kind: "object", properties, additional: undefined } as const)
}

export const bodyPayload = (operation: OpenApiOperation, at: string, ctx: SchemaContext, normalize: Normalize) => {
  const raw = operation.requestBody?.content?.["application/json"]?.schema
  if (raw === undefined) return undefined
  const where = child(at, "requestBody", "content", "application/json", "schema")
  const node = toSchemaNode(normalize(raw, where), where, ctx)
  if (node.kind === "union" && node.members.every((m) => m.kind === "object")) return node
  if (node.kind !== "object" || node.properties.length === 0) {
    if (node.kind !== "object" || node.additional === undefined) return undefined
    // A body with no declared properties: keep it open so callers can still send fields.
    return { kind: "object", properties: [], additional: node.additional } as const
  }
  return { ...node, additional: undefined }
}

export const successSchema = (
  operation: OpenApiOperation,
  at: string,
  ctx: SchemaContext,
  normalize: Normalize,
  warn: Warn,
): SchemaNode => {
  const responses = operation.responses ?? {}
  const status = Object.keys(responses)
    .sort()
    .find((code) => /^2\d\d$/.test(code))
  const schema = status === undefined ? undefined : responses[status]?.content?.["application/json"]?.schema
  if (status === undefined || schema === undefined) {
    warn({ code: "missing-response-schema", at: child(at, "responses"), message: "no JSON 2xx response schema; Success is Schema.Unknown" })
    return { kind: "unknown" }
  }
  const where = child(at, "responses", status, "content", "application/json", "schema")
  return toSchemaNode(normalize(schema, where), where, ctx)
}
