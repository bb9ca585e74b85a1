/**
 * Stage 2c: OpenAPI document → Model. Classifies operations, builds payload and success schemas per
 * endpoint, names folders through naming.ts, and collects the component schemas the endpoints use.
 */
import { OverrideError, SpecError, type Warning } from "../errors.ts"
import { applySchemaPatch, schemaFaultsInto } from "./apply-override.ts"
import type { LoadedDefaults, LoadedOverride, LoadedOverrides } from "../overrides/load.ts"
import type { SchemaPatch } from "../overrides/schema.ts"
import { checkRefs } from "./override-refs.ts"
import { normalizeSchema } from "../spec/normalize.ts"
import { pointer } from "../spec/pointer.ts"
import type { OpenApiDocument, OpenApiOperation, RawSchema } from "../spec/types.ts"
import { HTTP_METHODS } from "../spec/validate.ts"
import { refName } from "../spec/walk.ts"
import { skipReason } from "./classify.ts"
import { type ComponentSource, collectComponents } from "./components.ts"
import { checkLayout } from "./layout.ts"
import { clientCallFor, endpointLayout, pathFault } from "./naming.ts"
import { type ResolvedRules, resolveRules, rulesProvenance } from "./rules.ts"
import { COMPONENT_PREFIX, nullable, type SchemaContext, SHARED_PREFIX, toSchemaNode } from "./schema.ts"
import { overrideDrift, topLevelShape } from "./drift.ts"
import { alwaysHasKeys, bodyPayload, queryPayload, successSchema, warnUnsentParameters, withoutFields, withQuery } from "./payload.ts"
import type { Endpoint, EndpointDocument, Model, Provenance, SchemaNode, ServerSettings, SetBy, Skipped } from "./types.ts"
import { byText } from "../text.ts"

export interface BuildOptions {
  readonly overrides: LoadedOverrides
  /** The spec's file name, for errors about the spec itself. */
  readonly specName: string
  readonly warn: (warning: Warning) => void
  /** What the previous run recorded of an overridden endpoint's document schemas (`POST /path` → shapes), for drift. */
  readonly documentBefore?: ((endpoint: string) => EndpointDocument | undefined) | undefined
}

export interface BuildResult {
  readonly model: Model
  /** Override faults (unknown endpoint, unknown field, colliding folders, …): do not write the model when non-empty. */
  readonly errors: ReadonlyArray<OverrideError | SpecError>
}

/** What every step of one build shares: the document, the overrides by endpoint, the rules, schema contexts. */
interface BuildContext {
  readonly document: OpenApiDocument
  readonly options: BuildOptions
  readonly rules: ResolvedRules
  readonly errors: Array<OverrideError | SpecError>
  readonly overrides: ReadonlyMap<string, ReadonlyArray<LoadedOverride>>
  readonly normalizeCtx: { readonly openapi: string; readonly warn: BuildOptions["warn"] }
  readonly componentSchemas: Readonly<Record<string, RawSchema>>
  readonly sharedSchemas: ReadonlyMap<string, { readonly schema: Readonly<Record<string, unknown>>; readonly defaults: LoadedDefaults }>
  readonly operationKeys: ReadonlySet<string>
  readonly resolve: (ref: string) => unknown
  readonly ctx: (side: "payload" | "success") => SchemaContext
}

