/**
 * Stage 2 (components): the shared schemas the endpoints refer to, each converted once and emitted
 * under `_common/`: spec components (Better Auth's models) and the override defaults' shared schemas.
 */
import type { Warning } from "../errors.ts"
import { componentFile, componentIdentifier, uniqueComponentNames } from "./naming.ts"
import type { Component, SchemaNode } from "./types.ts"

/** Adds every component name a schema refers to into `into`. */
export const refsOf = (node: SchemaNode, into: Set<string>): void => {
  switch (node.kind) {
    case "ref":
      into.add(node.name)
      return
    case "array":
      return refsOf(node.items, into)
    case "nullable":
      return refsOf(node.inner, into)
    case "union":
      return node.members.forEach((m) => refsOf(m, into))
    case "object":
      node.properties.forEach((p) => refsOf(p.schema, into))
      if (node.additional !== undefined) refsOf(node.additional, into)
      return
    default:
      return
  }
}

export interface ComponentSource {
  readonly schema: SchemaNode
  readonly description: string | undefined
  readonly definedBy: string | undefined
  readonly changedBy: string | undefined
}

/** The components reachable from `roots`, each converted once (by `convert`), sorted by name. */
export const collectComponents = (
  roots: ReadonlyArray<SchemaNode>,
  convert: (name: string) => ComponentSource,
  warn: (warning: Warning) => void,
): ReadonlyArray<Component> => {
  const pending = new Set<string>()
  for (const root of roots) refsOf(root, pending)
  const done = new Map<string, Component>()
  while (pending.size > 0) {
    const name = pending.values().next().value!
    pending.delete(name)
    if (done.has(name)) continue
    const source = convert(name)
    done.set(name, { name, identifier: componentIdentifier(name), file: componentFile(name), ...source, cycle: [] })
    const nested = new Set<string>()
    refsOf(source.schema, nested)
    for (const n of nested) if (!done.has(n)) pending.add(n)
  }
  const sorted = [...done.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const cycles = cyclesOf(sorted)
  return uniqueComponentNames(sorted, warn).map((c) => ({ ...c, cycle: cycles.get(c.name) ?? [] }))
}

/**
 * For each component on a reference cycle, the components of its cycle (strongly connected component):
 * `a` and `b` share one when each reaches the other. Quadratic, and the counts are small (hundreds).
 */
const cyclesOf = (components: ReadonlyArray<Component>): ReadonlyMap<string, ReadonlyArray<string>> => {
  const direct = new Map(
    components.map((c) => {
      const refs = new Set<string>()
      refsOf(c.schema, refs)
      return [c.name, refs] as const
    }),
  )
  const reach = new Map<string, ReadonlySet<string>>()
  for (const { name } of components) {
    const seen = new Set<string>()
    const queue = [...(direct.get(name) ?? [])]
    while (queue.length > 0) {
      const next = queue.pop()!
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(direct.get(next) ?? []))
    }
    reach.set(name, seen)
  }
  const cycles = new Map<string, ReadonlyArray<string>>()
  for (const { name } of components) {
    if (!reach.get(name)!.has(name)) continue
    cycles.set(
      name,
      components.map((c) => c.name).filter((other) => reach.get(name)!.has(other) && reach.get(other)!.has(name)),
    )
  }
  return cycles
}
