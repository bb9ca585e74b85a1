/**
 * Stage 3c, the client target: Model → files of the browser SDK. Builds one view per file (imports,
 * printed schemas, the call of the Better Auth client) and fills the templates. Every decision lives
 * here or in model/; templates only lay text out.
 */
import {
  classIdentifier,
  COMMON_FOLDER,
  COMMON_NAMESPACE,
  RUNTIME_NAMESPACE,
  encodedIdentifier,
  endpointFiles,
  namespaceFor,
  propertyKey,
  relativeImport,
  OUTPUT_PACKAGE_JSON,
  RUNTIME_FOLDER,
} from "../../../model/naming.ts"
import type { Component, Endpoint, Model } from "../../../model/types.ts"
import { jsdoc } from "../../comment.ts"
import { emptyUses, identifierMap, printDeclaration, type PrintContext, type Uses } from "../../printer.ts"
import type { RuntimeView } from "../../templates.ts"
import { bannerFor, moduleLiteral, type RenderedFile, type RenderOptions, type Target } from "../../target.ts"
import { byText, IDENTIFIER } from "../../../text.ts"

const imports = (
  file: string,
  uses: Uses,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
  options: RenderOptions,
  self?: string,
) => {
  // Effect by subpath: a bundler then keeps only the Effect modules the SDK uses.
  const lines: Array<{ names: string; from: string; namespace: boolean }> = uses.schema
    ? [{ names: "Schema", from: JSON.stringify("effect/Schema"), namespace: true }]
    : []
  for (const name of [...uses.components].sort()) {
    if (name === self) continue
    const component = components.get(name)!
    const identifier = identifiers.get(name)!
    const names = uses.encoded.has(name) ? `${identifier}, type ${encodedIdentifier(identifier)}` : identifier
    lines.push({ names, from: moduleLiteral(relativeImport(file, component.file), options), namespace: false })
  }
  if (uses.runtime.size > 0)
    lines.push({
      names: [...uses.runtime].sort().join(", "),
      from: moduleLiteral(relativeImport(file, `${RUNTIME_FOLDER}/schemas.ts`), options),
      namespace: false,
    })
  return lines
}

