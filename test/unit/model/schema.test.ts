/**
 * The converter that alone reads JSON Schema keywords: one case per construct, from a normalized schema
 * (what spec/normalize hands it) to the SchemaNode the printers use, on each side (payload, success).
 */
import { describe, expect, it } from "vitest"
import type { Warning } from "../../../generator/errors.ts"
import { type SchemaContext, toSchemaNode } from "../../../generator/model/schema.ts"
import type { SchemaNode, Side } from "../../../generator/model/types.ts"
import type { NormalSchema } from "../../../generator/spec/types.ts"

const context = (side: Side, warnings: Array<Warning["code"]>, rules: Array<string> = []): SchemaContext => ({
  side,
  rules: { redactFields: new Set(["password"]), serverOnly: (description) => description?.includes("server-only") === true },
  components: new Set(["User"]),
  shared: new Set(["Status"]),
  onRule: (rule) => rules.push(rule),
  warn: (w) => warnings.push(w.code),
})

const STRING: SchemaNode = { kind: "string" }

const cases: ReadonlyArray<
  [string, { given: NormalSchema; side?: Side; want: SchemaNode; warnings?: ReadonlyArray<Warning["code"]>; rules?: ReadonlyArray<string> }]
> = [
  ["string", { given: { type: "string" }, want: STRING }],
  ["date-time in an answer is a date", { given: { type: "string", format: "date-time" }, want: { kind: "date" } }],
  ["date-time in a payload stays a string", { given: { type: "string", format: "date-time" }, side: "payload", want: STRING }],
  ["number", { given: { type: "number" }, want: { kind: "number" } }],
  ["integer", { given: { type: "integer" }, want: { kind: "integer" } }],
  ["boolean", { given: { type: "boolean" }, want: { kind: "boolean" } }],
  ["null alone", { given: { type: "null" }, want: { kind: "null" } }],
  ["no type: any JSON value", { given: {}, want: { kind: "unknown" } }],
  ["a type array with null is nullable", { given: { type: ["string", "null"] }, want: { kind: "nullable", inner: STRING } }],
  [
    "a type array of two types is a union",
    { given: { type: ["string", "number"] }, want: { kind: "union", members: [STRING, { kind: "number" }] } },
  ],
  ["enum: literals", { given: { type: "string", enum: ["a", "b"] }, want: { kind: "literals", values: ["a", "b"] } }],
  [
    "enum with null: nullable literals",
    { given: { type: ["string", "null"], enum: ["a", null] }, want: { kind: "nullable", inner: { kind: "literals", values: ["a"] } } },
  ],
  [
    "anyOf with null: nullable member",
    { given: { anyOf: [{ type: "string" }, { type: "null" }] }, want: { kind: "nullable", inner: STRING } },
  ],
  [
    "anyOf of two: a union",
    { given: { anyOf: [{ type: "string" }, { type: "boolean" }] }, want: { kind: "union", members: [STRING, { kind: "boolean" }] } },
  ],
  ["array of items", { given: { type: "array", items: { type: "string" } }, want: { kind: "array", items: STRING } }],
  [
    "object: required and optional fields with descriptions",
    {
      given: { type: "object", required: ["id"], properties: { id: { type: "string", description: "The id" }, name: { type: "string" } } },
      want: {
        kind: "object",
        properties: [
          { name: "id", schema: STRING, optional: false, description: "The id" },
          { name: "name", schema: STRING, optional: true, description: undefined },
        ],
        additional: undefined,
      },
    },
  ],
  [
    "object with additionalProperties: a map",
    {
      given: { type: "object", properties: {}, required: [], additionalProperties: { type: "number" } },
      want: { kind: "object", properties: [], additional: { kind: "number" } },
    },
  ],
  ["$ref to a component", { given: { $ref: "#/components/schemas/User" }, want: { kind: "ref", name: "User" } }],
  ["$ref to a shared schema", { given: { $ref: "#/shared/Status" }, want: { kind: "ref", name: "Status" } }],
  [
    "$ref to nothing known: any JSON value, with a warning",
    { given: { $ref: "#/components/schemas/Nobody" }, want: { kind: "unknown" }, warnings: ["unsupported-schema"] },
  ],
  [
    "a payload secret is redacted (rule redact)",
    {
      given: { type: "object", required: ["password"], properties: { password: { type: "string" } } },
      side: "payload",
      want: {
        kind: "object",
        properties: [{ name: "password", schema: { kind: "redacted" }, optional: false, description: undefined }],
        additional: undefined,
      },
      rules: ["redact: password"],
    },
  ],
  [
    "an answer's field of a secret's name stays a string",
    {
      given: { type: "object", required: ["password"], properties: { password: { type: "string" } } },
      want: {
        kind: "object",
        properties: [{ name: "password", schema: STRING, optional: false, description: undefined }],
        additional: undefined,
      },
    },
  ],
  [
    "a server-only payload field is left out (rule serverOnly)",
    {
      given: {
        type: "object",
        required: [],
        properties: { name: { type: "string" }, userId: { type: "string", description: "server-only." } },
      },
      side: "payload",
      want: {
        kind: "object",
        properties: [{ name: "name", schema: STRING, optional: true, description: undefined }],
        additional: undefined,
      },
      rules: ["serverOnly: userId"],
    },
  ],
]

describe("toSchemaNode", () => {
  it.each(cases)("%s", (_, { given, side = "success", want, warnings = [], rules = [] }) => {
    const heard: Array<Warning["code"]> = []
    const applied: Array<string> = []
    expect(toSchemaNode(given, "#/x", context(side, heard, applied))).toEqual(want)
    expect(heard).toEqual(warnings)
    expect(applied).toEqual(rules)
  })
})
