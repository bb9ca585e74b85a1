/**
 * Stage 2 (rules): the global rules of the override defaults file, resolved once. With no defaults file
 * there are no rules: the SDK is then exactly what the spec says.
 */
import { OverrideError } from "../errors.ts"
import type { LoadedDefaults } from "../overrides/load.ts"
import type { SchemaRules } from "./schema.ts"

export interface ResolvedRules extends SchemaRules {
  /** Whether optional fields of this component accept null in answers. */
  readonly nullableOptional: (component: string) => boolean
  /** Whether an endpoint at this path mutates the session, by default. */
  readonly mutatesSession: (path: string) => boolean
}

export const NO_RULES: ResolvedRules = { redactFields: new Set(), nullableOptional: () => false, mutatesSession: () => false }

/** Resolves the rules; a pattern that is not a valid regular expression is an error naming its line. */
export const resolveRules = (defaults: LoadedDefaults | undefined): { readonly rules: ResolvedRules; readonly errors: ReadonlyArray<OverrideError> } => {
  const rules = defaults?.defaults.rules
  if (defaults === undefined || rules === undefined) return { rules: NO_RULES, errors: [] }
  const errors: Array<OverrideError> = []
  const patterns = (rules.mutatesSession ?? []).flatMap((source, index) => {
    try {
      return [new RegExp(source)]
    } catch {
      errors.push(
        new OverrideError({
          file: defaults.file,
          at: defaults.locate(["rules", "mutatesSession", index]),
          path: `rules.mutatesSession.${index}`,
          message: `${JSON.stringify(source)} is not a valid regular expression`,
          hint: "write a JavaScript regular expression matched against the path, e.g. ^/sign-out$",
        }),
      )
      return []
    }
  })
  const nullable = new Set(rules.nullableOptional ?? [])
  return {
    rules: {
      redactFields: new Set(rules.redact ?? []),
      nullableOptional: (component) => nullable.has("*") || nullable.has(component),
      mutatesSession: (path) => patterns.some((p) => p.test(path)),
    },
    errors,
  }
}
