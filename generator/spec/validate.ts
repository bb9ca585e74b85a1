/**
 * Stage 1a (validation): the parsed document is untrusted. Before anything reads it, check that every
 * part the generator reads has the JSON type it expects (an object where an object is read, a string
 * where a string is), that every `$ref` names a schema of `components.schemas` in this document, that no
 * cycle is made of references alone, and that schemas nest no deeper than `MAX_SCHEMA_DEPTH`. The first
 * fault, in document order, is a `SpecError` at its JSON pointer; a document that passes cannot crash
 * the later stages.
 */
import { SpecError } from "../errors.ts"
import { pointer } from "./pointer.ts"
import { cycleEdges, directRefs, MAX_SCHEMA_DEPTH, refName, type Token, walkSchema } from "./walk.ts"

/** `$ref`s in the document must have this prefix. */
export const COMPONENT_REF_PREFIX = "#/components/schemas/"

/** The keys of a path item that are operations; others (`summary`, `parameters`, …) are not read. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"])

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : typeof value === "string"
          ? "a string"
          : `${typeof value} ${JSON.stringify(value)}`

class Fault {
  constructor(
    readonly path: ReadonlyArray<Token>,
    readonly message: string,
  ) {}
}

const expectRecord = (value: unknown, path: ReadonlyArray<Token>, what: string): Readonly<Record<string, unknown>> => {
  if (!isRecord(value)) throw new Fault(path, `expected ${what} (an object), found ${kindOf(value)}`)
  return value
}

const optional = (parent: Readonly<Record<string, unknown>>, key: string, path: ReadonlyArray<Token>, type: "string" | "boolean") => {
  if (key in parent && typeof parent[key] !== type) throw new Fault([...path, key], `expected a ${type}, found ${kindOf(parent[key])}`)
}

const checkSchema = (value: unknown, path: ReadonlyArray<Token>, components: Readonly<Record<string, unknown>>) => {
  for (const finding of walkSchema(value, path)) {
    if (finding.kind === "too-deep")
      throw new Fault(
        finding.path,
        `schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels here; move the inner schema into components/schemas and refer to it with $ref`,
      )
    const ref = finding.ref
    if (typeof ref !== "string") throw new Fault(finding.path, `expected a $ref string, found ${kindOf(ref)}`)
    const name = refName(ref, COMPONENT_REF_PREFIX)
    if (name === undefined)
      throw new Fault(
        finding.path,
        /^[a-z][a-z0-9+.-]*:|^[^#]/i.test(ref)
          ? `$ref ${JSON.stringify(ref)} points to another file or URL; only "${COMPONENT_REF_PREFIX}<Name>" in this document is supported`
          : `$ref ${JSON.stringify(ref)} is not supported; refer to "${COMPONENT_REF_PREFIX}<Name>"`,
      )
    if (!Object.hasOwn(components, name))
      throw new Fault(finding.path, `$ref ${JSON.stringify(ref)}: the document has no schema "${name}" in components/schemas`)
  }
}

const checkContent = (value: unknown, path: ReadonlyArray<Token>, components: Readonly<Record<string, unknown>>) => {
  if ("$ref" in expectRecord(value, path, "a content map"))
    throw new Fault([...path, "$ref"], "a $ref here is not supported; write the content inline")
  for (const [media, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = [...path, media]
    const record = expectRecord(entry, at, "a media type object")
    if ("schema" in record) checkSchema(record["schema"], [...at, "schema"], components)
  }
}

/** A `$ref` where the generator reads an object of another kind (parameter, body, response). */
const noRef = (record: Readonly<Record<string, unknown>>, path: ReadonlyArray<Token>) => {
  if ("$ref" in record) throw new Fault([...path, "$ref"], `a $ref here is not supported (only schemas may be references); write it inline`)
}

