/**
 * Stage 2 (rules): the global rules of the override defaults files, resolved once. Each layer's rules
 * add up (shipped, then the user's). With no defaults file there are no rules: the SDK is then exactly
 * what the spec says.
 */
import { OverrideError } from "../errors.ts"
import type { LoadedDefaults } from "../overrides/load.ts"
import type { SchemaRules } from "./schema.ts"

export interface ResolvedRules extends SchemaRules {
  /** Whether optional fields of this component accept null in answers. */
  readonly nullableOptional: (component: string) => boolean
  /** Whether an endpoint at this path mutates the session, by default. */
  readonly mutatesSession: (path: string) => boolean
  /** The defaults files that hold rules, for provenance (`builtin-overrides/_defaults.yaml`). */
  readonly files: ReadonlyArray<string>
  /** Why a rule exists, as the comments above it say (every layer's, in order), if they say. */
  readonly reason: (rule: string) => string | undefined
}

export const NO_RULES: ResolvedRules = {
  redactFields: new Set(),
  serverOnly: () => false,
  nullableOptional: () => false,
  mutatesSession: () => false,
  files: [],
  reason: () => undefined,
}

/**
 * Provenance of what rules changed: `builtin-overrides/_defaults.yaml (rules: redact: password) — <why>`.
 * `items` are `rule` or `rule: field`; undefined when no rule applied.
 */
export const rulesProvenance = (rules: ResolvedRules, items: ReadonlyArray<string>): string | undefined => {
  if (rules.files.length === 0 || items.length === 0) return undefined
  const reasons = [...new Set(items.map((item) => item.split(":")[0]!))].flatMap((rule) => rules.reason(rule) ?? [])
  return `${rules.files.join(", ")} (rules: ${items.join(", ")})${reasons.length === 0 ? "" : ` — ${reasons.join(" ")}`}`
}

const compile = (
  defaults: LoadedDefaults,
  key: "mutatesSession" | "serverOnly",
  sources: ReadonlyArray<string>,
  errors: Array<OverrideError>,
  hint: string,
) =>
  sources.flatMap((source, index) => {
    try {
      return [new RegExp(source)]
    } catch {
      errors.push(
        new OverrideError({
          file: defaults.file,
          at: defaults.locate(["rules", key, index]),
          path: `rules.${key}.${index}`,
          message: `${JSON.stringify(source)} is not a valid regular expression`,
          hint,
        }),
      )
      return []
    }
  })

/** Resolves the rules of every layer; a pattern that is not a valid regular expression is an error naming its line. */
export const resolveRules = (
  layers: ReadonlyArray<LoadedDefaults>,
): { readonly rules: ResolvedRules; readonly errors: ReadonlyArray<OverrideError> } => {
  const withRules = layers.filter((defaults) => defaults.defaults.rules !== undefined)
  if (withRules.length === 0) return { rules: NO_RULES, errors: [] }
  const errors: Array<OverrideError> = []
  const patterns = (key: "mutatesSession" | "serverOnly", hint: string) =>
    withRules.flatMap((d) => compile(d, key, d.defaults.rules?.[key] ?? [], errors, hint))
  const sessionPatterns = patterns("mutatesSession", "write a JavaScript regular expression matched against the path, e.g. ^/sign-out$")
  const serverOnlyPatterns = patterns(
    "serverOnly",
    "write a JavaScript regular expression matched against field descriptions, e.g. server-only",
  )
  const nullable = new Set(withRules.flatMap((d) => d.defaults.rules?.nullableOptional ?? []))
  return {
    rules: {
      redactFields: new Set(withRules.flatMap((d) => d.defaults.rules?.redact ?? [])),
      serverOnly: (description) => description !== undefined && serverOnlyPatterns.some((p) => p.test(description)),
      nullableOptional: (component) => nullable.has("*") || nullable.has(component),
      mutatesSession: (path) => sessionPatterns.some((p) => p.test(path)),
      files: withRules.map((d) => d.file),
      reason: (rule) => {
        const stated = withRules.flatMap((d) => d.reasons?.[rule] ?? [])
        return stated.length === 0 ? undefined : stated.join(" ")
      },
    },
    errors,
  }
}
