/**
 * Stage 3c, the server target: Model → an Effect `HttpApi` that serves Better Auth. Per endpoint a
 * contract (Payload, Success, the `HttpApiEndpoint` with Better Auth's errors) and a handler (a `route`
 * through `auth.handler`, typed by the endpoint's `auth.api` method); per top folder an `HttpApiGroup`
 * and the layer implementing it; the root `Api` and the server `layer`. Contracts, groups and `Api`
 * import nothing from better-auth, so a browser bundle can derive a typed `HttpApiClient` from them.
 */
import { COMMON_FOLDER, COMMON_NAMESPACE, endpointFiles, relativeImport, RUNTIME_FOLDER, RUNTIME_NAMESPACE } from "../../../model/naming.ts"
import type { Component, Model } from "../../../model/types.ts"
import { jsdoc } from "../../comment.ts"
import { emptyUses, identifierMap, type PrintContext } from "../../printer.ts"
import type { RuntimeView } from "../../templates.ts"
import { bannerFor, moduleLiteral, type RenderedFile, type RenderOptions, type Target } from "../../target.ts"
import { byText } from "../../../text.ts"
import { changedBy, contractDeclarations, packageJson, renderBarrels, renderCommon, schemaImports } from "../shared.ts"
import { type ServedEndpoint, serverModel } from "./served.ts"

/** An identifier (`signIn`, `$x`) as the start of an import alias: `SignIn`. */
const upperFirst = (identifier: string) => identifier.charAt(0).toUpperCase() + identifier.slice(1)

/** The files of a group: its `HttpApiGroup` (browser-safe) and the layer implementing it (server). */
const groupFiles = (group: string) => ({
  group: `${group}/${group}.group.ts`,
  layer: `${group}/${group}.layer.ts`,
  groupModule: `./${group}.group.ts`,
})

const renderEndpoint = (
  served: ServedEndpoint,
  options: RenderOptions,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
): ReadonlyArray<RenderedFile> => {
  const endpoint = served.endpoint
  const files = endpointFiles(endpoint.folder)
  const banner = bannerFor(options.specName)
  const operation = `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``
  const ctx: PrintContext = { uses: emptyUses(), identifiers }
  const declarations = contractDeclarations(endpoint, options, ctx, ["server"])
  const payloadKey = endpoint.payload === undefined ? undefined : served.httpMethod === "GET" ? "query" : "payload"
  const contract = options.templates["server/contract"]({
    banner,
    imports: [
      { names: "HttpApiEndpoint", from: JSON.stringify("effect/http-api/HttpApiEndpoint"), namespace: true },
      ...schemaImports(files.contract, ctx.uses, identifiers, components, options),
      {
        names: "AuthErrors",
        from: moduleLiteral(relativeImport(files.contract, `${RUNTIME_FOLDER}/errors.ts`), options),
        namespace: false,
      },
    ],
    declarations,
    docs: jsdoc([endpoint.description, "", operation, changedBy(endpoint.provenance.handler)]),
    constructor: served.httpMethod === "GET" ? "get" : "post",
    name: JSON.stringify(served.name),
    path: JSON.stringify(served.path),
    payloadKey,
  })
  const handler = options.templates["server/handler"]({
    banner,
    serverModule: moduleLiteral(relativeImport(files.handler, `${RUNTIME_FOLDER}/server.ts`), options),
    contractModule: moduleLiteral(files.contractModule, options),
    contractNames: endpoint.payload === undefined ? "Success" : "Payload, Success",
    docs: jsdoc([`Serves ${operation} through Better Auth's handler (\`auth.api.${served.apiMethod}\` types it).`]),
    apiMethod: JSON.stringify(served.apiMethod),
    path: JSON.stringify(endpoint.path),
    in: JSON.stringify(served.httpMethod === "GET" ? "query" : "body"),
    payload: endpoint.payload === undefined ? "undefined" : "Payload",
    queryFields: endpoint.queryFields.length === 0 ? undefined : JSON.stringify(endpoint.queryFields),
  })
  return [
    { path: files.contract, content: contract },
    { path: files.handler, content: handler },
  ]
}