const checkOperation = (
  operation: Readonly<Record<string, unknown>>,
  at: ReadonlyArray<Token>,
  components: Readonly<Record<string, unknown>>,
) => {
  noRef(operation, at)
  for (const key of [
    "operationId",
    "description",
    "summary",
    "x-better-auth-scope",
    "x-better-auth-client-method",
    "x-better-auth-api-method",
  ])
    optional(operation, key, at, "string")
  if ("parameters" in operation) {
    const parameters = operation["parameters"]
    if (!Array.isArray(parameters)) throw new Fault([...at, "parameters"], `expected an array of parameters, found ${kindOf(parameters)}`)
    parameters.forEach((parameter: unknown, index) => {
      const path = [...at, "parameters", index]
      const record = expectRecord(parameter, path, "a parameter")
      noRef(record, path)
      for (const key of ["name", "in", "description"]) optional(record, key, path, "string")
      optional(record, "required", path, "boolean")
      if ("schema" in record) checkSchema(record["schema"], [...path, "schema"], components)
    })
  }
  if ("requestBody" in operation) {
    const path = [...at, "requestBody"]
    const body = expectRecord(operation["requestBody"], path, "a request body")
    noRef(body, path)
    optional(body, "required", path, "boolean")
    if ("content" in body) checkContent(body["content"], [...path, "content"], components)
  }
  if ("responses" in operation) {
    const path = [...at, "responses"]
    for (const [status, response] of Object.entries(expectRecord(operation["responses"], path, "a map of responses"))) {
      const where = [...path, status]
      const record = expectRecord(response, where, "a response")
      noRef(record, where)
      optional(record, "description", where, "string")
      if ("content" in record) checkContent(record["content"], [...where, "content"], components)
    }
  }
}

/** Ref-only cycles between components (`A: { $ref: B }`, `B: { anyOf: [{ $ref: A }, …] }`). */
const checkRefCycles = (components: Readonly<Record<string, unknown>>) => {
  const names = Object.keys(components)
  const edges = (name: string) =>
    directRefs(components[name], ["components", "schemas", name]).flatMap(({ ref, path }) => {
      const to = typeof ref === "string" ? refName(ref, COMPONENT_REF_PREFIX) : undefined
      return to === undefined || !Object.hasOwn(components, to) ? [] : [{ to, path }]
    })
  const first = cycleEdges(names, edges)[0]
  if (first !== undefined)
    throw new Fault(
      first.edge.path,
      `$ref to "${first.edge.to}" closes a cycle made only of references (${first.from === first.edge.to ? `"${first.from}" is itself` : `"${first.from}" is "${first.edge.to}", which is "${first.from}" again`}); a recursive schema must recurse through an object property or array items`,
    )
}

/** Validates a parsed document; returns the first fault, or undefined when the document is usable. */
export const validateDocument = (file: string, value: unknown): SpecError | undefined => {
  const fail = (at: string, message: string) => new SpecError({ file, at, message })
  if (!isRecord(value)) return fail("#", "expected an OpenAPI document (a JSON object)")
  if (typeof value["openapi"] !== "string" || !value["openapi"].startsWith("3."))
    return fail("#/openapi", `expected an OpenAPI 3.x version string, found ${JSON.stringify(value["openapi"] ?? null)}`)
  if (!isRecord(value["paths"])) return fail("#/paths", "expected an object of paths")
  try {
    let components: Readonly<Record<string, unknown>> = {}
    if ("components" in value) {
      const all = expectRecord(value["components"], ["components"], "the components")
      if ("schemas" in all) components = expectRecord(all["schemas"], ["components", "schemas"], "a map of schemas")
    }
    for (const [path, item] of Object.entries(value["paths"])) {
      const record = expectRecord(item, ["paths", path], "a path item")
      noRef(record, ["paths", path])
      for (const [method, operation] of Object.entries(record)) {
        if (!HTTP_METHODS.has(method)) continue
        checkOperation(expectRecord(operation, ["paths", path, method], "an operation"), ["paths", path, method], components)
      }
    }
    for (const [name, schema] of Object.entries(components)) checkSchema(schema, ["components", "schemas", name], components)
    checkRefCycles(components)
    return undefined
  } catch (error) {
    if (error instanceof Fault) return fail(pointer(...error.path), error.message)
    throw error
  }
}
