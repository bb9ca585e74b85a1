/**
 * The override file format, as an Effect Schema: the single source of truth for validation (and, later,
 * the JSON Schema editors use). Unknown keys are errors, so a typo never silently does nothing.
 */
import { Schema } from "effect"

/** A JSON-Schema-like YAML value (`type`, `properties`, `required`, `items`, `enum`, `$ref`, …). */
export const InlineSchema = Schema.Record(Schema.String, Schema.Unknown).annotate({
  description: "A JSON Schema, written in YAML; `$ref: '#/components/schemas/User'` refers to a spec component.",
})

export const FieldPatch = Schema.Struct({
  optional: Schema.optionalKey(Schema.Boolean.annotate({ description: "Whether the key may be absent." })),
  nullable: Schema.optionalKey(Schema.Boolean.annotate({ description: "Whether the value may be null." })),
  redacted: Schema.optionalKey(Schema.Boolean.annotate({ description: "A secret: Redacted in the Type, a string on the wire." })),
  type: Schema.optionalKey(
    Schema.Literals(["string", "number", "integer", "boolean", "date", "unknown"]).annotate({ description: "Replace the value type." }),
  ),
  literals: Schema.optionalKey(
    Schema.Array(Schema.Union([Schema.String, Schema.Number, Schema.Boolean])).annotate({ description: "The value is one of these literals." }),
  ),
  array: Schema.optionalKey(Schema.Boolean.annotate({ description: "The value is an array of the type." })),
  description: Schema.optionalKey(Schema.String),
  schema: Schema.optionalKey(InlineSchema),
})
export type FieldPatch = typeof FieldPatch.Type

export const SchemaPatch = Schema.Struct({
  replace: Schema.optionalKey(InlineSchema),
  fields: Schema.optionalKey(Schema.Record(Schema.String, FieldPatch)),
  remove: Schema.optionalKey(Schema.Array(Schema.String)),
})
export type SchemaPatch = typeof SchemaPatch.Type

export const OverrideFile = Schema.Struct({
  endpoint: Schema.String.annotate({ description: 'The endpoint this file corrects, "METHOD /path", e.g. "POST /two-factor/verify-totp".' }),
  skip: Schema.optionalKey(Schema.String.annotate({ description: "Leave the endpoint out of the SDK; the text is the reason, recorded in manifest.json." })),
  clientCall: Schema.optionalKey(Schema.String.annotate({ description: "The client method, dotted: `twoFactor.verifyTotp`." })),
  mutatesSession: Schema.optionalKey(Schema.Boolean.annotate({ description: "Notify `$sessionSignal` after success." })),
  description: Schema.optionalKey(Schema.String),
  payload: Schema.optionalKey(SchemaPatch),
  success: Schema.optionalKey(SchemaPatch),
})
export type OverrideFile = typeof OverrideFile.Type

/** Known keys per nesting level, for "did you mean" hints. */
export const KNOWN_KEYS = {
  file: Object.keys(OverrideFile.fields),
  patch: Object.keys(SchemaPatch.fields),
  field: Object.keys(FieldPatch.fields),
} as const