/** A group's `HttpApiGroup` and its layer: every endpoint under the top folder, in folder order. */
const renderGroup = (group: string, name: string, members: ReadonlyArray<ServedEndpoint>, options: RenderOptions) => {
  const files = groupFiles(group)
  const banner = bannerFor(options.specName)
  const contracts = members.map((m) => ({
    alias: `${upperFirst(m.name)}Endpoint`,
    from: moduleLiteral(relativeImport(files.group, endpointFiles(m.endpoint.folder).contract), options),
  }))
  const handlers = members.map((m) => ({
    alias: `${upperFirst(m.name)}Handler`,
    from: moduleLiteral(relativeImport(files.layer, endpointFiles(m.endpoint.folder).handler), options),
    name: JSON.stringify(m.name),
  }))
  return [
    {
      path: files.group,
      content: options.templates["server/group"]({
        banner,
        docs: jsdoc([`The \`${name}\` group: the endpoints under \`${group}/\`.`]),
        name: JSON.stringify(name),
        contracts,
      }),
    },
    {
      path: files.layer,
      content: options.templates["server/group-layer"]({
        banner,
        docs: jsdoc([`Implements the \`${name}\` group: each endpoint through Better Auth's handler.`]),
        apiModule: moduleLiteral(relativeImport(files.layer, "api.ts"), options),
        serverModule: moduleLiteral(relativeImport(files.layer, `${RUNTIME_FOLDER}/server.ts`), options),
        name: JSON.stringify(name),
        handlers,
      }),
    },
  ]
}

/** The runtime's modules in the server output (schemas.ts is the client target's, shared by contracts). */
const SERVER_RUNTIME = ["errors", "server", "index"] as const

const renderRuntime = (model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const view: RuntimeView = {
    banner: bannerFor(options.specName),
    clientModule: options.clientModule,
    serverModule: options.serverModule,
    importExtension: options.importExtension,
    errorCodes: model.errorCodes ?? [],
  }
  return [
    { path: `${RUNTIME_FOLDER}/schemas.ts`, content: options.templates["runtime/schemas"](view) },
    ...SERVER_RUNTIME.map((name) => ({ path: `${RUNTIME_FOLDER}/${name}.ts`, content: options.templates[`server/runtime/${name}`](view) })),
  ]
}

/** Renders the server output: the served endpoints, and the model's components and runtime, unformatted. */
const renderServer = (served: ReadonlyArray<ServedEndpoint>, model: Model, options: RenderOptions): ReadonlyArray<RenderedFile> => {
  const identifiers = identifierMap(model.components)
  const components = new Map(model.components.map((c) => [c.name, c]))
  // Keyed by the group's name, as served.ts keeps names unique per group; its folder is its first member's.
  const groups = new Map<string, { folder: string; members: Array<ServedEndpoint> }>()
  for (const s of served) {
    const entry = groups.get(s.group) ?? { folder: s.groupFolder, members: [] }
    entry.members.push(s)
    groups.set(s.group, entry)
  }
  const ordered = [...groups].map(([name, { folder, members }]) => [folder, { name, members }] as const).sort(byText(([folder]) => folder))
  const banner = bannerFor(options.specName)
  const folders = [
    ...served.map((s) => ({
      folder: s.endpoint.folder,
      stars: [endpointFiles(s.endpoint.folder).contractModule],
      namespace: s.endpoint.namespace,
    })),
    ...ordered.map(([folder]) => ({ folder: [folder], stars: [groupFiles(folder).groupModule], namespace: undefined })),
  ]
  const rootNamespaces = [
    ...(model.components.length > 0 ? [{ name: COMMON_NAMESPACE, module: `./${COMMON_FOLDER}/index.ts` }] : []),
    { name: RUNTIME_NAMESPACE, module: `./${RUNTIME_FOLDER}/index.ts` },
  ]
  return [
    packageJson(),
    ...served.flatMap((s) => renderEndpoint(s, options, identifiers, components)),
    ...ordered.flatMap(([folder, { name, members }]) => renderGroup(folder, name, members, options)),
    ...renderCommon(model, options, identifiers, components),
    ...renderBarrels(folders, { stars: ["./api.ts"], namespaces: rootNamespaces }, options),
    {
      path: "api.ts",
      content: options.templates["server/api"]({
        banner,
        groups: ordered.map(([folder, { name }]) => ({
          alias: `${upperFirst(name)}Group`,
          from: moduleLiteral(`./${groupFiles(folder).group}`, options),
        })),
      }),
    },
    {
      path: "server.ts",
      content: options.templates["server/layer"]({
        banner,
        apiModule: moduleLiteral("./api.ts", options),
        serverModule: moduleLiteral(`./${RUNTIME_FOLDER}/server.ts`, options),
        layers: ordered.map(([folder, { name }]) => ({
          alias: `${upperFirst(name)}Layer`,
          from: moduleLiteral(`./${groupFiles(folder).layer}`, options),
        })),
      }),
    },
    ...renderRuntime(model, options),
  ].sort(byText((file) => file.path))
}

/** The server target: an HttpApi serving Better Auth through its own handler. */
export const serverTarget: Target = {
  name: "server",
  render: (model, options) => {
    const scoped = serverModel(model)
    return { files: renderServer(scoped.served, model, options), model: scoped.model, errors: scoped.errors }
  },
}
