/**
 * The JSON Schema of the override files, derived from the same Effect Schemas that validate them (never
 * written twice). Committed as `overrides.schema.json`; each shipped YAML file points editors at it.
 */
import * as Schema from "effect/Schema"
import { AnyOverrideFile } from "./schema.ts"

export const JSON_SCHEMA_FILE = "overrides.schema.json"

/** The JSON Schema document text (draft 2020-12), closed objects, stable bytes. */
export const overridesJsonSchema = (): string => {
  const document = Schema.toJsonSchemaDocument(AnyOverrideFile, { onExcessProperty: "error" })
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://github.com/better-auth-effect-codegen/overrides.schema.json",
    title: "better-auth-effect-codegen override file",
    description: "One endpoint's corrections (a file naming `endpoint:`), or the global rules and shared schemas (_defaults.yaml).",
    ...document.schema,
    ...(Object.keys(document.definitions).length === 0 ? {} : { $defs: document.definitions }),
  }
  return `${JSON.stringify(schema, null, 2)}\n`
}
