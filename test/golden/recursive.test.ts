/**
 * Proof that the recursive golden scenario works (golden.test.ts type-checks its whole tree): the
 * lazily referenced schemas decode nested sample data (importing them would throw a ReferenceError
 * if any reference in a cycle were eager).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { generateInMemory, ROOT } from "../support/generate.ts"
import { writeTree } from "../support/typecheck.ts"

interface TreeNode {
  readonly label: string
  readonly children: ReadonlyArray<TreeNode>
}
interface Folder {
  readonly name: string
  readonly createdAt: Date
  readonly parent?: Folder | null
  readonly files: ReadonlyArray<{ readonly name: string; readonly folder?: Folder }>
}
type Expr = { readonly value: number } | { readonly op: "+" | "*"; readonly left: Expr; readonly right: Expr }

const dir = mkdtempSync(join(ROOT, "test", ".recursive-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("golden scenario recursive", async () => {
  const scenario = join(import.meta.dirname, "recursive")
  const run = await generateInMemory({
    spec: join(scenario, "spec.json"),
    overrides: join(scenario, "overrides"),
    out: dir,
    builtin: false,
  })
  writeTree(dir, run.files)

  it("generates without errors (golden.test.ts type-checks the whole tree)", () => {
    expect(run.raw.errors).toEqual([])
  })

  it("decodes self- and mutually recursive data", async () => {
    // The module is written at run time, so its types are restated here.
    const common = (await import(join(dir, "_common", "index.ts"))) as {
      readonly Node: Schema.Codec<TreeNode, unknown> & (new (...args: ReadonlyArray<never>) => unknown)
      readonly Folder: Schema.Codec<Folder, unknown>
      readonly Expr: Schema.Codec<Expr, Expr>
      readonly BinOp: new (...args: ReadonlyArray<never>) => unknown
    }
    const tree = Schema.decodeUnknownSync(common.Node)({
      label: "root",
      children: [{ label: "a", children: [{ label: "b", children: [] }] }],
    })
    expect(tree.children[0]!.children[0]!.label).toBe("b")
    expect(tree.children[0]).toBeInstanceOf(common.Node)
    expect(() => Schema.decodeUnknownSync(common.Node)({ label: "root", children: [{ label: 1, children: [] }] })).toThrow(/label/)

    const folder = Schema.decodeUnknownSync(common.Folder)({
      name: "docs",
      createdAt: "2026-01-01T00:00:00.000Z",
      parent: { name: "root", createdAt: "2025-01-01T00:00:00.000Z", parent: null, files: [] },
      files: [{ name: "a.txt", folder: { name: "docs", createdAt: "2026-01-01T00:00:00.000Z", files: [] } }],
    })
    expect(folder.parent?.createdAt).toBeInstanceOf(Date)
    expect(folder.files[0]!.folder?.name).toBe("docs")

    const expr = Schema.decodeUnknownSync(common.Expr)({
      op: "+",
      left: { value: 1 },
      right: { op: "*", left: { value: 2 }, right: { value: 3 } },
    })
    expect(expr).toBeInstanceOf(common.BinOp)
    expect(Schema.encodeSync(common.Expr)(expr)).toEqual({
      op: "+",
      left: { value: 1 },
      right: { op: "*", left: { value: 2 }, right: { value: 3 } },
    })
  })
})
