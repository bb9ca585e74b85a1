/** Provenance of the global rules: the files, the rules that applied, and why (the comments above them). */
import { describe, expect, it } from "vitest"
import { NO_RULES, type ResolvedRules, rulesProvenance } from "../../../generator/model/rules.ts"

const rules: ResolvedRules = {
  ...NO_RULES,
  files: ["builtin-overrides/_defaults.yaml", "overrides/_defaults.yaml"],
  reason: (rule) => ({ redact: "Secrets.", serverOnly: "Not from browsers." })[rule],
}

describe("rulesProvenance", () => {
  it.each([
    ["no rule applied", rules, [], undefined],
    ["no defaults file", NO_RULES, ["redact: password"], undefined],
    [
      "a rule without a reason",
      rules,
      ["nullableOptional"],
      "builtin-overrides/_defaults.yaml, overrides/_defaults.yaml (rules: nullableOptional)",
    ],
    [
      "each rule's reason once, in order",
      rules,
      ["redact: password", "serverOnly: userId", "redact: newPassword"],
      "builtin-overrides/_defaults.yaml, overrides/_defaults.yaml (rules: redact: password, serverOnly: userId, redact: newPassword) — Secrets. Not from browsers.",
    ],
  ] as const)("%s", (_, given, items, want) => expect(rulesProvenance(given, items)).toBe(want))
})
