import { describe, expect, it } from "vitest"
import type { Warning } from "../../../generator/errors.ts"
import { normalizeSchema } from "../../../generator/spec/normalize.ts"

const cases: ReadonlyArray<[string, { given: unknown; openapi?: string; want: unknown; warnings?: ReadonlyArray<Warning["code"]> }]> = [
  [
    "3.0 nullable inside 3.1 becomes a null type member",
    { given: { type: "string", nullable: true }, want: { type: ["string", "null"] }, warnings: ["nullable-in-3.1"] },
  ],
  [
    "3.0 nullable in a 3.0 document is not a warning",
    { given: { type: "string", nullable: true }, openapi: "3.0.3", want: { type: ["string", "null"] } },
  ],
  ["3.1 type array with null is kept", { given: { type: ["number", "null"] }, want: { type: ["number", "null"] } }],
  ['type "json" is any JSON value', { given: { type: "json", description: "meta" }, want: { description: "meta" } }],
  [
    "$ref with siblings keeps only the ref (and description)",
    {
      given: { type: "object", $ref: "#/components/schemas/User", description: "d" },
      want: { $ref: "#/components/schemas/User", description: "d" },
    },
  ],
  [
    "nullable $ref becomes anyOf with null",
    {
      given: { $ref: "#/components/schemas/User", nullable: true },
      want: { anyOf: [{ $ref: "#/components/schemas/User" }, { type: "null" }] },
      warnings: ["nullable-in-3.1"],
    },
  ],
  ["array without items gets any items", { given: { type: "array" }, want: { type: "array", items: {} }, warnings: ["untyped-field"] }],
  ["enum without type gets its type from the values", { given: { enum: ["a", "b"] }, want: { type: "string", enum: ["a", "b"] } }],
  ["{} stays any JSON value", { given: {}, want: {} }],
  [
    "object without properties is an open map",
    { given: { type: "object" }, want: { type: "object", properties: {}, required: [], additionalProperties: {} } },
  ],
  [
    "explicit empty properties is an empty object",
    { given: { type: "object", properties: {} }, want: { type: "object", properties: {}, required: [] } },
  ],
  [
    "a property literally named $ref is a property, not a reference",
    {
      given: { type: "object", properties: { $ref: { type: "string" } } },
      want: { type: "object", properties: { $ref: { type: "string" } }, required: [] },
    },
  ],
  ["unknown type is any JSON value with a warning", { given: { type: "uuid" }, want: {}, warnings: ["unsupported-schema"] }],
  ["const gives the type and the one literal", { given: { const: 3 }, want: { type: "integer", enum: [3] } }],
  [
    "an enum holding an object is widened to its type",
    { given: { type: "string", enum: ["a", { b: 1 }] }, want: { type: "string" }, warnings: ["unsupported-schema"] },
  ],
  ["an enum holding an array and no type is any JSON value", { given: { enum: [[1], 2] }, want: {}, warnings: ["unsupported-schema"] }],
  [
    "a non-finite const (1e309) is widened",
    { given: { type: "number", const: Number.POSITIVE_INFINITY }, want: { type: "number" }, warnings: ["unsupported-schema"] },
  ],
  ["an empty enum is widened", { given: { type: "string", enum: [] }, want: { type: "string" }, warnings: ["unsupported-schema"] }],
  ["a null enum value makes the literal nullable", { given: { enum: ["a", null] }, want: { type: ["string", "null"], enum: ["a", null] } }],
]

describe("normalizeSchema", () => {
  it.each(cases)("%s", (_, { given, openapi, want, warnings }) => {
    const seen: Array<Warning> = []
    expect(normalizeSchema(given, "#/x", { openapi: openapi ?? "3.1.1", warn: (w) => seen.push(w) })).toEqual(want)
    expect(seen.map((w) => w.code)).toEqual(warnings ?? [])
  })
})

describe("normalizeSchema: allOf", () => {
  const schemas: Readonly<Record<string, unknown>> = {
    "#/shared/Base": { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" } } },
    "#/components/schemas/User": {
      type: "object",
      required: ["email"],
      properties: { email: { type: "string" } },
      additionalProperties: { type: "number" },
    },
    "#/shared/Tags": { type: "array", items: { type: "string" } },
    "#/shared/Loop": { allOf: [{ $ref: "#/shared/Loop" }, { type: "object", properties: {} }] },
  }
  const run = (given: unknown, resolve: boolean) => {
    const seen: Array<string> = []
    const faults: Array<string> = []
    const result = normalizeSchema(given, "#/x", {
      openapi: "3.1.1",
      warn: (w) => seen.push(`${w.code} ${w.at}`),
      ...(resolve
        ? { resolve: (ref: string) => schemas[ref], fail: (at: string, message: string) => faults.push(`${at}: ${message}`) }
        : {}),
    })
    return { result, warnings: seen, faults }
  }
  const extended = { type: "object", required: ["role"], properties: { role: { type: "string" }, name: { type: "integer" } } }

  it.each([
    [
      "a shared schema plus fields: one object, a later property replacing an earlier one in its place, required united",
      { description: "d", allOf: [{ $ref: "#/shared/Base" }, extended] },
      {
        result: {
          type: "object",
          description: "d",
          properties: { id: { type: "string" }, name: { type: "integer" }, role: { type: "string" } },
          required: ["id", "role"],
        },
        warnings: [],
        faults: [],
      },
    ],
    [
      "a component plus fields, its additionalProperties kept",
      { allOf: [{ $ref: "#/components/schemas/User" }, extended] },
      {
        result: {
          type: "object",
          properties: { email: { type: "string" }, role: { type: "string" }, name: { type: "integer" } },
          required: ["email", "role"],
          additionalProperties: { type: "number" },
        },
        warnings: [],
        faults: [],
      },
    ],
    [
      "a member that is not an object is a fault at its pointer",
      { allOf: [{ $ref: "#/shared/Tags" }, extended] },
      {
        result: {},
        warnings: [],
        faults: ['#/x/allOf/0: allOf #/shared/Tags is not an object schema (type "array"), so it cannot be merged'],
      },
    ],
    [
      "an inline member that is nullable is not an object",
      { allOf: [extended, { type: ["object", "null"], properties: {} }] },
      {
        result: {},
        warnings: [],
        faults: ['#/x/allOf/1: allOf member 1 is not an object schema (type ["object","null"]), so it cannot be merged'],
      },
    ],
    [
      "a schema that includes itself is a fault, not a loop",
      { allOf: [{ $ref: "#/shared/Loop" }, extended] },
      { result: {}, warnings: [], faults: ["#/x/allOf/0: in #/shared/Loop: allOf includes #/shared/Loop inside itself"] },
    ],
    [
      "an unresolvable reference is a warning (a shipped override's plugin may be missing)",
      { allOf: [{ $ref: "#/shared/Nope" }, extended] },
      { result: {}, warnings: ["unsupported-schema #/x/allOf/0/$ref"], faults: [] },
    ],
  ])("%s", (_, given, want) => expect(run(given, true)).toEqual(want))

  it("is not merged without a resolver (the document): several members are any JSON value", () => {
    expect(run({ allOf: [{ $ref: "#/shared/Base" }, extended] }, false)).toEqual({
      result: {},
      warnings: ["unsupported-schema #/x"],
      faults: [],
    })
  })
})