const propertyAccess = (chain: ReadonlyArray<string>) =>
  chain.map((name) => (IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`)).join("")

/**
 * The `execute` body: how the encoded payload reaches the client method. An endpoint that can redirect
 * also passes the runtime's `fetchOptions` (its third parameter, the second without payload).
 */
const clientCall = (endpoint: Endpoint): { params: string; call: string } => {
  const method = `client${propertyAccess(endpoint.clientCall)}`
  const redirects = endpoint.redirects
  const extra = redirects ? ", fetchOptions" : ""
  // The fetch options the call sets itself, after the runtime's.
  const fetchOptions = (entries: ReadonlyArray<string>) =>
    entries.length === 0
      ? redirects
        ? "fetchOptions"
        : undefined
      : `fetchOptions: { ${[...(redirects ? ["...fetchOptions"] : []), ...entries].join(", ")} }`
  const force = endpoint.forcePost ? ['method: "POST" as const'] : []
  const argument = (head: ReadonlyArray<string>, options: string | undefined) => {
    const parts = [...head, ...(options === undefined ? [] : [options])]
    return parts.length === 0 ? "" : `{ ${parts.join(", ")} }`
  }
  if (endpoint.payload === undefined) return { params: `client${extra}`, call: `${method}(${argument([], fetchOptions(force))})` }
  if (endpoint.payloadIn === "query")
    return { params: `client, payload${extra}`, call: `${method}(${argument(["query: payload"], fetchOptions([]))})` }
  if (endpoint.queryFields.length > 0) {
    // Query parameters of a POST go in fetchOptions.query; each is bound to a safe local name.
    const bindings = endpoint.queryFields.map((name, i) => ({ key: propertyKey(name), local: `query${i}` }))
    const bodyFields = endpoint.payload.kind === "object" ? endpoint.payload.properties.length - endpoint.queryFields.length : 0
    const rest = bodyFields > 0 || (endpoint.payload.kind === "object" && endpoint.payload.additional !== undefined)
    const params = `client, { ${bindings.map((b) => `${b.key}: ${b.local}`).join(", ")}${rest ? ", ...body" : ""} }${extra}`
    const query = `query: { ${bindings.map((b) => `${b.key}: ${b.local}`).join(", ")} }`
    return { params, call: `${method}(${argument(rest ? ["...body"] : [], fetchOptions([...force, query]))})` }
  }
  const options = fetchOptions(force)
  return { params: `client, payload${extra}`, call: options === undefined ? `${method}(payload)` : `${method}({ ...payload, ${options} })` }
}

/** Provenance for reviewers: why this code differs from the spec. */
const changedBy = (source: string | undefined) => (source === undefined ? undefined : `Changed by override: ${source}`)

const endpointDocs = (endpoint: Endpoint) => [
  endpoint.description,
  "",
  `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``,
  changedBy(endpoint.provenance.handler),
]

const renderEndpoint = (
  endpoint: Endpoint,
  options: RenderOptions,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
): ReadonlyArray<RenderedFile> => {
  const files = endpointFiles(endpoint.folder)
  const banner = bannerFor(options.specName)
  const ctx: PrintContext = { uses: emptyUses(), identifiers }
  const declarations: Array<string> = []
  if (endpoint.payload !== undefined)
    declarations.push(
      printDeclaration({
        name: "Payload",
        identifier: classIdentifier(options.identifierPrefix, [...endpoint.folder, "Payload"]),
        node: endpoint.payload,
        docs: [`Payload of \`${endpoint.method.toUpperCase()} ${endpoint.path}\`.`, changedBy(endpoint.provenance.payload)],
        ctx,
      }),
    )
  declarations.push(
    printDeclaration({
      name: "Success",
      identifier: classIdentifier(options.identifierPrefix, [...endpoint.folder, "Success"]),
      node: endpoint.success,
      docs: [`Success answer of \`${endpoint.method.toUpperCase()} ${endpoint.path}\`.`, changedBy(endpoint.provenance.success)],
      ctx,
    }),
  )
  const contract = options.templates.contract({
    banner,
    imports: imports(files.contract, ctx.uses, identifiers, components, options),
    declarations,
  })
  const { params, call } = clientCall(endpoint)
  const handler = options.templates.handler({
    banner,
    runtimeModule: moduleLiteral(relativeImport(files.handler, `${RUNTIME_FOLDER}/index.ts`), options),
    contractModule: moduleLiteral(files.contractModule, options),
    contractNames: endpoint.payload === undefined ? "Success" : "Payload, Success",
    docs: jsdoc(endpointDocs(endpoint)),
    domain: JSON.stringify(endpoint.domain),
    feature: JSON.stringify(endpoint.feature),
    hasPayload: endpoint.payload !== undefined,
    mutatesSession: String(endpoint.mutatesSession),
    executeParams: params,
    call,
  })
  return [
    { path: files.contract, content: contract },
    { path: files.handler, content: handler },
  ]
}

const renderComponent = (
  component: Component,
  options: RenderOptions,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
): RenderedFile => {
  const ctx: PrintContext = { uses: emptyUses(), identifiers, lazy: new Set(component.cycle) }
  const declaration = printDeclaration({
    name: component.identifier,
    identifier: classIdentifier(options.identifierPrefix, [component.name]),
    node: component.schema,
    docs: [
      component.description ?? `The \`${component.name}\` model.`,
      component.definedBy === undefined ? undefined : `Defined by override: ${component.definedBy} (shared.${component.name})`,
      changedBy(component.changedBy),
    ],
    ctx,
  })
  return {
    path: component.file,
    content: options.templates.component({
      banner: bannerFor(options.specName),
      imports: imports(component.file, ctx.uses, identifiers, components, options, component.name),
      declaration,
    }),
  }
}

/**
 * Barrels: every folder gets an index.ts re-exporting its endpoint files (if it is an endpoint folder)
 * and each subfolder as a PascalCase namespace.
 */
const renderBarrels = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const stars = new Map<string, Array<string>>()
  const children = new Map<string, Set<string>>()
  const addFolder = (folder: ReadonlyArray<string>) => {
    for (let depth = 0; depth < folder.length; depth++) {
      const parent = folder.slice(0, depth).join("/")
      if (!children.has(parent)) children.set(parent, new Set())
      children.get(parent)!.add(folder[depth]!)
    }
  }
  for (const endpoint of model.endpoints) {
    const files = endpointFiles(endpoint.folder)
    stars.set(endpoint.folder.join("/"), [files.contractModule, files.handlerModule])
    addFolder(endpoint.folder)
  }
  const leafNamespace = new Map(model.endpoints.map((e) => [e.folder.join("/"), e.namespace]))
  const folders = new Set([...children.keys(), ...stars.keys()])
  const banner = bannerFor(options.specName)
  return [...folders].sort().map((folder) => {
    const path = folder === "" ? "index.ts" : `${folder}/index.ts`
    const namespaces = [...(children.get(folder) ?? [])].sort().map((name) => ({
      name: leafNamespace.get(folder === "" ? name : `${folder}/${name}`) ?? namespaceFor(name),
      from: moduleLiteral(`./${name}/index.ts`, options),
    }))
    if (folder === "") {
      if (model.components.length > 0)
        namespaces.push({ name: COMMON_NAMESPACE, from: moduleLiteral(`./${COMMON_FOLDER}/index.ts`, options) })
      namespaces.push({ name: RUNTIME_NAMESPACE, from: moduleLiteral(`./${RUNTIME_FOLDER}/index.ts`, options) })
    }
    return {
      path,
      content: options.templates.index({ banner, stars: (stars.get(folder) ?? []).map((s) => moduleLiteral(s, options)), namespaces }),
    }
  })
}

