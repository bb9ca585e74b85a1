/**
 * Stage 2 (override checks): every `$ref` in an override's inline schemas must name a spec component
 * (`#/components/schemas/User`) or a shared schema (`#/shared/Name`). Checked before the model is built,
 * so a dangling reference is an error at its line, not an `unknown` in the output.
 */
import { OverrideError } from "../errors.ts"
import { COMPONENT_PREFIX, SHARED_PREFIX } from "./schema.ts"
import type { Located, LoadedOverrides } from "../overrides/load.ts"
import { suggest } from "../suggest.ts"

type Path = ReadonlyArray<string | number>

/** Every string `$ref` inside a YAML value, with its key path. */
const refsIn = (value: unknown, path: Path): ReadonlyArray<{ readonly ref: string; readonly path: Path }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, [...path, index]))
  if (value === null || typeof value !== "object") return []
  return Object.entries(value).flatMap(([key, item]) =>
    key === "$ref" && typeof item === "string" ? [{ ref: item, path: [...path, key] }] : refsIn(item, [...path, key]),
  )
}

/** The inline schemas of one endpoint override, with their key paths. */
const inlineSchemas = (override: LoadedOverrides["endpoints"][number]["override"]): ReadonlyArray<{ readonly value: unknown; readonly path: Path }> =>
  (["payload", "success"] as const).flatMap((side) => {
    const patch = override[side]
    if (patch === undefined) return []
    return [
      ...(patch.replace === undefined ? [] : [{ value: patch.replace, path: [side, "replace"] }]),
      ...Object.entries(patch.fields ?? {}).flatMap(([name, field]) => (field.schema === undefined ? [] : [{ value: field.schema, path: [side, "fields", name, "schema"] }])),
    ]
  })

/**
 * Checks every `$ref` of every override file against the spec's components and the shared schemas. A
 * shipped override only counts where it applies: its endpoint is in the spec (`endpoints`), and its
 * references to components the spec lacks are not errors (those come with plugins not installed).
 */
export const checkRefs = (overrides: LoadedOverrides, components: ReadonlySet<string>, endpoints: ReadonlySet<string>): ReadonlyArray<OverrideError> => {
  const shared = new Set(overrides.defaults.flatMap((d) => Object.keys(d.defaults.shared ?? {})))
  const errors: Array<OverrideError> = []
  const check = (located: Located, value: unknown, at: Path, builtin: boolean) => {
    for (const { ref, path } of refsIn(value, at)) {
      const error = (message: string, hint: string) =>
        errors.push(new OverrideError({ file: located.file, at: located.locate(path), path: path.join("."), message, hint }))
      if (ref.startsWith(SHARED_PREFIX)) {
        const name = ref.slice(SHARED_PREFIX.length)
        if (shared.has(name)) continue
        const near = suggest(name, [...shared])
        error(`no shared schema "${name}"`, near === undefined ? "define it under shared: in _defaults.yaml" : `did you mean "${SHARED_PREFIX}${near}"?`)
      } else if (ref.startsWith(COMPONENT_PREFIX)) {
        const name = ref.slice(COMPONENT_PREFIX.length)
        if (components.has(name) || builtin) continue
        const near = suggest(name, [...components])
        error(`the spec has no component "${name}"`, near === undefined ? "see components.schemas in the spec for the names" : `did you mean "${COMPONENT_PREFIX}${near}"?`)
      } else error(`unsupported $ref ${JSON.stringify(ref)}`, `refer to "${COMPONENT_PREFIX}Name" or "${SHARED_PREFIX}Name"`)
    }
  }
  for (const defaults of overrides.defaults) {
    for (const [name, schema] of Object.entries(defaults.defaults.shared ?? {})) {
      if (components.has(name))
        errors.push(
          new OverrideError({
            file: defaults.file,
            at: defaults.locate(["shared", name]),
            path: `shared.${name}`,
            message: `shared schema "${name}" has the name of a spec component`,
            hint: "rename it: both would be emitted under _common/",
          }),
        )
      check(defaults, schema, ["shared", name], defaults.builtin)
    }
  }
  for (const loaded of overrides.endpoints) {
    if (loaded.builtin && !endpoints.has(loaded.override.endpoint)) continue
    for (const { value, path } of inlineSchemas(loaded.override)) check(loaded, value, path, loaded.builtin)
  }
  return errors
}
