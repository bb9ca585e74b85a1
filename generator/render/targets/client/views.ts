/**
 * Stage 3c, the client target: Model → files of the browser SDK. Builds one view per file (imports,
 * printed schemas, the call of the Better Auth client) and fills the templates. Every decision lives
 * here or in model/; templates only lay text out.
 */
import {
  COMMON_FOLDER,
  COMMON_NAMESPACE,
  RUNTIME_NAMESPACE,
  endpointFiles,
  propertyKey,
  relativeImport,
  RUNTIME_FOLDER,
} from "../../../model/naming.ts"
import type { Component, Endpoint, Model } from "../../../model/types.ts"
import { jsdoc } from "../../comment.ts"
import { emptyUses, identifierMap, type PrintContext } from "../../printer.ts"
import type { RuntimeView } from "../../templates.ts"
import { bannerFor, moduleLiteral, type RenderedFile, type RenderOptions, type Target } from "../../target.ts"
import { byText, IDENTIFIER } from "../../../text.ts"
import { changedBy, contractDeclarations, packageJson, renderBarrels, renderCommon, schemaImports } from "../shared.ts"

const propertyAccess = (chain: ReadonlyArray<string>) =>
  chain.map((name) => (IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`)).join("")

/**
 * The `execute` body: how the encoded payload reaches the client method. An endpoint that can redirect
 * also passes the runtime's `fetchOptions` (its third parameter, the second without payload).
 */
const clientCall = (endpoint: Endpoint): { params: string; call: string; runtimeTypes: ReadonlyArray<string> } => {
  // A call that sends a payload gives the method's fetch-options type argument (the runtime's CallOptions).
  const runtimeTypes = endpoint.payload === undefined ? [] : ["CallOptions"]
  const method = `client${propertyAccess(endpoint.clientCall)}${runtimeTypes.map((t) => `<${t}>`).join("")}`
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
  if (endpoint.payload === undefined)
    return { runtimeTypes, params: `client${extra}`, call: `${method}(${argument([], fetchOptions(force))})` }
  if (endpoint.payloadIn === "query")
    return { runtimeTypes, params: `client, payload${extra}`, call: `${method}(${argument(["query: payload"], fetchOptions([]))})` }
  if (endpoint.queryFields.length > 0) {
    // Query parameters of a POST go in fetchOptions.query; each is bound to a safe local name.
    const bindings = endpoint.queryFields.map((name, i) => ({ key: propertyKey(name), local: `query${i}` }))
    const bodyFields = endpoint.payload.kind === "object" ? endpoint.payload.properties.length - endpoint.queryFields.length : 0
    const rest = bodyFields > 0 || (endpoint.payload.kind === "object" && endpoint.payload.additional !== undefined)
    const params = `client, { ${bindings.map((b) => `${b.key}: ${b.local}`).join(", ")}${rest ? ", ...body" : ""} }${extra}`
    const query = `query: { ${bindings.map((b) => `${b.key}: ${b.local}`).join(", ")} }`
    return { runtimeTypes, params, call: `${method}(${argument(rest ? ["...body"] : [], fetchOptions([...force, query]))})` }
  }
  const options = fetchOptions(force)
  return {
    runtimeTypes,
    params: `client, payload${extra}`,
    call: options === undefined ? `${method}(payload)` : `${method}({ ...payload, ${options} })`,
  }
}

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
  const declarations = contractDeclarations(endpoint, options, ctx)
  const contract = options.templates.contract({
    banner,
    imports: schemaImports(files.contract, ctx.uses, identifiers, components, options),
    declarations,
  })
  const { params, call, runtimeTypes } = clientCall(endpoint)
  const factory = endpoint.payload === undefined ? "createEmptyHandler" : "createHandler"
  const handler = options.templates.handler({
    banner,
    runtimeModule: moduleLiteral(relativeImport(files.handler, `${RUNTIME_FOLDER}/index.ts`), options),
    contractModule: moduleLiteral(files.contractModule, options),
    contractNames: endpoint.payload === undefined ? "Success" : "Payload, Success",
    docs: jsdoc(endpointDocs(endpoint)),
    domain: JSON.stringify(endpoint.domain),
    feature: JSON.stringify(endpoint.feature),
    hasPayload: endpoint.payload !== undefined,
    factory,
    runtimeNames: [factory, ...runtimeTypes.map((t) => `type ${t}`)].join(", "),
    mutatesSession: String(endpoint.mutatesSession),
    executeParams: params,
    call,
  })
  return [
    { path: files.contract, content: contract },
    { path: files.handler, content: handler },
  ]
}

/** The runtime's modules besides its barrel. */
const RUNTIME_MODULES = ["client", "error-codes", "errors", "handler", "schemas"] as const

const renderRuntime = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const banner = bannerFor(options.specName)
  const view: RuntimeView = {
    banner,
    clientModule: options.clientModule,
    serverModule: options.serverModule,
    importExtension: options.importExtension,
    errorCodes: model.errorCodes ?? [],
  }
  return ([...RUNTIME_MODULES, "index"] as const).map((name) => ({
    path: `${RUNTIME_FOLDER}/${name}.ts`,
    content: options.templates[`runtime/${name}`](view),
  }))
}

/** Renders every file of the SDK from the model, unformatted. */
export const renderModel = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const identifiers = identifierMap(model.components)
  const components = new Map(model.components.map((c) => [c.name, c]))
  const folders = model.endpoints.map((e) => {
    const files = endpointFiles(e.folder)
    return { folder: e.folder, stars: [files.contractModule, files.handlerModule], namespace: e.namespace }
  })
  const rootNamespaces = [
    ...(model.components.length > 0 ? [{ name: COMMON_NAMESPACE, module: `./${COMMON_FOLDER}/index.ts` }] : []),
    { name: RUNTIME_NAMESPACE, module: `./${RUNTIME_FOLDER}/index.ts` },
  ]
  return [
    packageJson(),
    ...model.endpoints.flatMap((e) => renderEndpoint(e, options, identifiers, components)),
    ...renderCommon(model, options, identifiers, components),
    ...renderBarrels(folders, { stars: [], namespaces: rootNamespaces }, options),
    ...renderRuntime(model, options),
  ].sort(byText((file) => file.path))
}

/** The browser client target: contracts, handlers calling the Better Auth client, barrels, the runtime. */
export const clientTarget: Target = {
  name: "client",
  render: (model, options) => ({ files: renderModel(model, options), model, errors: [] }),
}
