/**
 * overrides.schema.json is derived from the Effect Schemas and committed for editors: it must be fresh,
 * accept every shipped override file, and reject the invalid fixtures that a schema can see.
 */
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { Ajv2020 } from "ajv/dist/2020.js"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"
import { JSON_SCHEMA_FILE, overridesJsonSchema } from "../../../generator/overrides/json-schema.ts"
import { ROOT } from "../../support/generate.ts"
import { INVALID, INVALID_DIR } from "../../fixtures/invalid-overrides.ts"

const committed = readFileSync(join(ROOT, JSON_SCHEMA_FILE), "utf8")
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object)

const yamlFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(dir, f))
    .sort()

const shipped = [...yamlFiles(join(ROOT, "builtin-overrides")), ...yamlFiles(join(ROOT, "test", "golden"))]

describe(JSON_SCHEMA_FILE, () => {
  it("is the committed derivation of the Effect Schemas (run `npm run overrides-schema`)", () => {
    expect(committed).toBe(overridesJsonSchema())
  })

  it("is named on the first line of every shipped override file, by a path that resolves", () => {
    for (const file of shipped) {
      const first = readFileSync(file, "utf8").split("\n")[0]!
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)
      expect(match, file).not.toBeNull()
      expect(readFileSync(join(file, "..", match![1]!), "utf8"), file).toBe(committed)
    }
  })

  it.each(shipped.map((f) => [f.slice(ROOT.length + 1)]))("accepts %s", (file) => {
    const valid = validate(parse(readFileSync(join(ROOT, file), "utf8")))
    expect(validate.errors ?? [], file).toEqual([])
    expect(valid).toBe(true)
  })

  it.each(INVALID.filter(([, rejects]) => rejects).map(([name]) => [name]))("rejects the invalid fixture %s", (name) => {
    const results = yamlFiles(join(INVALID_DIR, name)).map((file) => validate(parse(readFileSync(file, "utf8"))))
    expect(results).toContain(false)
  })
})
