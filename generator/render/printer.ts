/**
 * Stage 3a: SchemaNode → Effect Schema source text. A printer, not a template: one case per node kind,
 * every user string through JSON.stringify or the comment helper. It records what the printed text
 * refers to (component classes, runtime helpers) so the caller can write exactly the imports it needs.
 *
 * Each description is printed once, where it serves:
 * - a field's description is an annotation, `.annotate({ description })`, not JSDoc: annotations reach
 *   runtime, so JSON Schema and OpenAPI generated from the same schemas (the server target's OpenAPI
 *   document) carry it, and go-to-definition on the field lands on it; a JSDoc copy would only repeat it;
 * - a declaration's description (what the schema is, which override changed it) is JSDoc on the value
 *   (`const` or class), the one hover shows; the `type` of the same name carries no copy.
 */
import { DATE_SCHEMA, encodedIdentifier, propertyKey } from "../model/naming.ts"
import { typeText } from "../model/shape.ts"
import type { Component, Property, SchemaNode } from "../model/types.ts"
import { jsdoc } from "./comment.ts"

/** What printed code refers to outside the `effect` import. */
export interface Uses {
  /** Whether the text mentions `Schema` from effect. */
  schema: boolean
  readonly components: Set<string>
  /** Components whose `…Encoded` type is mentioned (references that close a cycle). */
  readonly encoded: Set<string>
  readonly runtime: Set<typeof DATE_SCHEMA>
}

export const emptyUses = (): Uses => ({ schema: false, components: new Set(), encoded: new Set(), runtime: new Set() })

export interface PrintContext {
  readonly uses: Uses
  /** Component name → class identifier. */
  readonly identifiers: ReadonlyMap<string, string>
  /**
   * The components of the cycle being printed: a reference to one of them is lazy
   * (`Schema.suspend` with an explicit type), so neither the class nor the module graph needs a
   * value before it is initialised.
   */
  readonly lazy?: ReadonlySet<string> | undefined
}

/** Prints a schema expression. */
export const printSchema = (node: SchemaNode, ctx: PrintContext, indent = ""): string => {
  if (node.kind !== "ref" && node.kind !== "date") ctx.uses.schema = true
  switch (node.kind) {
    case "string":
      return "Schema.String"
    case "date":
      ctx.uses.runtime.add(DATE_SCHEMA)
      return DATE_SCHEMA
    case "number":
      return "Schema.Number"
    case "integer":
      return "Schema.Int"
    case "boolean":
      return "Schema.Boolean"
    case "null":
      return "Schema.Null"
    case "unknown":
      return "Schema.Unknown"
    case "redacted":
      return "Schema.RedactedFromValue(Schema.String)"
    case "literals":
      if (node.values.length === 0) return "Schema.Never"
      return node.values.length === 1
        ? `Schema.Literal(${JSON.stringify(node.values[0])})`
        : `Schema.Literals([${node.values.map((v) => JSON.stringify(v)).join(", ")}])`
    case "array":
      return `Schema.Array(${printSchema(node.items, ctx, indent)})`
    case "nullable":
      return `Schema.NullOr(${printSchema(node.inner, ctx, indent)})`
    case "union":
      if (node.members.length === 0) return "Schema.Never"
      return `Schema.Union([${node.members.map((m) => printSchema(m, ctx, indent)).join(", ")}])`
    case "ref": {
      ctx.uses.components.add(node.name)
      const identifier = ctx.identifiers.get(node.name) ?? node.name
      if (ctx.lazy?.has(node.name) !== true) return identifier
      ctx.uses.schema = true
      ctx.uses.encoded.add(node.name)
      return `Schema.suspend((): Schema.Codec<${identifier}, ${encodedIdentifier(identifier)}> => ${identifier})`
    }
    case "object": {
      if (node.properties.length === 0)
        return `Schema.Record(Schema.String, ${node.additional === undefined ? "Schema.Unknown" : printSchema(node.additional, ctx, indent)})`
      return `Schema.Struct(${printFields(node.properties, ctx, indent)})`
    }
  }
}

