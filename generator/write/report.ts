/**
 * Stage 3 (report): the markdown change report for an upgrade PR (`--report FILE`). Its first line says
 * whether the run wrote anything. Then the better-auth versions (from → to), the SDK's API diff classified
 * for callers (breaking, additive, cosmetic), override drift and other document warnings, hand edits that
 * `--force` discarded, and the detail: endpoints added and removed, field-level changes, endpoints newly
 * skipped, overrides that no longer match, and what happens to the files.
 */
import type { Warning } from "../errors.ts"
import type { Manifest, ManifestEndpoint } from "./manifest.ts"
import { apiDiff, type ApiChange } from "./api-diff.ts"

export interface ReportInput {
  readonly specName: string
  /** The output the report is about: its folder and target (the title names them; default the client). */
  readonly output?: { readonly out: string; readonly target: "client" | "server" }
  readonly previous: Manifest | undefined
  readonly next: Manifest
  /** File actions of this run. */
  readonly files: { readonly create: number; readonly update: number; readonly delete: number; readonly unchanged: number }
  /** Override faults of this run (each one line), shown as overrides that no longer match. */
  readonly overrideErrors: ReadonlyArray<string>
  /** Whether the files were written; if not, why (the report's first line says so). */
  readonly written: { readonly ok: true } | { readonly ok: false; readonly reason: string }
  /** The run's warnings, as the CLI prints them with their code; drift and document warnings are listed. */
  readonly warnings?: ReadonlyArray<{ readonly warning: Warning; readonly line: string }>
  /** Hand-edited files `--force` overwrote or deleted (output-relative paths). */
  readonly forced?: ReadonlyArray<{ readonly path: string; readonly kind: string }>
}

const DRIFT: ReadonlyArray<Warning["code"]> = ["override-field-gone", "override-hides-document", "override-redundant"]
const DOCUMENT: ReadonlyArray<Warning["code"]> = [
  "spec-without-provenance",
  "spec-without-markers",
  "spec-without-error-codes",
  "spec-version-mismatch",
  "parameter-skipped",
]

const versionOf = (m: Manifest | undefined) => (m?.source === undefined ? undefined : `better-auth ${m.source.version}`)

/** `better-auth 1.7.6 → 1.7.25`, or what is known of it. */
const versions = (previous: Manifest | undefined, next: Manifest): string => {
  const from = versionOf(previous)
  const to = versionOf(next)
  if (from === undefined && to === undefined)
    return "better-auth version unknown (the spec has no info.x-better-auth: export it with `npm run spec`)"
  if (from === to) return `${to} (unchanged)`
  return `better-auth ${previous?.source?.version ?? "(unknown version)"} → ${next.source?.version ?? "(unknown version)"}`
}

const apiLine = (c: ApiChange) => `- ${code(c.symbol)}${c.endpoint === undefined ? "" : ` (${code(c.endpoint)})`}: ${c.what}`

const keyOf = (e: { readonly method: string; readonly path: string }) => `${e.method} ${e.path}`
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``

/** `+`, `-` and `~` lines for two shapes (field path → type). */
const shapeChanges = (before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): ReadonlyArray<string> => {
  // A field that only changed optionality has another key (`name` / `name?`): report it as one change.
  const bare = (key: string) => key.replace(/\?(?=\.|$|\[)/g, "")
  const beforeByBare = new Map(Object.entries(before).map(([k, v]) => [bare(k), { key: k, type: v }]))
  const afterByBare = new Map(Object.entries(after).map(([k, v]) => [bare(k), { key: k, type: v }]))
  const lines: Array<string> = []
  for (const path of [...new Set([...beforeByBare.keys(), ...afterByBare.keys()])].sort()) {
    const b = beforeByBare.get(path)
    const a = afterByBare.get(path)
    if (b === undefined && a !== undefined) lines.push(`+ ${a.key}: ${a.type}`)
    else if (a === undefined && b !== undefined) lines.push(`- ${b.key}: ${b.type}`)
    else if (a !== undefined && b !== undefined && (a.key !== b.key || a.type !== b.type))
      lines.push(a.key === b.key ? `~ ${a.key}: ${b.type} → ${a.type}` : `~ ${b.key}: ${b.type} → ${a.key}: ${a.type}`)
  }
  return lines
}

/** Whether an endpoint's Payload or Success mentions a component by name. */
const usesComponent = (e: ManifestEndpoint, name: string) => {
  const word = new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, "\\$")}([^\\w$]|$)`)
  return [...Object.values(e.payload ?? {}), ...Object.values(e.success ?? {})].some((type) => word.test(type))
}

/** Everything that changed about one endpoint, one line each. */
const endpointChanges = (before: ManifestEndpoint, after: ManifestEndpoint): ReadonlyArray<string> => [
  ...(before.folder === after.folder ? [] : [`~ folder: ${before.folder} → ${after.folder}`]),
  ...(before.clientCall === after.clientCall ? [] : [`~ client call: ${before.clientCall} → ${after.clientCall}`]),
  ...(before.mutatesSession === after.mutatesSession ? [] : [`~ mutatesSession: ${before.mutatesSession} → ${after.mutatesSession}`]),
  ...shapeChanges(before.payload ?? {}, after.payload ?? {}),
  ...shapeChanges(before.success ?? {}, after.success ?? {}),
]

const list = <A>(title: string, items: ReadonlyArray<A>, line: (a: A) => string): ReadonlyArray<string> =>
  items.length === 0 ? [] : [`## ${title} (${items.length})`, "", ...items.map(line), ""]

