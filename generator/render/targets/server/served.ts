/**
 * Which endpoints the server target serves, and under which names. It serves what the browser client
 * can call (the model's endpoints), through Better Auth's own handler, except:
 * - an endpoint without a recorded `auth.api` method (`x-better-auth-api-method`; a document from an
 *   older export): its handler could not be typed;
 * - an endpoint that answers with a redirect (`redirects` in the overrides): a browser navigates to it,
 *   an `HttpApi` endpoint answers JSON; mount Better Auth's handler for those;
 * - a GET whose query holds objects: an `HttpApi` query is flat strings.
 * Each is recorded as skipped in the server output's manifest, with the reason.
 *
 * An endpoint's group is its top folder (`two-factor`), its name the rest of its folder in camelCase
 * (`totpVerify`), or the group's for the top folder's own endpoint; its path is Better Auth's. An
 * override's `server:` key can skip it, or set its name, group and path; two endpoints may not share a
 * name in a group or a path.
 */
import { OverrideError } from "../../../errors.ts"
import { camelCase } from "../../../model/naming.ts"
import type { Endpoint, Model, SchemaNode, SetBy, Skipped } from "../../../model/types.ts"

export interface ServedEndpoint {
  readonly endpoint: Endpoint
  readonly apiMethod: string
  /** The group's identifier (`twoFactor`) and its folder (`two-factor`). */
  readonly group: string
  readonly groupFolder: string
  /** The endpoint's identifier in its group (`totpVerify`), unique there. */
  readonly name: string
  /** Its path in the `HttpApi`: Better Auth's path. */
  readonly path: string
  readonly httpMethod: "GET" | "POST"
}

/** Whether a query value is more than a string, number, boolean or a list of them. */
const nested = (node: SchemaNode): boolean => {
  switch (node.kind) {
    case "object":
    case "unknown":
      return true
    case "nullable":
      return nested(node.inner)
    case "union":
      return node.members.some(nested)
    case "array":
      return node.items.kind !== "array" && nested(node.items)
    default:
      return false
  }
}

const nestedQuery = (payload: SchemaNode | undefined): boolean => {
  if (payload === undefined) return false
  if (payload.kind === "union") return payload.members.some(nestedQuery)
  if (payload.kind !== "object") return true
  return payload.additional !== undefined || payload.properties.some((p) => nested(p.schema))
}

const skip = (endpoint: Endpoint, code: Skipped["code"], reason: string): Skipped => ({
  method: endpoint.method.toUpperCase(),
  path: endpoint.path,
  code,
  reason,
})

/** `twoFactor` → `two-factor`: the folder of a group an override names. */
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

/** A clash of two served endpoints' names or paths: an error at the override that caused it (or the second endpoint's). */
const clash = (endpoint: Endpoint, setting: SetBy<string> | undefined, what: string): OverrideError =>
  new OverrideError({
    file: setting?.file ?? endpoint.pointer,
    at: setting?.at ?? "",
    path: setting === undefined ? "" : `server.${what.split(" ")[0]}`,
    message: `${endpoint.method.toUpperCase()} ${endpoint.path}: ${what}`,
    hint: "give it another server name, group or path, or skip it in the server target",
  })

export interface ServerModel {
  readonly served: ReadonlyArray<ServedEndpoint>
  /** The model as the server output's manifest records it. */
  readonly model: Model
  /** Names or paths two served endpoints would share (after overrides): the run must stop. */
  readonly errors: ReadonlyArray<OverrideError>
}

/** The served endpoints, and the model as the server output's manifest records it. */
export const serverModel = (model: Model): ServerModel => {
  const served: Array<ServedEndpoint> = []
  const skipped: Array<Skipped> = []
  const errors: Array<OverrideError> = []
  const names = new Map<string, Set<string>>()
  const paths = new Map<string, Endpoint>()
  const defaultGroups = new Map<string, string>()
  for (const endpoint of model.endpoints) {
    const top = endpoint.folder[0] ?? "root"
    if (!defaultGroups.has(camelCase(top))) defaultGroups.set(camelCase(top), top)
  }
  for (const endpoint of model.endpoints) {
    const httpMethod = endpoint.payloadIn === "query" ? "GET" : "POST"
    const settings = endpoint.server
    if (settings?.skip !== undefined) {
      skipped.push(skip(endpoint, "override", `${settings.skip.value} (${settings.skip.file})`))
      continue
    }
    if (endpoint.apiMethod === undefined) {
      skipped.push(
        skip(endpoint, "no-api-method", "the document does not record its auth.api method (export it again with `bun run spec`)"),
      )
      continue
    }
    if (endpoint.redirects) {
      skipped.push(skip(endpoint, "redirect", "it can answer with a redirect, which a browser follows: mount Better Auth's handler for it"))
      continue
    }
    if (httpMethod === "GET" && nestedQuery(endpoint.payload)) {
      skipped.push(skip(endpoint, "nested-query", "its query holds objects, and an HttpApi query is flat"))
      continue
    }
    const [top = "root", ...rest] = endpoint.folder
    const group = settings?.group?.value ?? camelCase(top)
    const groupFolder = settings?.group === undefined ? top : (defaultGroups.get(group) ?? kebab(group))
    const name = settings?.name?.value ?? (rest.length === 0 ? camelCase(top) : camelCase(rest.join("-")))
    const taken = names.get(group) ?? new Set<string>()
    names.set(group, taken)
    if (taken.has(name)) {
      errors.push(
        clash(endpoint, settings?.name ?? settings?.group, `name "${name}" is taken in group "${group}" by another served endpoint`),
      )
      continue
    }
    taken.add(name)
    const path = settings?.path?.value ?? endpoint.path
    const route = `${httpMethod} ${path}`
    const other = paths.get(route)
    if (other !== undefined) {
      errors.push(clash(endpoint, settings?.path, `path "${path}" is served already for ${other.method.toUpperCase()} ${other.path}`))
      continue
    }
    paths.set(route, endpoint)
    served.push({ endpoint, apiMethod: endpoint.apiMethod, group, groupFolder, name, path, httpMethod })
  }
  const isServed = new Set(served.map((s) => s.endpoint))
  return {
    served,
    model: { ...model, endpoints: model.endpoints.filter((e) => isServed.has(e)), skipped: [...model.skipped, ...skipped] },
    errors,
  }
}
