import { describe, expect, it } from "vitest"
import { validateDocument } from "../../../generator/spec/validate.ts"

const op = (schema: unknown) => ({ post: { requestBody: { content: { "application/json": { schema } } } } })
const doc = (extra: Record<string, unknown>) => ({ openapi: "3.1.0", paths: {}, ...extra })
const errorOf = (value: unknown) => validateDocument("spec.json", value)?.toString()

describe("validateDocument: every $ref is resolved or rejected at its JSON pointer", () => {
  it.each([
    [
      "a missing component",
      doc({ paths: { "/a": op({ $ref: "#/components/schemas/Nope" }) } }),
      'spec.json:#/paths/~1a/post/requestBody/content/application~1json/schema/$ref: $ref "#/components/schemas/Nope": the document has no schema "Nope" in components/schemas',
    ],
    [
      "another file",
      doc({ components: { schemas: { A: { type: "object", properties: { b: { $ref: "other.json#/B" } } } } } }),
      'spec.json:#/components/schemas/A/properties/b/$ref: $ref "other.json#/B" points to another file or URL; only "#/components/schemas/<Name>" in this document is supported',
    ],
    [
      "a URL",
      doc({ components: { schemas: { A: { $ref: "https://example.com/s.json" } } } }),
      'spec.json:#/components/schemas/A/$ref: $ref "https://example.com/s.json" points to another file or URL; only "#/components/schemas/<Name>" in this document is supported',
    ],
    [
      "another part of the document",
      doc({ components: { schemas: { A: { items: { $ref: "#/paths/~1a" } } } } }),
      'spec.json:#/components/schemas/A/items/$ref: $ref "#/paths/~1a" is not supported; refer to "#/components/schemas/<Name>"',
    ],
    [
      "a $ref that is not a string",
      doc({ components: { schemas: { A: { $ref: 5 } } } }),
      "spec.json:#/components/schemas/A/$ref: expected a $ref string, found number 5",
    ],
    [
      "an Object.prototype name",
      doc({ components: { schemas: { A: { $ref: "#/components/schemas/constructor" } } } }),
      'spec.json:#/components/schemas/A/$ref: $ref "#/components/schemas/constructor": the document has no schema "constructor" in components/schemas',
    ],
    [
      "a cycle made only of refs",
      doc({
        components: {
          schemas: { A: { $ref: "#/components/schemas/B" }, B: { anyOf: [{ type: "null" }, { $ref: "#/components/schemas/A" }] } },
        },
      }),
      'spec.json:#/components/schemas/B/anyOf/1/$ref: $ref to "A" closes a cycle made only of references ("B" is "A", which is "B" again); a recursive schema must recurse through an object property or array items',
    ],
    [
      "a self reference",
      doc({ components: { schemas: { A: { allOf: [{ $ref: "#/components/schemas/A" }] } } } }),
      'spec.json:#/components/schemas/A/allOf/0/$ref: $ref to "A" closes a cycle made only of references ("A" is itself); a recursive schema must recurse through an object property or array items',
    ],
    [
      "a parameter $ref",
      doc({ paths: { "/a": { get: { parameters: [{ $ref: "#/components/parameters/P" }] } } } }),
      "spec.json:#/paths/~1a/get/parameters/0/$ref: a $ref here is not supported (only schemas may be references); write it inline",
    ],
  ])("%s", (_, value, want) => expect(errorOf(value)).toBe(want))

  it("accepts recursion through properties and arrays, and a property named $ref", () => {
    const node = {
      type: "object",
      properties: { $ref: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
    }
    expect(errorOf(doc({ components: { schemas: { Node: node } } }))).toBeUndefined()
  })
})

describe("validateDocument: malformed values are located errors", () => {
  const deep = (levels: number): unknown => (levels === 0 ? { type: "string" } : { type: "object", properties: { a: deep(levels - 1) } })
  it.each([
    ["a null path item", doc({ paths: { "/a": null } }), "spec.json:#/paths/~1a: expected a path item (an object), found null"],
    [
      "a false operation",
      doc({ paths: { "/a": { post: false } } }),
      "spec.json:#/paths/~1a/post: expected an operation (an object), found boolean false",
    ],
    [
      "parameters that are an object",
      doc({ paths: { "/a": { get: { parameters: {} } } } }),
      "spec.json:#/paths/~1a/get/parameters: expected an array of parameters, found an object",
    ],
    [
      "a [null] parameter",
      doc({ paths: { "/a": { get: { parameters: [null] } } } }),
      "spec.json:#/paths/~1a/get/parameters/0: expected a parameter (an object), found null",
    ],
    [
      "a description that is an object",
      doc({ paths: { "/a": { get: { description: {} } } } }),
      "spec.json:#/paths/~1a/get/description: expected a string, found an object",
    ],
    ["null components", doc({ components: null }), "spec.json:#/components: expected the components (an object), found null"],
    [
      "schemas that are an array",
      doc({ components: { schemas: [] } }),
      "spec.json:#/components/schemas: expected a map of schemas (an object), found an array",
    ],
    [
      "null responses",
      doc({ paths: { "/a": { get: { responses: null } } } }),
      "spec.json:#/paths/~1a/get/responses: expected a map of responses (an object), found null",
    ],
    [
      "a content string",
      doc({ paths: { "/a": { post: { requestBody: { content: "x" } } } } }),
      "spec.json:#/paths/~1a/post/requestBody/content: expected a content map (an object), found a string",
    ],
    [
      "schemas nested deeper than 32 levels",
      doc({ components: { schemas: { D: deep(200) } } }),
      `spec.json:#/components/schemas/D${"/properties/a".repeat(32)}: schemas nest deeper than 32 levels here; move the inner schema into components/schemas and refer to it with $ref`,
    ],
  ])("%s", (_, value, want) => expect(errorOf(value)).toBe(want))

  it("ignores path item keys that are not operations", () => {
    expect(errorOf(doc({ paths: { "/a": { summary: "x", parameters: [] } } }))).toBeUndefined()
  })
})
