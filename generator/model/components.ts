/**
 * Stage 2 (components): the shared schemas the endpoints refer to, each converted once and emitted
 * under `_common/`: spec components (Better Auth's models) and the override defaults' shared schemas.
 */
import { componentFile, componentIdentifier } from "./naming.ts"
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
}

/** The components reachable from `roots`, each converted once (by `convert`), sorted by name. */
export const collectComponents = (roots: ReadonlyArray<SchemaNode>, convert: (name: string) => ComponentSource): ReadonlyArray<Component> => {
  const pending = new Set<string>()
  for (const root of roots) refsOf(root, pending)
  const done = new Map<string, Component>()
  while (pending.size > 0) {
    const name = pending.values().next().value!
    pending.delete(name)
    if (done.has(name)) continue
    const source = convert(name)
    done.set(name, { name, identifier: componentIdentifier(name), file: componentFile(name), ...source })
    const nested = new Set<string>()
    refsOf(source.schema, nested)
    for (const n of nested) if (!done.has(n)) pending.add(n)
  }
  return [...done.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
