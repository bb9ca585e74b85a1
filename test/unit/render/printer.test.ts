import { describe, expect, it } from "vitest"
import type { SchemaNode } from "../../../generator/model/types.ts"
import { jsdoc } from "../../../generator/render/comment.ts"
import { emptyUses, printDeclaration, printSchema } from "../../../generator/render/printer.ts"

const cases: ReadonlyArray<[string, { given: SchemaNode; want: string }]> = [
  ["string", { given: { kind: "string" }, want: "Schema.String" }],
  ["date accepts the client's Date instances", { given: { kind: "date" }, want: "ClientDate" }],
  ["secret", { given: { kind: "redacted" }, want: "Schema.RedactedFromValue(Schema.String)" }],
  ["one literal", { given: { kind: "literals", values: ["admin"] }, want: 'Schema.Literal("admin")' }],
  ["literals", { given: { kind: "literals", values: ["a", 1, true] }, want: 'Schema.Literals(["a", 1, true])' }],
  [
    "nullable array of refs",
    {
      given: { kind: "nullable", inner: { kind: "array", items: { kind: "ref", name: "User" } } },
      want: "Schema.NullOr(Schema.Array(User))",
    },
  ],
  [
    "open map",
    { given: { kind: "object", properties: [], additional: { kind: "unknown" } }, want: "Schema.Record(Schema.String, Schema.Unknown)" },
  ],
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
      // The description once, as an annotation (it reaches runtime); no JSDoc copy of it.
      want: `Schema.Struct({\n  $ref: Schema.String,\n  "x-y": Schema.optionalKey(Schema.Number.annotate({ description: "ends */ \\"here\\"" })),\n})`,
    },
  ],
]

describe("printSchema", () => {
  it.each(cases)("%s", (_, { given, want }) => {
    expect(printSchema(given, { uses: emptyUses(), identifiers: new Map([["User", "User"]]) })).toBe(want)
  })

  it("records the component and runtime names it refers to", () => {
    const uses = emptyUses()
    printSchema(
      { kind: "array", items: { kind: "union", members: [{ kind: "ref", name: "User" }, { kind: "date" }] } },
      { uses, identifiers: new Map() },
    )
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

describe("printDeclaration", () => {
  const docs = ["Success answer of `GET /ok`."]
  it.each([
    [
      "a constant: the JSDoc on the value, none on the type of the same name",
      { kind: "array", items: { kind: "string" } },
      "/** Success answer of `GET /ok`. */\nexport const Success = Schema.Array(Schema.String)\nexport type Success = typeof Success.Type\n",
    ],
    [
      "a class: the JSDoc on the class, each field's description once, as an annotation",
      {
        kind: "object",
        additional: undefined,
        properties: [{ name: "ok", schema: { kind: "boolean" }, optional: false, description: "Whether it worked." }],
      },
      '/** Success answer of `GET /ok`. */\nexport class Success extends Schema.Class<Success>("ok/Success")({\n  ok: Schema.Boolean.annotate({ description: "Whether it worked." }),\n}) {}\n',
    ],
  ] as const)("%s", (_, node, want) => {
    expect(
      printDeclaration({
        name: "Success",
        identifier: "ok/Success",
        node: node as SchemaNode,
        docs,
        ctx: { uses: emptyUses(), identifiers: new Map() },
      }),
    ).toBe(want)
  })

  it("declares a recursive constant with the JSDoc once, on the value", () => {
    const node: SchemaNode = { kind: "array", items: { kind: "ref", name: "Tree" } }
    const printed = printDeclaration({
      name: "Tree",
      identifier: "Tree",
      node,
      docs: ["A tree."],
      ctx: { uses: emptyUses(), identifiers: new Map(), lazy: new Set(["Tree"]) },
    })
    expect(printed.split("/** A tree. */").length - 1).toBe(1)
    expect(printed).toContain("/** A tree. */\nexport const Tree: Schema.Codec<Tree, TreeEncoded> =")
  })
})
