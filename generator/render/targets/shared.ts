/**
 * What the client and the server target print alike: a file's imports, the shared component schemas
 * under `_common/`, the barrels, the output folder's package.json. Each target adds its own endpoint
 * files and runtime.
 */
import {
  classIdentifier,
  COMMON_FOLDER,
  encodedIdentifier,
  namespaceFor,
  OUTPUT_PACKAGE_JSON,
  relativeImport,
  RUNTIME_FOLDER,
} from "../../model/naming.ts"
import type { Component, Endpoint, Model } from "../../model/types.ts"
import { emptyUses, printDeclaration, type PrintContext, type Uses } from "../printer.ts"
import { bannerFor, moduleLiteral, type RenderedFile, type RenderOptions } from "../target.ts"

/** One import line of a generated file: `import * as names` (namespace) or `import { names }`. */
export interface ImportLine {
  readonly names: string
  readonly from: string
  readonly namespace: boolean
}

/** The imports a printed schema needs: Effect's Schema, the components it references, the runtime's schemas. */
export const schemaImports = (
  file: string,
  uses: Uses,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
  options: RenderOptions,
  self?: string,
): Array<ImportLine> => {
  // Effect by subpath: a bundler then keeps only the Effect modules the SDK uses.
  const lines: Array<ImportLine> = uses.schema ? [{ names: "Schema", from: JSON.stringify("effect/Schema"), namespace: true }] : []
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

/** Provenance for reviewers: why this code differs from the spec. */
export const changedBy = (source: string | undefined) => (source === undefined ? undefined : `Changed by override: ${source}`)

/**
 * An endpoint's `Payload` (when it takes one) and `Success` classes, printed; `ctx` records what they
 * use. `scope` goes before the folder in the class identifiers (`["server"]`: `…/server/sign-up/email/Payload`).
 */
export const contractDeclarations = (
  endpoint: Endpoint,
  options: RenderOptions,
  ctx: PrintContext,
  scope: ReadonlyArray<string> = [],
): ReadonlyArray<string> => {
  const operation = `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``
  const declare = (name: "Payload" | "Success", node: Endpoint["success"], docs: ReadonlyArray<string | undefined>) =>
    printDeclaration({ name, identifier: classIdentifier(options.identifierPrefix, [...scope, ...endpoint.folder, name]), node, docs, ctx })
  return [
    ...(endpoint.payload === undefined
      ? []
      : [declare("Payload", endpoint.payload, [`Payload of ${operation}.`, changedBy(endpoint.provenance.payload)])]),
    declare("Success", endpoint.success, [`Success answer of ${operation}.`, changedBy(endpoint.provenance.success)]),
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
      imports: schemaImports(component.file, ctx.uses, identifiers, components, options, component.name),
      declaration,
    }),
  }
}

/** The shared component schemas, one file each, and their barrel `_common/index.ts`. */
export const renderCommon = (
  model: Model,
  options: RenderOptions,
  identifiers: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, Component>,
): ReadonlyArray<RenderedFile> => {
  if (model.components.length === 0) return []
  return [
    ...model.components.map((c) => renderComponent(c, options, identifiers, components)),
    {
      path: `${COMMON_FOLDER}/index.ts`,
      content: options.templates.index({
        banner: bannerFor(options.specName),
        stars: model.components.map((c) => moduleLiteral(relativeImport(`${COMMON_FOLDER}/index.ts`, c.file), options)),
        namespaces: [],
      }),
    },
  ]
}

/** A folder of endpoint files: what its barrel re-exports (`./x.contract.ts`, …) and the namespace its parent gives it. */
export interface BarrelFolder {
  readonly folder: ReadonlyArray<string>
  readonly stars: ReadonlyArray<string>
  readonly namespace: string | undefined
}

/**
 * Barrels: every folder gets an index.ts re-exporting its own modules and each subfolder as a
 * PascalCase namespace; the root adds the namespaces a target asks for (`Common`, `Runtime`) and its
 * own star exports.
 */
export const renderBarrels = (
  folders: ReadonlyArray<BarrelFolder>,
  root: { readonly stars: ReadonlyArray<string>; readonly namespaces: ReadonlyArray<{ readonly name: string; readonly module: string }> },
  options: RenderOptions,
): ReadonlyArray<RenderedFile> => {
  const stars = new Map<string, Array<string>>()
  const children = new Map<string, Set<string>>()
  const namespaceOf = new Map<string, string>()
  for (const entry of folders) {
    const key = entry.folder.join("/")
    stars.set(key, [...(stars.get(key) ?? []), ...entry.stars])
    if (entry.namespace !== undefined) namespaceOf.set(key, entry.namespace)
    for (let depth = 0; depth < entry.folder.length; depth++) {
      const parent = entry.folder.slice(0, depth).join("/")
      if (!children.has(parent)) children.set(parent, new Set())
      children.get(parent)!.add(entry.folder[depth]!)
    }
  }
  const all = new Set([...children.keys(), ...stars.keys(), ""])
  const banner = bannerFor(options.specName)
  return [...all].sort().map((folder) => {
    const path = folder === "" ? "index.ts" : `${folder}/index.ts`
    const namespaces = [...(children.get(folder) ?? [])].sort().map((name) => ({
      name: namespaceOf.get(folder === "" ? name : `${folder}/${name}`) ?? namespaceFor(name),
      from: moduleLiteral(`./${name}/index.ts`, options),
    }))
    const own = [...(stars.get(folder) ?? []), ...(folder === "" ? root.stars : [])]
    if (folder === "") namespaces.push(...root.namespaces.map((n) => ({ name: n.name, from: moduleLiteral(n.module, options) })))
    return { path, content: options.templates.index({ banner, stars: own.map((s) => moduleLiteral(s, options)), namespaces }) }
  })
}

/**
 * The output folder's package.json: its modules are ES modules (NodeNext reads them so), and importing
 * one has no side effect, so a bundler drops the endpoints an app does not call.
 */
export const packageJson = (): RenderedFile => ({
  path: OUTPUT_PACKAGE_JSON,
  content: `${JSON.stringify({ type: "module", sideEffects: false }, null, 2)}\n`,
})
