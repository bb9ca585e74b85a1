import { describe, expect, it } from "vitest"
import type { SchemaNode } from "../../../generator/model/types.ts"
import { jsdoc } from "../../../generator/render/comment.ts"
import { emptyUses, printSchema } from "../../../generator/render/printer.ts"

const cases: ReadonlyArray<[string, { given: SchemaNode; want: string }]> = [
  ["string", { given: { kind: "string" }, want: "Schema.String" }],
  ["date accepts the client's Date instances", { given: { kind: "date" }, want: "ClientDate" }],
  ["secret", { given: { kind: "redacted" }, want: "Schema.RedactedFromValue(Schema.String)" }],
  ["one literal", { given: { kind: "literals", values: ["admin"] }, want: 'Schema.Literal("admin")' }],
  ["literals", { given: { kind: "literals", values: ["a", 1, true] }, want: 'Schema.Literals(["a", 1, true])' }],
  ["nullable array of refs", { given: { kind: "nullable", inner: { kind: "array", items: { kind: "ref", name: "User" } } }, want: "Schema.NullOr(Schema.Array(User))" }],
  ["open map", { given: { kind: "object", properties: [], additional: { kind: "unknown" } }, want: "Schema.Record(Schema.String, Schema.Unknown)" }],
  [
    "struct with optional key, quoted key and escaped description",
    {
      given: {
        kind: "object",
        additional: undefined,
        properties: [
          { name: "$ref", schema: { kind: "string" }, optional: false, description: undefined },
          { name: "x-y", schema: { kind: "number" }, optional: true, description: 'ends */ "here"' },
        ],
      },
      want: `Schema.Struct({\n  $ref: Schema.String,\n  /** ends *\\/ "here" */\n  "x-y": Schema.optionalKey(Schema.Number.annotate({ description: "ends */ \\"here\\"" })),\n})`,
    },
  ],
]

describe("printSchema", () => {
  it.each(cases)("%s", (_, { given, want }) => {
    expect(printSchema(given, { uses: emptyUses(), identifiers: new Map([["User", "User"]]) })).toBe(want)
  })

  it("records the component and runtime names it refers to", () => {
    const uses = emptyUses()
    printSchema({ kind: "array", items: { kind: "union", members: [{ kind: "ref", name: "User" }, { kind: "date" }] } }, { uses, identifiers: new Map() })
    expect([...uses.components]).toEqual(["User"])
    expect([...uses.runtime]).toEqual(["ClientDate"])
  })
})

describe("jsdoc", () => {
  it.each([
    [["one line"], "/** one line */\n"],
    [["a */ b"], "/** a *\\/ b */\n"],
    [["first", "", "third"], "/**\n * first\n *\n * third\n */\n"],
    [[undefined, ""], ""],
  ] as const)("%j", (given, want) => expect(jsdoc(given)).toBe(want))
})
