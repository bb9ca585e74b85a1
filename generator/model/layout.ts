/**
 * Stage 2 (layout checks): endpoint folders and barrel namespaces must not collide. Two endpoints in one
 * folder, or two namespaces of one name in a barrel (an endpoint folder may hold subfolders, whose
 * namespaces then sit beside its Payload, Success and Handler), would make the writer overwrite files or
 * tsc reject a barrel, so each is an error naming the override that caused it.
 */
import { OverrideError, SpecError } from "../errors.ts"
import type { LoadedOverride } from "../overrides/load.ts"
import { ENDPOINT_EXPORTS, endpointFiles, namespaceFor, pathFault, ROOT_NAMESPACES } from "./naming.ts"
import type { Endpoint } from "./types.ts"

const keyOf = (e: Endpoint) => `${e.method.toUpperCase()} ${e.path}`

/** Checks the layout; `overrideOf` finds the override file that placed an endpoint, if any. */
export const checkLayout = (
  endpoints: ReadonlyArray<Endpoint>,
  overrideOf: (endpoint: Endpoint) => LoadedOverride | undefined,
  specName: string,
): ReadonlyArray<OverrideError | SpecError> => {
  const errors: Array<OverrideError | SpecError> = []
  const blame = (endpoint: Endpoint, other: Endpoint, key: "folder" | "namespace", message: string, hint: string) => {
    // Blame the endpoint whose override moved it; if neither was moved, the spec itself collides.
    const [culprit, victim] =
      overrideOf(endpoint)?.override[key] !== undefined
        ? [endpoint, other]
        : overrideOf(other)?.override[key] !== undefined
          ? [other, endpoint]
          : [endpoint, other]
    const loaded = overrideOf(culprit)
    const text = message.replace("{culprit}", keyOf(culprit)).replace("{victim}", keyOf(victim))
    if (loaded?.override[key] !== undefined)
      errors.push(new OverrideError({ file: loaded.file, at: loaded.locate([key]), path: key, message: text, hint }))
    else errors.push(new SpecError({ file: specName, at: culprit.pointer, message: `${text}; ${hint}` }))
  }

  const byFolder = new Map<string, Endpoint>()
  for (const endpoint of endpoints) {
    // The longest file of an endpoint folder; barrels above it are shorter.
    const fault = pathFault(endpointFiles(endpoint.folder).contract)
    if (fault !== undefined) {
      const loaded = overrideOf(endpoint)
      if (loaded?.override.folder !== undefined)
        errors.push(
          new OverrideError({
            file: loaded.file,
            at: loaded.locate(["folder"]),
            path: "folder",
            message: fault,
            hint: "choose a shorter folder",
          }),
        )
      else
        errors.push(
          new SpecError({
            file: specName,
            at: endpoint.pointer,
            message: `${fault}; give the endpoint a shorter folder with an override (folder:) or skip it`,
          }),
        )
      continue
    }
    const folder = endpoint.folder.join("/")
    const first = byFolder.get(folder)
    if (first !== undefined)
      blame(endpoint, first, "folder", `{culprit} and {victim} are both placed in ${folder}/`, "give one of them another folder")
    else byFolder.set(folder, endpoint)
  }
  // Each barrel exports its subfolders as namespaces: an endpoint's leaf by its namespace, any other
  // folder by PascalCase of its name.
  const namespaces = new Map<string, Map<string, { readonly child: string; readonly endpoint: Endpoint }>>()
  for (const endpoint of byFolder.values()) {
    for (let depth = 0; depth < endpoint.folder.length; depth++) {
      const parent = endpoint.folder.slice(0, depth).join("/")
      const child = endpoint.folder[depth]!
      const name = depth === endpoint.folder.length - 1 ? endpoint.namespace : namespaceFor(child)
      const names = namespaces.get(parent) ?? new Map()
      namespaces.set(parent, names)
      const taken = names.get(name)
      if (taken !== undefined && taken.child !== child)
        blame(
          endpoint,
          taken.endpoint,
          "namespace",
          `namespace ${name} in ${parent || "the root"} barrel is used by {culprit} and {victim}`,
          "set namespace: to another name",
        )
      else if (parent === "" && ROOT_NAMESPACES.has(name))
        blame(
          endpoint,
          endpoint,
          "namespace",
          `namespace ${name} is reserved in the root barrel (used by {victim})`,
          "set namespace: to another name",
        )
      else if (byFolder.has(parent) && ENDPOINT_EXPORTS.has(name))
        blame(
          endpoint,
          endpoint,
          "namespace",
          `namespace ${name} in ${parent} would shadow the ${name} of ${keyOf(byFolder.get(parent)!)} (used by {victim})`,
          "set namespace: or folder: to another name",
        )
      else names.set(name, { child, endpoint })
    }
  }
  return errors
}
