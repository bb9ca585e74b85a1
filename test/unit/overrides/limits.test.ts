/** Hostile override files and folders: every one is a located error, never a crash or a hang. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { Effect, Exit } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { buildModel } from "../../../generator/model/build.ts"
import { loadOverrides, parseDefaults, parseOverride, parseOverrides } from "../../../generator/overrides/load.ts"

const work = mkdtempSync(join(tmpdir(), "override-limits-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const laughs = [
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`),
].join("\n")

describe("override YAML limits", () => {
  it.each([
    [
      "aliases that expand exponentially",
      `endpoint: "GET /x"\ndescription: x\n${laughs}\n`,
      /^f\.yaml:4:8: YAML aliases expand too much \(.*\) \(use at most 100 aliases' worth of expansion, or write the values out\)$/,
    ],
    [
      "an alias inside its own anchor",
      'endpoint: "GET /x"\npayload: &p { replace: { items: *p } }\n',
      /^f\.yaml:2:33: alias \*p is inside the node its anchor &p names, so its value never ends \(write the value out instead of the alias\)$/,
    ],
    [
      "an unresolved alias",
      'endpoint: "GET /x"\ndescription: *nowhere\n',
      /^f\.yaml:2:14: alias \*nowhere has no anchor &nowhere before it/,
    ],
    [
      "a file larger than the limit",
      `endpoint: "GET /x"\ndescription: "${"x".repeat(300 * 1024)}"\n`,
      /^f\.yaml:1:1: the file is larger than 256 KiB/,
    ],
  ])("%s is a located error", (_, text, want) => {
    const errors = parseOverride("f.yaml", text).errors.map(String)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(want)
  })

  it("a self-referential shared schema in _defaults.yaml is a located error", () => {
    expect(parseDefaults("_defaults.yaml", "shared:\n  A: &a { type: object, properties: { a: *a } }\n").errors.map(String)).toEqual([
      "_defaults.yaml:2:42: alias *a is inside the node its anchor &a names, so its value never ends (write the value out instead of the alias)",
    ])
  })

  it("inline schemas nested too deep, refs that are not strings and ref-only cycles of shared schemas are located errors", () => {
    const deep = (n: number): string => (n === 0 ? "{ type: string }" : `{ type: object, properties: { a: ${deep(n - 1)} } }`)
    const parsed = parseOverrides([
      {
        file: "_defaults.yaml",
        text: 'shared:\n  A: { $ref: "#/shared/B" }\n  B: { anyOf: [{ $ref: "#/shared/A" }, { type: "null" }] }\n',
        isDefaults: true,
      },
      {
        file: "o.yaml",
        text: `endpoint: "GET /x"\nsuccess:\n  replace: ${deep(40)}\npayload:\n  replace: { $ref: 5 }\n`,
        isDefaults: false,
      },
    ])
    expect(parsed.errors).toEqual([])
    const { errors } = buildModel(
      { openapi: "3.1.0", paths: { "/x": { get: {} } } },
      { specName: "spec.json", warn: () => {}, overrides: parsed.overrides },
    )
    expect(errors.map(String)).toEqual([
      'o.yaml:5:20: payload.replace.$ref: $ref must be a string, got 5 (refer to "#/components/schemas/Name" or "#/shared/Name")',
      `o.yaml:3:1068: success.replace${".properties.a".repeat(32)}: schemas nest deeper than 32 levels here (move the inner schema under shared: in _defaults.yaml and refer to it with $ref)`,
      '_defaults.yaml:3:24: shared.B.anyOf.0.$ref: $ref to "A" closes a cycle made only of references (from "B") (a recursive schema must recurse through an object property or array items)',
    ])
  })
})

describe("override folders", () => {
  const runAsync = async (dir: string) => {
    const exit = await Effect.runPromiseExit(loadOverrides(dir))
    return Exit.isFailure(exit) && exit.cause.reasons[0]?._tag === "Fail"
      ? (exit.cause.reasons[0].error as ReadonlyArray<unknown>).map(String)
      : [`not a failure: ${String(exit)}`]
  }

  it("--overrides naming a file is a located error", async () => {
    const file = join(work, "overrides.yaml")
    writeFileSync(file, 'endpoint: "GET /x"\n')
    expect(await runAsync(file)).toEqual([
      `${relative(process.cwd(), file)}: is a file, not a folder (--overrides names a folder of YAML files; a symbolic link loop or an unreadable folder below it also stops the listing)`,
    ])
  })
})
