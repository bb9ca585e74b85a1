/**
 * Stage 3 (report): the SDK's API diff between two manifests, classified for the app developer who calls
 * the handlers. Breaking: a handler removed or moved to another namespace, a payload that became required,
 * a payload field that became required, was removed or changed type (other than widening), a Success
 * field removed, made optional, retyped or made nullable. Additive: new endpoints and fields, widened
 * payload types, narrowed answers. Cosmetic: files that changed while the API did not (descriptions).
 * Every entry names what a caller imports (`Auth.Core.GetSession.Handler`).
 */
import { componentFile, componentIdentifier, endpointFiles, pascalCase } from "../model/naming.ts"
import type { Manifest, ManifestEndpoint } from "./manifest.ts"

export interface ApiChange {
  readonly kind: "breaking" | "additive" | "cosmetic"
  /** What a caller imports: `Auth.Core.GetSession.Handler`. */
  readonly symbol: string
  /** `GET /get-session`, for an endpoint. */
  readonly endpoint: string | undefined
  readonly what: string
}

type Shape = Readonly<Record<string, string>>

const keyOf = (e: { readonly method: string; readonly path: string }) => `${e.method} ${e.path}`
/** The namespace path of an endpoint; older manifests lack it, so fall back to the folder's PascalCase. */
const namespaceOf = (e: ManifestEndpoint) => e.namespace ?? e.folder.split("/").map(pascalCase).join(".")
const bare = (key: string) => key.replace(/\?(?=\.|$|\[)/g, "")
const isOptional = (key: string) => key.endsWith("?")
/** Top-level union members of a type text (`string | null` → string, null). */
const members = (type: string) => new Set(type.split(" | "))
/** Whether a type member is covered by a set of members (a string literal by `string`, ...). */
const covered = (member: string, by: Set<string>) =>
  by.has(member) ||
  by.has("unknown") ||
  (member.startsWith('"') && by.has("string")) ||
  (/^-?\d/.test(member) && by.has("number")) ||
  ((member === "true" || member === "false") && by.has("boolean"))
const subset = (a: Set<string>, b: Set<string>) => [...a].every((m) => covered(m, b))

/** Whether a payload shape makes the handler's argument required: at least one required top-level field, or a union. */
export const payloadRequired = (shape: Shape | undefined): boolean => {
  if (shape === undefined) return false
  if ((shape["Payload"] ?? "").includes(" | ")) return true
  return Object.keys(shape).some((k) => /^Payload\.[^.[]+$/.test(k) && !isOptional(k))
}

/** Field-level changes of one shape, classified for the side it is on. */
const fieldChanges = (before: Shape, after: Shape, side: "input" | "output"): ReadonlyArray<{ kind: ApiChange["kind"]; what: string }> => {
  const b = new Map(Object.entries(before).map(([k, v]) => [bare(k), { key: k, type: v }]))
  const a = new Map(Object.entries(after).map(([k, v]) => [bare(k), { key: k, type: v }]))
  const out: Array<{ kind: ApiChange["kind"]; what: string }> = []
  const added = new Set([...a.keys()].filter((k) => !b.has(k)))
  const removed = new Set([...b.keys()].filter((k) => !a.has(k)))
  /** A field below an added or removed object is said with its parent, once. */
  const isRoot = (path: string) => !/[.[]/.test(path)
  const underParent = (path: string, set: ReadonlySet<string>) =>
    [...path.matchAll(/[.[]/g)].some((m) => m.index > 0 && !isRoot(path.slice(0, m.index)) && set.has(path.slice(0, m.index)))
  for (const path of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const was = b.get(path)
    const now = a.get(path)
    // A whole Payload or Success that appears or goes is said at the handler; its fields are listed.
    if ((added.has(path) || removed.has(path)) && isRoot(path)) continue
    if ((added.has(path) && underParent(path, added)) || (removed.has(path) && underParent(path, removed))) continue
    // Objects (`{…}`, or unions of them) change through their fields, which are listed themselves.
    if (was !== undefined && now !== undefined && [...members(was.type), ...members(now.type)].every((m) => m === "{…}")) continue
    if (was === undefined && now !== undefined) {
      const required = !isOptional(now.key)
      out.push(
        side === "input" && required
          ? { kind: "breaking", what: `new required field \`${now.key}: ${now.type}\`` }
          : { kind: "additive", what: `new field \`${now.key}: ${now.type}\`` },
      )
    } else if (now === undefined && was !== undefined) {
      out.push({
        kind: "breaking",
        what:
          side === "input"
            ? `field \`${was.key}\` removed (callers that pass it no longer compile)`
            : `field \`${was.key}\` removed from the answer`,
      })
    } else if (was !== undefined && now !== undefined) {
      if (isOptional(was.key) && !isOptional(now.key))
        out.push(
          side === "input"
            ? { kind: "breaking", what: `field \`${path}\` became required` }
            : { kind: "additive", what: `field \`${path}\` is now always present` },
        )
      if (!isOptional(was.key) && isOptional(now.key))
        out.push(
          side === "input"
            ? { kind: "additive", what: `field \`${path}\` became optional` }
            : { kind: "breaking", what: `field \`${path}\` may now be absent` },
        )
      if (was.type !== now.type) {
        const from = members(was.type)
        const to = members(now.type)
        // Long unions (provider lists) are said by the members that came and went.
        const change =
          from.size + to.size > 8
            ? `\`${path}\`: ${[...[...to].filter((m) => !from.has(m)).map((m) => `+${m}`), ...[...from].filter((m) => !to.has(m)).map((m) => `-${m}`)].join(", ")}`
            : `\`${path}\`: ${was.type} → ${now.type}`
        if (side === "input")
          out.push(
            subset(from, to)
              ? { kind: "additive", what: `compatible type change: ${change}` }
              : { kind: "breaking", what: `type changed: ${change}` },
          )
        else if (to.has("null") && !from.has("null")) out.push({ kind: "breaking", what: `gained null: ${change}` })
        else
          out.push(
            subset(to, from)
              ? { kind: "additive", what: `compatible type change: ${change}` }
              : { kind: "breaking", what: `type changed: ${change}` },
          )
      }
    }
  }
  return out
}

/** Whether any of an endpoint's files changed between the two manifests' hashes. */
const filesChanged = (previous: Manifest, next: Manifest, paths: ReadonlyArray<string>) =>
  paths.some((p) => previous.files?.[p] !== undefined && next.files?.[p] !== undefined && previous.files[p] !== next.files[p])

/** The API diff, breaking first. Pure; deterministic. Empty when there is no previous manifest. */
export const apiDiff = (previous: Manifest | undefined, next: Manifest): ReadonlyArray<ApiChange> => {
  if (previous === undefined) return []
  const changes: Array<ApiChange> = []
  const after = new Map(next.generated.map((e) => [keyOf(e), e]))
  const before = new Map(previous.generated.map((e) => [keyOf(e), e]))
  const skipped = new Map(next.skipped.map((s) => [keyOf(s), s]))
  for (const old of previous.generated) {
    const key = keyOf(old)
    const symbol = `Auth.${namespaceOf(old)}.Handler`
    const now = after.get(key)
    if (now === undefined) {
      const skip = skipped.get(key)
      changes.push({
        kind: "breaking",
        symbol,
        endpoint: key,
        what: skip === undefined ? "removed: the endpoint left the document" : `removed: now skipped (${skip.reason})`,
      })
      continue
    }
    const found: Array<{ kind: ApiChange["kind"]; what: string; symbol?: string }> = []
    if (namespaceOf(now) !== namespaceOf(old)) found.push({ kind: "breaking", symbol, what: `moved to \`Auth.${namespaceOf(now)}\`` })
    if (!payloadRequired(old.payload) && payloadRequired(now.payload))
      found.push({
        kind: "breaking",
        what: `payload became required: \`Handler(${old.payload === undefined ? "" : "payload?"})\` → \`Handler(payload)\``,
      })
    if (old.payload !== undefined && now.payload === undefined)
      found.push({ kind: "breaking", what: "takes no payload any more: `Handler(payload)` → `Handler()`" })
    if (old.payload === undefined && now.payload !== undefined && !payloadRequired(now.payload))
      found.push({ kind: "additive", what: "now takes a payload whose fields are all optional" })
    const payloadSymbol = `Auth.${namespaceOf(now)}.Payload`
    const successSymbol = `Auth.${namespaceOf(now)}.Success`
    if (old.payload !== undefined && now.payload !== undefined)
      found.push(...fieldChanges(old.payload, now.payload, "input").map((c) => ({ ...c, symbol: payloadSymbol })))
    // A payload that appears whole: its fields, each as new (the handler line says whether it is required).
    else if (now.payload !== undefined)
      found.push(
        ...fieldChanges({}, now.payload, "input").map((c) => ({
          kind: "additive" as const,
          what: c.what.replace(/^new required field/, "new field"),
          symbol: payloadSymbol,
        })),
      )
    found.push(...fieldChanges(old.success ?? {}, now.success ?? {}, "output").map((c) => ({ ...c, symbol: successSymbol })))
    const files = endpointFiles(now.folder.split("/"))
    if (found.length === 0 && now.folder === old.folder && filesChanged(previous, next, [files.contract, files.handler]))
      found.push({ kind: "cosmetic", what: "descriptions or comments only" })
    for (const c of found)
      changes.push({ kind: c.kind, symbol: c.symbol ?? `Auth.${namespaceOf(now)}.Handler`, endpoint: key, what: c.what })
  }
  for (const e of next.generated)
    if (!before.has(keyOf(e)))
      changes.push({
        kind: "additive",
        symbol: `Auth.${namespaceOf(e)}.Handler`,
        endpoint: keyOf(e),
        what: `new endpoint (client.${e.clientCall})`,
      })
  const componentsBefore = previous.components ?? {}
  const componentsAfter = next.components ?? {}
  for (const name of [...new Set([...Object.keys(componentsBefore), ...Object.keys(componentsAfter)])].sort()) {
    const symbol = `Auth.Common.${componentIdentifier(name)}`
    const was = componentsBefore[name]
    const now = componentsAfter[name]
    if (now === undefined) changes.push({ kind: "breaking", symbol, endpoint: undefined, what: "removed: no endpoint uses it any more" })
    else if (was === undefined) changes.push({ kind: "additive", symbol, endpoint: undefined, what: "new shared schema" })
    else {
      const found = fieldChanges(was, now, "output")
      for (const c of found) changes.push({ kind: c.kind, symbol, endpoint: undefined, what: c.what })
      if (found.length === 0 && filesChanged(previous, next, [componentFile(name)]))
        changes.push({ kind: "cosmetic", symbol, endpoint: undefined, what: "descriptions or comments only" })
    }
  }
  const rank = { breaking: 0, additive: 1, cosmetic: 2 }
  return changes.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
}