/** Step 1: rules, overrides by endpoint (shipped, then the user's), shared schemas, and the override refs checked. */
const prepare = (document: OpenApiDocument, options: BuildOptions): BuildContext => {
  const { rules, errors: ruleErrors } = resolveRules(options.overrides.defaults)
  const errors: Array<OverrideError | SpecError> = [...ruleErrors]
  // Shipped override first, then the user's: for each key the last one that sets it wins.
  const overrides = new Map<string, Array<LoadedOverride>>()
  for (const o of options.overrides.endpoints) overrides.set(o.override.endpoint, [...(overrides.get(o.override.endpoint) ?? []), o])
  const normalizeCtx = { openapi: document.openapi, warn: options.warn }
  const componentSchemas = document.components?.schemas ?? {}
  // A user's shared schema replaces a shipped one of the same name.
  const sharedSchemas = new Map(
    options.overrides.defaults.flatMap((d) =>
      Object.entries(d.defaults.shared ?? {}).map(([name, schema]) => [name, { schema, defaults: d }] as const),
    ),
  )
  const componentNames = new Set(Object.keys(componentSchemas))
  const operationKeys = new Set(
    Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)),
  )
  errors.push(...checkRefs(options.overrides, componentNames, operationKeys))
  // What an override's `allOf` extends: a shared schema, or a component of the document.
  const resolve = (ref: string): unknown => {
    const shared = refName(ref, SHARED_PREFIX)
    if (shared !== undefined) return sharedSchemas.get(shared)?.schema
    const component = refName(ref, COMPONENT_PREFIX)
    return component !== undefined && Object.hasOwn(componentSchemas, component) ? componentSchemas[component] : undefined
  }
  // Built once: a context is made several times per endpoint.
  const sharedNames: ReadonlySet<string> = new Set(sharedSchemas.keys())
  const ctx = (side: "payload" | "success"): SchemaContext => ({
    side,
    rules,
    components: componentNames,
    shared: sharedNames,
    resolve,
    warn: options.warn,
  })
  return { document, options, rules, errors, overrides, normalizeCtx, componentSchemas, sharedSchemas, operationKeys, resolve, ctx }
}

/** Step 2: one operation → its endpoint (overrides applied, layout named), or why it is skipped. */
const buildEndpoint = (
  context: BuildContext,
  path: string,
  method: string,
  operation: OpenApiOperation,
): { readonly skipped: Skipped } | { readonly endpoint: Endpoint; readonly relocating: LoadedOverride | undefined } => {
  const { document, options, rules, errors, overrides, normalizeCtx, ctx } = context
  const key = `${method.toUpperCase()} ${path}`
  const layers = overrides.get(key) ?? []
  const last = <K extends keyof LoadedOverride["override"]>(k: K) => layers.findLast((l) => l.override[k] !== undefined)
  const skipping = last("skip")
  if (skipping !== undefined) {
    return { skipped: { method: method.toUpperCase(), path, code: "override", reason: `${skipping.override.skip} (${skipping.file})` } }
  }
  const override = {
    folder: last("folder")?.override.folder,
    namespace: last("namespace")?.override.namespace,
    span: last("span")?.override.span,
    clientCall: last("clientCall")?.override.clientCall,
    method: last("method")?.override.method,
    mutatesSession: last("mutatesSession")?.override.mutatesSession,
    redirects: last("redirects")?.override.redirects,
    description: last("description")?.override.description,
  }
  const reason = skipReason(method, path, operation)
  if (reason !== undefined) {
    return { skipped: { method: method.toUpperCase(), path, ...reason } }
  }
  const at = pointer("paths", path, method)
  const normalize = (schema: unknown, where: string) => normalizeSchema(schema, where, normalizeCtx)
  const payloadRules = new Set<string>()
  const payloadCtx: SchemaContext = { ...ctx("payload"), onRule: (rule) => payloadRules.add(rule) }
  warnUnsentParameters(operation, at, options.warn)
  const query = queryPayload(operation, at, payloadCtx, normalize)
  const body = method === "get" ? undefined : bodyPayload(operation, at, payloadCtx, normalize)
  // POST: query parameters join the payload; the handler sends them as fetchOptions.query.
  const merged = method === "get" ? { payload: query, queryFields: [] } : withQuery(body, query, at, options.warn)
  let payload: SchemaNode | undefined = merged.payload
  let success = successSchema(operation, at, ctx("success"), normalize, last("success") === undefined ? options.warn : () => {})
  // The document's own top-level fields of each overridden side, recorded for the next run's drift check.
  let documentShapes: EndpointDocument | undefined
  const before = options.documentBefore?.(key)
  for (const loaded of layers) {
    const apply = (side: "payload" | "success") => ({
      override: loaded,
      schema: side === "payload" ? payloadCtx : ctx(side),
      openapi: document.openapi,
      errors,
    })
    // Drift is judged on a scratch context: the real application below reports the override's own faults.
    const scratch = (side: "payload" | "success") => ({
      override: loaded,
      schema: { ...ctx(side), warn: () => {}, onRule: undefined },
      openapi: document.openapi,
      errors: [],
    })
    for (const side of ["payload", "success"] as const) {
      const patch = loaded.override[side]
      if (patch === undefined) continue
      const own = side === "payload" ? payload : success
      const recorded = documentShapes?.[side] !== undefined
      if (!recorded) documentShapes = { ...documentShapes, [side]: topLevelShape(own, side === "payload" ? "Payload" : "Success") }
      // The first layer that patches a side is judged against the document; later ones against what it made.
      for (const w of overrideDrift({
        endpoint: key,
        side,
        patch,
        document: own,
        before: recorded ? undefined : before?.[side],
        apply: scratch(side),
      }))
        options.warn(w)
    }
    if (loaded.override.payload !== undefined) payload = applySchemaPatch(payload, loaded.override.payload, "payload", apply("payload"))
    if (loaded.override.success !== undefined)
      success = applySchemaPatch(success, loaded.override.success, "success", apply("success")) ?? success
  }
  // The client proxy sends GET unless it has a method hint, or a body with at least one key.
  const sends = override.method ?? method.toUpperCase()
  const finalFields = new Set(payload?.kind === "object" ? payload.properties.map((p) => p.name) : [])
  const queryFields = sends === "POST" ? merged.queryFields.filter((name) => finalFields.has(name)) : []
  const layout = endpointLayout({
    path,
    folder: override.folder,
    namespace: override.namespace,
    domain: override.span?.domain,
    feature: override.span?.feature,
  })
  const endpoint: Endpoint = {
    method: method as "get" | "post",
    path,
    pointer: at,
    description: override.description ?? operation.description ?? operation.summary,
    ...layout,
    clientCall: override.clientCall?.split(".") ?? clientCallFor(path),
    apiMethod: operation["x-better-auth-api-method"],
    payload,
    payloadIn: sends === "GET" ? "query" : "body",
    queryFields,
    forcePost:
      sends === "POST" && operation["x-better-auth-client-method"] === undefined && !alwaysHasKeys(withoutFields(payload, queryFields)),
    success,
    mutatesSession: override.mutatesSession ?? rules.mutatesSession(path),
    redirects: override.redirects ?? false,
    ...serverSettings(layers),
    ...(documentShapes === undefined ? {} : { document: documentShapes }),
    provenance: provenanceOf({
      layers,
      rules,
      payloadRules: [...payloadRules],
      sessionRule: override.mutatesSession === undefined && rules.mutatesSession(path),
    }),
  }
  return { endpoint, relocating: last("folder") ?? last("namespace") ?? layers.at(-1) }
}

