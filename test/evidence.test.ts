/**
 * The live suite's field evidence (test/conformance/support/evidence.ts): how answers are counted per
 * Success field, through references, arrays, nullable values and union members.
 */
import { describe, expect, it } from "vitest"
import type { Component, SchemaNode } from "../generator/model/types.ts"
import { type ContractModel, contractFields, countFields, type FieldCounts } from "./conformance/support/evidence.ts"

const string: SchemaNode = { kind: "string" }
const nullable = (inner: SchemaNode): SchemaNode => ({ kind: "nullable", inner })
const object = (properties: ReadonlyArray<readonly [string, SchemaNode, boolean?]>): SchemaNode => ({
  kind: "object",
  additional: undefined,
  properties: properties.map(([name, schema, optional = false]) => ({ name, schema, optional, description: undefined })),
})
const component = (name: string, schema: SchemaNode): Component => ({
  name,
  identifier: name,
  file: `_common/${name}.ts`,
  schema,
  description: undefined,
  definedBy: undefined,
  changedBy: undefined,
  cycle: [],
})

const User = component(
  "User",
  object([
    ["id", string],
    ["image", nullable(string), true],
  ]),
)
const Challenge = component("Challenge", object([["twoFactorRedirect", { kind: "literals", values: [true] }]]))
const model: ContractModel = {
  components: new Map([
    ["User", User],
    ["Challenge", Challenge],
  ]),
  success: new Map<string, SchemaNode>([
    [
      "GET /users",
      object([
        ["users", { kind: "array", items: { kind: "ref", name: "User" } }],
        ["next", string, true],
      ]),
    ],
    [
      "POST /sign-in",
      {
        kind: "union",
        members: [
          object([
            ["token", string],
            ["user", { kind: "ref", name: "User" }],
          ]),
          { kind: "ref", name: "Challenge" },
        ],
      },
    ],
  ]),
}

const count = (answers: ReadonlyArray<readonly [string, unknown]>) => {
  const counts = new Map<string, FieldCounts>()
  for (const [endpoint, raw] of answers) countFields(model, endpoint, raw, counts)
  return Object.fromEntries(counts)
}

describe("field evidence", () => {
  it.each([
    [
      "counts a component's fields in every array item, absent and null apart",
      [["GET /users", { users: [{ id: "a", image: null }, { id: "b" }, { id: "c", image: "x" }] }]] as const,
      {
        "GET /users: users": { seen: 1, absent: 0, null: 0 },
        "GET /users: next": { seen: 1, absent: 1, null: 0 },
        "User.id": { seen: 3, absent: 0, null: 0 },
        "User.image": { seen: 3, absent: 1, null: 1 },
      },
    ],
    [
      "follows the union member the answer is",
      [
        ["POST /sign-in", { twoFactorRedirect: true }],
        ["POST /sign-in", { token: "t", user: { id: "a", image: "x" } }],
      ] as const,
      {
        "Challenge.twoFactorRedirect": { seen: 1, absent: 0, null: 0 },
        "POST /sign-in: token": { seen: 1, absent: 0, null: 0 },
        "POST /sign-in: user": { seen: 1, absent: 0, null: 0 },
        "User.id": { seen: 1, absent: 0, null: 0 },
        "User.image": { seen: 1, absent: 0, null: 0 },
      },
    ],
    [
      "ignores answers of endpoints without a contract and non-JSON answers",
      [
        ["GET /other", { id: "a" }],
        ["GET /users", undefined],
      ] as const,
      {},
    ],
  ])("%s", (_, answers, want) => {
    expect(count(answers)).toEqual(want)
  })

  it("lists every Success field with what its contract allows", () => {
    expect(Object.fromEntries(contractFields(model))).toEqual({
      "GET /users: users": { optional: false, nullable: false },
      "GET /users: next": { optional: true, nullable: false },
      "User.id": { optional: false, nullable: false },
      "User.image": { optional: true, nullable: true },
      "POST /sign-in: token": { optional: false, nullable: false },
      "POST /sign-in: user": { optional: false, nullable: false },
      "Challenge.twoFactorRedirect": { optional: false, nullable: false },
    })
  })
})