/** The runtime's modules besides its barrel. */
const RUNTIME_MODULES = ["client", "error-codes", "errors", "handler", "schemas"] as const

const renderRuntime = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const banner = bannerFor(options.specName)
  const view: RuntimeView = {
    banner,
    clientModule: options.clientModule,
    importExtension: options.importExtension,
    errorCodes: model.errorCodes ?? [],
  }
  return ([...RUNTIME_MODULES, "index"] as const).map((name) => ({
    path: `${RUNTIME_FOLDER}/${name}.ts`,
    content: options.templates[`runtime/${name}`](view),
  }))
}

/**
 * The output folder's package.json: its modules are ES modules (NodeNext reads them so), and importing
 * one has no side effect, so a bundler drops the endpoints an app does not call.
 */
const packageJson = (): RenderedFile => ({
  path: OUTPUT_PACKAGE_JSON,
  content: `${JSON.stringify({ type: "module", sideEffects: false }, null, 2)}\n`,
})

/** Renders every file of the SDK from the model, unformatted. */
export const renderModel = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const identifiers = identifierMap(model.components)
  const components = new Map(model.components.map((c) => [c.name, c]))
  const common: Array<RenderedFile> = model.components.map((c) => renderComponent(c, options, identifiers, components))
  if (model.components.length > 0)
    common.push({
      path: `${COMMON_FOLDER}/index.ts`,
      content: options.templates.index({
        banner: bannerFor(options.specName),
        stars: model.components.map((c) => moduleLiteral(relativeImport(`${COMMON_FOLDER}/index.ts`, c.file), options)),
        namespaces: [],
      }),
    })
  return [
    packageJson(),
    ...model.endpoints.flatMap((e) => renderEndpoint(e, options, identifiers, components)),
    ...common,
    ...renderBarrels(model, options),
    ...renderRuntime(model, options),
  ].sort(byText((file) => file.path))
}

/** The browser client target: contracts, handlers calling the Better Auth client, barrels, the runtime. */
export const clientTarget: Target = { name: "client", render: renderModel }
