/**
 * This repository's own generator configuration: the SDK in generated/ is built from it. An app keeps
 * the same file at its root (`bun run generate` reads `better-auth-codegen.config.ts` from the working
 * directory, or the file `--config` names); every key is optional and flags override it.
 */
import { defineConfig } from "./generator/config.ts"

export default defineConfig({
  spec: "better-auth-api-spec.json",
  // Your own override YAML would go in a folder named here (e.g. overrides: "overrides"); this
  // repository uses only the shipped ones (builtin-overrides/).
  out: "generated",
  clientModule: "better-auth.client.ts",
  serverModule: "better-auth.config.ts",
  importExtension: ".js",
})