/** Step 3: a user's override must name an endpoint of the spec; a shipped one is inert where its plugin is not installed. */
const unmatchedUserOverrides = ({ options, operationKeys }: BuildContext): ReadonlyArray<OverrideError> =>
  options.overrides.endpoints
    .filter((loaded) => !loaded.builtin && !operationKeys.has(loaded.override.endpoint))
    .map(
      (loaded) =>
        new OverrideError({
          file: loaded.file,
          at: loaded.locate(["endpoint"]),
          path: "endpoint",
          message: `${loaded.override.endpoint} is not in the spec`,
          hint: "the endpoint was renamed or removed upstream: update or delete this override",
        }),
    )

/** Step 4: a component the endpoints use → its schema: a shared schema, or a spec component with the rules and component corrections applied. */
const componentSource = (context: BuildContext, name: string): ComponentSource => {
  const { document, options, rules, errors, normalizeCtx, componentSchemas, sharedSchemas, resolve, ctx } = context
  const shared = sharedSchemas.get(name)
  if (shared !== undefined) {
    const at = pointer("shared", name)
    const warn = (w: Warning) => options.warn({ ...w, file: shared.defaults.file })
    const fail = schemaFaultsInto(shared.defaults, errors)
    const normal = normalizeSchema(shared.schema, at, { ...normalizeCtx, warn, resolve, fail })
    const schema = toSchemaNode(normal, at, { ...ctx("success"), warn })
    return {
      schema,
      description: normal.description,
      definedBy: shared.defaults.file,
      changedBy: undefined,
    }
  }
  const at = pointer("components", "schemas", name)
  // Own entries only: a name like `constructor` is no component.
  const normal = normalizeSchema(Object.hasOwn(componentSchemas, name) ? componentSchemas[name] : undefined, at, normalizeCtx)
  const plain = toSchemaNode(normal, at, ctx("success"))
  const ruled = rules.nullableOptional(name) ? nullableOptionalFields(plain) : plain
  // Component corrections of each defaults layer, shipped first, then the user's.
  const patches = options.overrides.defaults.flatMap((d) => {
    const corrections = d.defaults.components ?? {}
    const patch = Object.hasOwn(corrections, name) ? corrections[name] : undefined
    return patch === undefined ? [] : [{ defaults: d, patch }]
  })
  const schema = patches.reduce(
    (node, { defaults, patch }) =>
      applySchemaPatch(node, patch, ["components", name], {
        override: defaults,
        schema: ctx("success"),
        openapi: document.openapi,
        errors,
      }) ?? node,
    ruled,
  )
  const nullableRule = ruled !== plain ? rulesProvenance(rules, ["nullableOptional"]) : undefined
  const changes = [
    ...(nullableRule === undefined ? [] : [nullableRule]),
    ...patches.map(({ defaults, patch }) => `${defaults.file} (components.${name}: ${patchedKeys(patch).join(", ")})`),
  ]
  const changedBy = changes.length > 0 ? changes.join("; ") : undefined
  return { schema, description: normal.description, definedBy: undefined, changedBy }
}

