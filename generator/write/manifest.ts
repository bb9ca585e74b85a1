/**
 * Stage 4 (manifest): generated/manifest.json records what was generated (with each endpoint's shape),
 * what was skipped and why, and a content hash of every generated file. The next run reads it to find
 * files of endpoints that left the spec, files edited by hand, and field-level changes for the report.
 */
import * as Schema from "effect/Schema"
import { pascalCase } from "../model/naming.ts"
import { shapeOf } from "../model/shape.ts"
import type { Model } from "../model/types.ts"
import type { RenderedFile } from "../render/target.ts"
import { stableStringify } from "../spec/stable-json.ts"
import { hashOf } from "./hash.ts"

export const MANIFEST_FILE = "manifest.json"

const Shape = Schema.Record(Schema.String, Schema.String)

export const ManifestEndpoint = Schema.Struct({
  method: Schema.String,
  path: Schema.String,
  folder: Schema.String,
  clientCall: Schema.String,
  mutatesSession: Schema.Boolean,
  payload: Schema.optionalKey(Shape),
  success: Schema.optionalKey(Shape),
  /** The namespace path a caller imports (`Core.GetSession` for `Auth.Core.GetSession.Handler`); absent in older manifests. */
  namespace: Schema.optionalKey(Schema.String),
  /** For sides an override patches: the document's own top-level fields, to find override drift on the next run. */
  document: Schema.optionalKey(Schema.Struct({ payload: Schema.optionalKey(Shape), success: Schema.optionalKey(Shape) })),
})
export type ManifestEndpoint = typeof ManifestEndpoint.Type

export const Manifest = Schema.Struct({
  /** The spec's provenance (`info.x-better-auth`): which better-auth and plugins it was exported from. */
  source: Schema.optionalKey(Schema.Struct({ version: Schema.String, plugins: Schema.Array(Schema.String), exporter: Schema.String })),
  generated: Schema.Array(ManifestEndpoint),
  skipped: Schema.Array(Schema.Struct({ method: Schema.String, path: Schema.String, code: Schema.String, reason: Schema.String })),
  /** Shared component name → shape. */
  components: Schema.optionalKey(Schema.Record(Schema.String, Shape)),
  /** Output path → content hash; absent in manifests of older versions. */
  files: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
})
export type Manifest = typeof Manifest.Type

/**
 * The barrel namespaces of a folder, as the barrels print them: an endpoint folder is exported under its
 * endpoint's namespace, any other folder under PascalCase of its name.
 */
export const namespacePaths = (model: Model) => {
  const leaf = new Map(model.endpoints.map((e) => [e.folder.join("/"), e.namespace]))
  return (folder: ReadonlyArray<string>): string =>
    folder.map((name, i) => leaf.get(folder.slice(0, i + 1).join("/")) ?? pascalCase(name)).join(".")
}

/** The manifest for a model and its final (formatted) files. Pure; stable bytes. */
export const buildManifest = (model: Model, files: ReadonlyArray<RenderedFile>): Manifest => {
  const namespaces = namespacePaths(model)
  return {
    ...(model.source === undefined ? {} : { source: model.source }),
    generated: model.endpoints.map((e) => ({
      method: e.method.toUpperCase(),
      path: e.path,
      folder: e.folder.join("/"),
      clientCall: e.clientCall.join("."),
      mutatesSession: e.mutatesSession,
      ...(e.payload === undefined ? {} : { payload: shapeOf(e.payload, "Payload") }),
      success: shapeOf(e.success, "Success"),
      namespace: namespaces(e.folder),
      ...(e.document === undefined ? {} : { document: e.document }),
    })),
    components: Object.fromEntries(model.components.map((c) => [c.name, shapeOf(c.schema, c.name)])),
    skipped: model.skipped.map((s) => ({ method: s.method, path: s.path, code: s.code, reason: s.reason })),
    files: Object.fromEntries(files.map((f) => [f.path, hashOf(f.content)])),
  }
}

/** The manifest file itself. */
export const manifestFile = (manifest: Manifest): RenderedFile => ({ path: MANIFEST_FILE, content: stableStringify(manifest) })

const decode = Schema.decodeUnknownExit(Schema.fromJsonString(Manifest))

/** Reads a previous manifest's text; undefined when it is not one (then nothing is known about the previous run). */
export const parseManifest = (text: string): Manifest | undefined => {
  const exit = decode(text)
  return exit._tag === "Success" ? exit.value : undefined
}

/** The formatted files plus the manifest that records them: everything a run puts in the output folder. */
export const withManifest = (
  model: Model,
  formatted: ReadonlyArray<RenderedFile>,
): { readonly manifest: Manifest; readonly files: ReadonlyArray<RenderedFile> } => {
  const manifest = buildManifest(model, formatted)
  return { manifest, files: [...formatted, manifestFile(manifest)] }
}