/** Prints `{ field: schema, ... }`, one field per line, descriptions as annotations (see the module comment). */
export const printFields = (properties: ReadonlyArray<Property>, ctx: PrintContext, indent = ""): string => {
  if (properties.some((p) => p.optional || p.description !== undefined)) ctx.uses.schema = true
  const inner = `${indent}  `
  const fields = properties.map((property) => {
    let value = printSchema(property.schema, ctx, inner)
    if (property.description !== undefined) value = `${value}.annotate({ description: ${JSON.stringify(property.description)} })`
    if (property.optional) value = `Schema.optionalKey(${value})`
    return `${inner}${propertyKey(property.name)}: ${value},\n`
  })
  return `{\n${fields.join("")}${indent}}`
}

/**
 * The TypeScript type a schema decodes to (`Type`) or is encoded as (`Encoded`), written out: needed
 * where a cycle must be declared with an explicit type. References inside the cycle name the declared
 * types; others are taken from their schema (`typeof User.Encoded`).
 */
export const printType = (node: SchemaNode, ctx: PrintContext, which: "Type" | "Encoded"): string => {
  switch (node.kind) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
    case "null":
    case "unknown":
      return typeText(node)
    case "date":
      ctx.uses.runtime.add(DATE_SCHEMA)
      return `typeof ${DATE_SCHEMA}.${which}`
    case "redacted":
      ctx.uses.schema = true
      return `Schema.RedactedFromValue<Schema.String>["${which}"]`
    case "literals":
      return node.values.length === 0 ? "never" : node.values.map((v) => JSON.stringify(v)).join(" | ")
    case "array":
      return `ReadonlyArray<${printType(node.items, ctx, which)}>`
    case "nullable":
      return `${printType(node.inner, ctx, which)} | null`
    case "union":
      return node.members.length === 0 ? "never" : node.members.map((m) => printType(m, ctx, which)).join(" | ")
    case "ref": {
      ctx.uses.components.add(node.name)
      const identifier = ctx.identifiers.get(node.name) ?? node.name
      if (ctx.lazy?.has(node.name) !== true) return `typeof ${identifier}.${which}`
      if (which === "Type") return identifier
      ctx.uses.encoded.add(node.name)
      return encodedIdentifier(identifier)
    }
    case "object": {
      if (node.properties.length === 0)
        return `{ readonly [x: string]: ${node.additional === undefined ? "unknown" : printType(node.additional, ctx, which)} }`
      const fields = node.properties.map(
        (p) => `readonly ${propertyKey(p.name)}${p.optional ? "?" : ""}: ${printType(p.schema, ctx, which)}`,
      )
      return `{ ${fields.join("; ")} }`
    }
  }
}

/**
 * Declares a named schema: a `Schema.Class` for objects with fields (nominal, readable in hovers, cheap
 * for tsc), otherwise a constant plus a type alias of its decoded Type.
 */
export const printDeclaration = (input: {
  readonly name: string
  readonly identifier: string
  readonly node: SchemaNode
  readonly docs: ReadonlyArray<string | undefined>
  readonly ctx: PrintContext
}): string => {
  const { name, identifier, node, docs, ctx } = input
  const comment = jsdoc(docs)
  const recursive = ctx.lazy !== undefined && ctx.lazy.size > 0
  if (node.kind === "object" && node.properties.length > 0) {
    ctx.uses.schema = true
    const declaration = `${comment}export class ${name} extends Schema.Class<${name}>(${JSON.stringify(identifier)})(${printFields(node.properties, ctx)}) {}\n`
    if (!recursive) return declaration
    return `${declaration}\n/** What \`${name}\` is encoded as (declared because it is recursive). */\nexport interface ${encodedIdentifier(name)} ${printType(node, ctx, "Encoded")}\n`
  }
  if (recursive) {
    ctx.uses.schema = true
    const schema = printSchema(node, ctx)
    return `export type ${name} = ${printType(node, ctx, "Type")}\n/** What \`${name}\` is encoded as (declared because it is recursive). */\nexport type ${encodedIdentifier(name)} = ${printType(node, ctx, "Encoded")}\n${comment}export const ${name}: Schema.Codec<${name}, ${encodedIdentifier(name)}> = ${schema}\n`
  }
  return `${comment}export const ${name} = ${printSchema(node, ctx)}\nexport type ${name} = typeof ${name}.Type\n`
}

/** The component identifiers by component name. */
export const identifierMap = (components: ReadonlyArray<Component>): ReadonlyMap<string, string> =>
  new Map(components.map((c) => [c.name, c.identifier]))