/** Builds the model. Pure: warnings go through `options.warn`, override faults come back as errors. */
export const buildModel = (document: OpenApiDocument, options: BuildOptions): BuildResult => {
  const context = prepare(document, options)
  const { errors } = context
  const endpoints: Array<Endpoint> = []
  const overrideOf = new Map<Endpoint, LoadedOverride>()
  const skipped: Array<Skipped> = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue
      const built = buildEndpoint(context, path, method, operation)
      if ("skipped" in built) {
        skipped.push(built.skipped)
        continue
      }
      endpoints.push(built.endpoint)
      if (built.relocating !== undefined) overrideOf.set(built.endpoint, built.relocating)
    }
  }
  errors.push(...unmatchedUserOverrides(context))
  endpoints.sort(byText((e) => `${e.path} ${e.method}`))
  skipped.push(...dropDuplicateCalls(endpoints))
  skipped.sort(byText((s) => `${s.path} ${s.method}`))
  errors.push(...checkLayout(endpoints, (e) => overrideOf.get(e), options.specName))

  const convert = (name: string) => componentSource(context, name)
  const components = collectComponents(
    endpoints.flatMap((e) => (e.payload === undefined ? [e.success] : [e.success, e.payload])),
    convert,
    options.warn,
  )
  for (const component of components) {
    const fault = pathFault(component.file)
    if (fault === undefined) continue
    const defaults = options.overrides.defaults.find((d) => d.file === component.definedBy)
    if (component.definedBy !== undefined && defaults !== undefined)
      errors.push(
        new OverrideError({
          file: defaults.file,
          at: defaults.locate(["shared", component.name]),
          path: `shared.${component.name}`,
          message: fault,
          hint: "give the shared schema a shorter name",
        }),
      )
    else
      errors.push(
        new SpecError({
          file: options.specName,
          at: pointer("components", "schemas", component.name),
          message: `${fault}; give the schema a shorter name`,
        }),
      )
  }
  return { model: { endpoints, skipped, components }, errors }
}

/** What a patch changes, for provenance: `replace`, the patched fields, `-removed` ones. */
const patchedKeys = (patch: SchemaPatch): ReadonlyArray<string> => [
  ...(patch.replace === undefined ? [] : ["replace"]),
  ...Object.keys(patch.fields ?? {}),
  ...(patch.remove ?? []).map((f) => `-${f}`),
]