/** The report's markdown. Pure; deterministic. */
export const changeReport = (input: ReportInput): string => {
  const { previous, next } = input
  const lines: Array<string> = input.written.ok
    ? []
    : [`**Nothing was written**: ${input.written.reason}. What follows is what the run would have changed.`, ""]
  const what =
    input.output?.target === "server" ? `Better Auth server changes (${code(`${input.output.out}/`)})` : "Better Auth SDK changes"
  lines.push(`# ${what}: ${versions(previous, next)}`, "")
  const plugins = (m: Manifest | undefined) => new Set(m?.source?.plugins ?? [])
  if (previous?.source !== undefined && next.source !== undefined) {
    const added = [...plugins(next)].filter((p) => !plugins(previous).has(p))
    const dropped = [...plugins(previous)].filter((p) => !plugins(next).has(p))
    if (added.length + dropped.length > 0)
      lines.push(`Plugins: ${[...added.map((p) => `+${p}`), ...dropped.map((p) => `-${p}`)].join(", ")}.`, "")
  }
  lines.push(
    `Generated from ${code(input.specName)}: ${next.generated.length} endpoints, ${next.skipped.length} skipped.`,
    previous === undefined
      ? "There was no previous manifest.json, so every endpoint is new."
      : "Compared with the previous `manifest.json`.",
    "",
  )
  const before = new Map((previous?.generated ?? []).map((e) => [keyOf(e), e]))
  const after = new Map(next.generated.map((e) => [keyOf(e), e]))
  const added = next.generated.filter((e) => !before.has(keyOf(e)))
  const skippedNow = new Set(next.skipped.map(keyOf))
  const removed = (previous?.generated ?? []).filter((e) => !after.has(keyOf(e)) && !skippedNow.has(keyOf(e)))
  const changed = next.generated.flatMap((e) => {
    const old = before.get(keyOf(e))
    const changes = old === undefined ? [] : endpointChanges(old, e)
    return changes.length === 0 ? [] : [{ endpoint: e, changes }]
  })
  const skippedBefore = new Set((previous?.skipped ?? []).map(keyOf))
  const newlySkipped = previous === undefined ? [] : next.skipped.filter((s) => !skippedBefore.has(keyOf(s)) && before.has(keyOf(s)))

  const diff = apiDiff(previous, next)
  lines.push(
    ...list(
      "Breaking changes",
      diff.filter((c) => c.kind === "breaking"),
      apiLine,
    ),
  )
  lines.push(
    ...list(
      "Additive changes",
      diff.filter((c) => c.kind === "additive"),
      apiLine,
    ),
  )
  const cosmetic = diff.filter((c) => c.kind === "cosmetic")
  if (cosmetic.length > 0)
    lines.push(
      `## Cosmetic changes (${cosmetic.length})`,
      "",
      `Descriptions or comments only: ${cosmetic.map((c) => code(c.symbol.replace(/\.Handler$/, ""))).join(", ")}.`,
      "",
    )
  const warnings = input.warnings ?? []
  lines.push(
    ...list(
      "Override drift",
      warnings.filter((w) => DRIFT.includes(w.warning.code)),
      (w) => `- ${w.line}`,
    ),
  )
  lines.push(
    ...list(
      "Document warnings",
      warnings.filter((w) => DOCUMENT.includes(w.warning.code)),
      (w) => `- ${w.line}`,
    ),
  )
  lines.push(
    ...list(
      "Hand edits discarded by --force",
      input.forced ?? [],
      (f) => `- ${code(f.path)} (${f.kind === "delete" ? "deleted" : "overwritten"})`,
    ),
  )
  lines.push(...list("Overrides that no longer match", input.overrideErrors, (e) => `- ${e}`))
  lines.push(...list("Added endpoints", added, (e) => `- ${code(keyOf(e))} → ${code(`${e.folder}/`)} (client.${e.clientCall})`))
  lines.push(...list("Removed endpoints", removed, (e) => `- ${code(keyOf(e))} (was ${code(`${e.folder}/`)}; its files are deleted)`))
  lines.push(...list("Newly skipped", newlySkipped, (s) => `- ${code(keyOf(s))}: ${s.reason} (its files are deleted)`))
  const componentsBefore = previous?.components ?? {}
  const componentsAfter = next.components ?? {}
  const changedComponents = Object.keys({ ...componentsBefore, ...componentsAfter })
    .sort()
    .flatMap((name) => {
      const changes = shapeChanges(componentsBefore[name] ?? {}, componentsAfter[name] ?? {})
      return changes.length === 0 || previous === undefined ? [] : [{ name, changes }]
    })
  if (changedComponents.length > 0) {
    lines.push(`## Changed shared schemas (${changedComponents.length})`, "")
    for (const { name, changes } of changedComponents) {
      const users = next.generated.filter((e) => usesComponent(e, name)).map((e) => code(keyOf(e)))
      lines.push(
        `### ${code(name)}`,
        "",
        users.length === 0 ? "Not used by any endpoint now." : `Used by ${users.length} endpoint(s): ${users.join(", ")}.`,
        "",
        "```diff",
        ...changes,
        "```",
        "",
      )
    }
  }
  if (changed.length > 0) {
    lines.push(`## Changed endpoints (${changed.length})`, "")
    for (const { endpoint, changes } of changed)
      lines.push(`### ${code(keyOf(endpoint))} (${code(`${endpoint.folder}/`)})`, "", "```diff", ...changes, "```", "")
  }
  if (
    added.length + removed.length + changed.length + changedComponents.length + newlySkipped.length === 0 &&
    input.overrideErrors.length === 0
  )
    lines.push("No endpoint changed.", "")
  const f = input.files
  const verb = input.written.ok ? "" : "would be "
  lines.push(
    "## Files",
    "",
    `${f.create} ${verb}created, ${f.update} ${verb}updated, ${f.delete} ${verb}deleted, ${f.unchanged} unchanged.`,
    "",
  )
  return lines.join("\n")
}
