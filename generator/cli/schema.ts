/**
 * `bun run overrides-schema`: writes overrides.schema.json (derived from the Effect Schemas in
 * generator/overrides/schema.ts). `npm test` fails when the committed file is stale.
 */
import { writeFile } from "node:fs/promises"
import { JSON_SCHEMA_FILE, overridesJsonSchema } from "../overrides/json-schema.ts"

await writeFile(JSON_SCHEMA_FILE, overridesJsonSchema())
console.log(`wrote ${JSON_SCHEMA_FILE}`)
