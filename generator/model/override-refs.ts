/**
 * Stage 2 (override checks): every `$ref` in an override's inline schemas must name a spec component
 * (`#/components/schemas/User`) or a shared schema (`#/shared/Name`), and every component correction of
 * the defaults file a spec component. Checked before the model is built,
 * so a dangling reference is an error at its line, not an `unknown` in the output.
 */
import { OverrideError } from "../errors.ts"
import { COMPONENT_PREFIX, SHARED_PREFIX } from "./schema.ts"
import type { Located, LoadedOverrides } from "../overrides/load.ts"
import { suggest } from "../suggest.ts"
import { cycleEdges, directRefs, MAX_SCHEMA_DEPTH, refName, walkSchema } from "../spec/walk.ts"

type Path = ReadonlyArray<string | number>

/** The inline schemas of one endpoint override, with their key paths. */
const inlineSchemas = (
  override: LoadedOverrides["endpoints"][number]["override"],
): ReadonlyArray<{ readonly value: unknown; readonly path: Path }> =>
  (["payload", "success"] as const).flatMap((side) => {
    const patch = override[side]
    if (patch === undefined) return []
    return [
      ...(patch.replace === undefined ? [] : [{ value: patch.replace, path: [side, "replace"] }]),
      ...Object.entries(patch.fields ?? {}).flatMap(([name, field]) =>
        field.schema === undefined ? [] : [{ value: field.schema, path: [side, "fields", name, "schema"] }],
      ),
    ]
  })

/**
 * Checks every `$ref` of every override file against the spec's components and the shared schemas (and
 * the nesting depth of inline schemas, and cycles of shared schemas made only of references). A
 * shipped override only counts where it applies: its endpoint is in the spec (`endpoints`), and its
 * references to components the spec lacks are not errors (those come with plugins not installed).
 */
export const checkRefs = (
  overrides: LoadedOverrides,
  components: ReadonlySet<string>,
  endpoints: ReadonlySet<string>,
): ReadonlyArray<OverrideError> => {
  const shared = new Set(overrides.defaults.flatMap((d) => Object.keys(d.defaults.shared ?? {})))
  const errors: Array<OverrideError> = []
  const check = (located: Located, value: unknown, at: Path, builtin: boolean) => {
    for (const finding of walkSchema(value, at)) {
      const path = finding.path
      const error = (message: string, hint: string) =>
        errors.push(new OverrideError({ file: located.file, at: located.locate(path), path: path.join("."), message, hint }))
      if (finding.kind === "too-deep") {
        error(
          `schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels here`,
          "move the inner schema under shared: in _defaults.yaml and refer to it with $ref",
        )
        continue
      }
      const ref = finding.ref
      if (typeof ref !== "string") {
        error(
          `$ref must be a string, got ${JSON.stringify(ref) ?? String(ref)}`,
          `refer to "${COMPONENT_PREFIX}Name" or "${SHARED_PREFIX}Name"`,
        )
        continue
      }
      const sharedName = refName(ref, SHARED_PREFIX)
      const componentName = refName(ref, COMPONENT_PREFIX)
      if (sharedName !== undefined) {
        if (shared.has(sharedName)) continue
        const near = suggest(sharedName, [...shared])
        error(
          `no shared schema "${sharedName}"`,
          near === undefined ? "define it under shared: in _defaults.yaml" : `did you mean "${SHARED_PREFIX}${near}"?`,
        )
      } else if (componentName !== undefined) {
        if (components.has(componentName) || builtin) continue
        const near = suggest(componentName, [...components])
        error(
          `the spec has no component "${componentName}"`,
          near === undefined ? "see components.schemas in the spec for the names" : `did you mean "${COMPONENT_PREFIX}${near}"?`,
        )
      } else
        error(
          `unsupported $ref ${JSON.stringify(ref)}`,
          `refer to "${COMPONENT_PREFIX}Name" or "${SHARED_PREFIX}Name" (no other files or URLs)`,
        )
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
    // Component corrections: a shipped one for a component the spec lacks is inert (its plugin is missing).
    for (const [name, patch] of Object.entries(defaults.defaults.components ?? {})) {
      if (!components.has(name)) {
        if (defaults.builtin) continue
        const near = suggest(name, [...components])
        errors.push(
          new OverrideError({
            file: defaults.file,
            at: defaults.locate(["components", name]),
            path: `components.${name}`,
            message: `the spec has no component "${name}"`,
            hint: near === undefined ? "see components.schemas in the spec for the names" : `did you mean "${near}"?`,
          }),
        )
        continue
      }
      if (patch.replace !== undefined) check(defaults, patch.replace, ["components", name, "replace"], defaults.builtin)
      for (const [field, fieldPatch] of Object.entries(patch.fields ?? {}))
        if (fieldPatch.schema !== undefined)
          check(defaults, fieldPatch.schema, ["components", name, "fields", field, "schema"], defaults.builtin)
    }
  }
  for (const loaded of overrides.endpoints) {
    if (loaded.builtin && !endpoints.has(loaded.override.endpoint)) continue
    for (const { value, path } of inlineSchemas(loaded.override)) check(loaded, value, path, loaded.builtin)
  }
  // Shared schemas that only refer to each other (`A: { $ref: "#/shared/B" }`, `B: { $ref: "#/shared/A" }`);
  // a later defaults file's schema replaces an earlier one of the same name, as in the model.
  const byName = new Map(
    overrides.defaults.flatMap((d) =>
      Object.entries(d.defaults.shared ?? {}).map(([name, schema]) => [name, { schema, defaults: d }] as const),
    ),
  )
  const edges = (name: string) =>
    directRefs(byName.get(name)?.schema, ["shared", name]).flatMap(({ ref, path }) => {
      const to = typeof ref === "string" ? refName(ref, SHARED_PREFIX) : undefined
      return to === undefined || !byName.has(to) ? [] : [{ to, path }]
    })
  for (const { from, edge } of cycleEdges([...byName.keys()], edges)) {
    const defaults = byName.get(from)!.defaults
    errors.push(
      new OverrideError({
        file: defaults.file,
        at: defaults.locate(edge.path),
        path: edge.path.join("."),
        message: `$ref to "${edge.to}" closes a cycle made only of references (from "${from}")`,
        hint: "a recursive schema must recurse through an object property or array items",
      }),
    )
  }
  return errors
}