const HANDLER_KEYS = ["folder", "namespace", "span", "clientCall", "method", "mutatesSession", "redirects", "description"] as const

/** Which keys of each override, and which rules of the defaults files, changed the handler, the payload and the success schema. */
const provenanceOf = (input: {
  readonly layers: ReadonlyArray<LoadedOverride>
  readonly rules: ResolvedRules
  readonly payloadRules: ReadonlyArray<string>
  readonly sessionRule: boolean
}): Provenance => {
  // The override's own reason (its comment) follows the keys it set.
  const why = (reason: string | undefined) => (reason === undefined ? "" : ` — ${reason}`)
  const handlerKeys = (loaded: LoadedOverride) => {
    const keys = HANDLER_KEYS.filter((key) => loaded.override[key] !== undefined)
    return keys.length === 0 ? undefined : `${loaded.file} (${keys.join(", ")})${why(loaded.reasons?.file)}`
  }
  const part = (side: "payload" | "success") => (loaded: LoadedOverride) => {
    const patch = loaded.override[side]
    if (patch === undefined) return undefined
    return `${loaded.file} (${side}: ${patchedKeys(patch).join(", ")})${why(loaded.reasons?.[side])}`
  }
  const rules = (items: ReadonlyArray<string>) => rulesProvenance(input.rules, items)
  const join = (...sources: ReadonlyArray<string | undefined>) => {
    const present = sources.filter((s) => s !== undefined)
    return present.length === 0 ? undefined : present.join("; ")
  }
  return {
    handler: join(...input.layers.map(handlerKeys), rules(input.sessionRule ? ["mutatesSession"] : [])),
    payload: join(...input.layers.map(part("payload")), rules(input.payloadRules)),
    success: join(...input.layers.map(part("success"))),
  }
}

/**
 * One client method can only send one HTTP method: where a path has GET and POST, the client's method
 * sends GET when called without a body, so the GET operation is the one it can call. Removes the other
 * from `endpoints` (in place) and returns it as skipped.
 */
const dropDuplicateCalls = (endpoints: Array<Endpoint>): ReadonlyArray<Skipped> => {
  const skipped: Array<Skipped> = []
  const byCall = new Map<string, Endpoint>()
  // A copy: the loop removes dropped endpoints from `endpoints` as it goes.
  for (const endpoint of endpoints.slice()) {
    const call = endpoint.clientCall.join(".")
    const first = byCall.get(call)
    if (first === undefined) {
      byCall.set(call, endpoint)
      continue
    }
    const [keep, drop] = first.method === "get" ? [first, endpoint] : [endpoint, first]
    byCall.set(call, keep)
    endpoints.splice(endpoints.indexOf(drop), 1)
    skipped.push({
      method: drop.method.toUpperCase(),
      path: drop.path,
      code: "duplicate-client-method",
      reason: `client.${call} already calls ${keep.method.toUpperCase()} ${keep.path}`,
    })
  }
  return skipped
}

/**
 * Better Auth's component schemas are its database models. Optional columns come back as `null` from
 * real servers although the document never says so: the `nullableOptional` rule says which components.
 * Returns the same node when nothing changes.
 */
const nullableOptionalFields = (node: SchemaNode): SchemaNode => {
  if (node.kind !== "object" || !node.properties.some((p) => p.optional && nullable(p.schema) !== p.schema)) return node
  return { ...node, properties: node.properties.map((p) => (p.optional ? { ...p, schema: nullable(p.schema) } : p)) }
}

/** The server target's settings of an endpoint: for each `server:` key, the last layer that sets it, and where. */
const serverSettings = (layers: ReadonlyArray<LoadedOverride>): { readonly server?: ServerSettings } => {
  const settings: Record<string, SetBy<string>> = {}
  for (const key of ["skip", "name", "group", "path"] as const) {
    const layer = layers.findLast((l) => l.override.server?.[key] !== undefined)
    const value = layer?.override.server?.[key]
    if (layer !== undefined && value !== undefined) settings[key] = { value, file: layer.file, at: layer.locate(["server", key]) }
  }
  return Object.keys(settings).length === 0 ? {} : { server: settings }
}
