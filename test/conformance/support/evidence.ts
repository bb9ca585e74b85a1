/**
 * Evidence for tight contracts: for every field of a Success schema (as the generator models it from the
 * spec and the shipped overrides), how often the live server left it out or sent null, counted from the
 * raw JSON of each decoded answer. coverage.check.ts fails where a field is optional (or nullable) in
 * the contract although it was never absent (or never null), unless loose-fields.ts says why.
 */
import { Effect } from "effect"
import { join } from "node:path"
import { buildModel } from "../../../generator/model/build.ts"
import type { Component, Model, SchemaNode } from "../../../generator/model/types.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "../../../generator/overrides/builtin.ts"
import { loadOverrides } from "../../../generator/overrides/load.ts"
import { loadSpec } from "../../../generator/spec/load.ts"
import { type FieldCounts, ROOT } from "./records.ts"

export type { FieldCounts }

/** Counts by field: `User.role` for a component's field, `POST /sign-up/email: token` for an endpoint's own. */
export type Evidence = Readonly<Record<string, FieldCounts>>

/** What the contract allows for a field. */
export interface FieldFacts {
  readonly optional: boolean
  readonly nullable: boolean
}

export interface ContractModel {
  readonly success: ReadonlyMap<string, SchemaNode>
  readonly components: ReadonlyMap<string, Component>
}

let loaded: Promise<ContractModel> | undefined

/**
 * The model the committed SDK was generated from (`generate --check` keeps the two equal): this
 * repository's configuration uses the shipped overrides only.
 */
export const contractModel = (): Promise<ContractModel> => {
  loaded ??= (async () => {
    const spec = await Effect.runPromise(loadSpec(join(ROOT, "better-auth-api-spec.json")))
    const overrides = await Effect.runPromise(loadOverrides(BUILTIN_OVERRIDES, { builtin: true, label: BUILTIN_LABEL }))
    const { model, errors } = buildModel(spec, { overrides, specName: "better-auth-api-spec.json", warn: () => {} })
    if (errors.length > 0) throw new Error(`the overrides do not build:\n${errors.join("\n")}`)
    return modelOf(model)
  })()
  return loaded
}

const modelOf = (model: Model): ContractModel => ({
  success: new Map(model.endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.success])),
  components: new Map(model.components.map((c) => [c.name, c])),
})

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

const fieldId = (owner: { readonly component: string } | { readonly endpoint: string }, path: string) =>
  "component" in owner ? `${owner.component}.${path}` : `${owner.endpoint}: ${path}`

type Owner = Parameters<typeof fieldId>[0]

/** Whether a raw value has the shape of a schema, shallowly: picks the member of a union an answer is. */
const fits = (node: SchemaNode, raw: unknown, model: ContractModel): boolean => {
  switch (node.kind) {
    case "ref": {
      const component = model.components.get(node.name)
      return component === undefined || fits(component.schema, raw, model)
    }
    case "nullable":
      return raw === null || fits(node.inner, raw, model)
    case "object":
      return (
        isRecord(raw) &&
        node.properties.every((p) =>
          p.name in raw ? raw[p.name] === null || fits(p.schema, raw[p.name], model) || p.schema.kind !== "literals" : p.optional,
        )
      )
    case "array":
      return Array.isArray(raw)
    case "union":
      return node.members.some((m) => fits(m, raw, model))
    case "literals":
      return node.values.some((v) => v === raw)
    case "string":
    case "date":
    case "redacted":
      return typeof raw === "string"
    case "number":
    case "integer":
      return typeof raw === "number"
    case "boolean":
      return typeof raw === "boolean"
    case "null":
      return raw === null
    case "unknown":
      return true
  }
}

/**
 * Walks a schema and a raw answer together, calling `note` for every object field the schema declares
 * (and, with `raw` undefined, for every field without evidence: `facts` only).
 */
const walk = (input: {
  readonly node: SchemaNode
  readonly raw: unknown
  readonly owner: Owner
  readonly path: string
  readonly model: ContractModel
  readonly note: (id: string, facts: FieldFacts, value: unknown, present: boolean) => void
  readonly visited: Set<string>
}): void => {
  const { node, raw, owner, path, model, note } = input
  const at = (next: Partial<typeof input>) => walk({ ...input, ...next })
  switch (node.kind) {
    case "ref": {
      const component = model.components.get(node.name)
      if (component === undefined) return
      // Without a value (collecting facts), each component is walked once: components may nest.
      if (raw === undefined && input.visited.has(component.name)) return
      input.visited.add(component.name)
      return at({ node: component.schema, owner: { component: component.name }, path: "" })
    }
    case "nullable":
      return raw === null ? undefined : at({ node: node.inner })
    case "array":
      if (raw === undefined) return at({ node: node.items, path: `${path}[]` })
      if (Array.isArray(raw)) for (const item of raw) at({ node: node.items, raw: item, path: `${path}[]` })
      return
    case "union": {
      if (raw === undefined) return node.members.forEach((member) => at({ node: member }))
      const member = node.members.find((m) => fits(m, raw, model))
      return member === undefined ? undefined : at({ node: member })
    }
    case "object":
      if (raw !== undefined && !isRecord(raw)) return
      for (const property of node.properties) {
        const name = path === "" ? property.name : `${path}.${property.name}`
        // An unknown value (any JSON) admits null by nature, not by a choice to tighten.
        const facts = { optional: property.optional, nullable: property.schema.kind === "nullable" }
        const value = raw === undefined ? undefined : raw[property.name]
        const present = raw !== undefined && property.name in raw && value !== undefined
        note(fieldId(owner, name), facts, value, present)
        if (raw === undefined || (present && value !== null)) at({ node: property.schema, raw: value, path: name })
      }
      return
    default:
      return
  }
}

/** Adds what one answer of `endpoint` says about its fields to `counts`. */
export const countFields = (model: ContractModel, endpoint: string, raw: unknown, counts: Map<string, FieldCounts>) => {
  const success = model.success.get(endpoint)
  if (success === undefined || raw === undefined) return
  walk({
    node: success,
    raw,
    owner: { endpoint },
    path: "",
    model,
    visited: new Set(),
    note: (id, _, value, present) => {
      const before = counts.get(id) ?? { seen: 0, absent: 0, null: 0 }
      counts.set(id, { seen: before.seen + 1, absent: before.absent + (present ? 0 : 1), null: before.null + (value === null ? 1 : 0) })
    },
  })
}

/** Every field of every Success schema with what the contract allows, by id. */
export const contractFields = (model: ContractModel): ReadonlyMap<string, FieldFacts> => {
  const fields = new Map<string, FieldFacts>()
  const visited = new Set<string>()
  for (const [endpoint, success] of model.success)
    walk({
      node: success,
      raw: undefined,
      owner: { endpoint },
      path: "",
      model,
      visited,
      note: (id, facts) => {
        const before = fields.get(id)
        fields.set(
          id,
          before === undefined ? facts : { optional: before.optional || facts.optional, nullable: before.nullable || facts.nullable },
        )
      },
    })
  return fields
}

/** Sums evidence from several records. */
export const mergeEvidence = (all: ReadonlyArray<Evidence>): Evidence => {
  const merged: Record<string, FieldCounts> = {}
  for (const evidence of all)
    for (const [id, counts] of Object.entries(evidence)) {
      const before = merged[id] ?? { seen: 0, absent: 0, null: 0 }
      merged[id] = { seen: before.seen + counts.seen, absent: before.absent + counts.absent, null: before.null + counts.null }
    }
  return merged
}
