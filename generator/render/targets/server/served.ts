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
 * (`totpVerify`), or the group's for the top folder's own endpoint.
 */
import { camelCase } from "../../../model/naming.ts"
import type { Endpoint, Model, SchemaNode, Skipped } from "../../../model/types.ts"

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

const unique = (taken: Set<string>, wanted: string): string => {
  let name = wanted
  for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`
  taken.add(name)
  return name
}

/** The served endpoints, and the model as the server output's manifest records it. */
export const serverModel = (model: Model): { readonly served: ReadonlyArray<ServedEndpoint>; readonly model: Model } => {
  const served: Array<ServedEndpoint> = []
  const skipped: Array<Skipped> = []
  const names = new Map<string, Set<string>>()
  for (const endpoint of model.endpoints) {
    const httpMethod = endpoint.payloadIn === "query" ? "GET" : "POST"
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
    const [top, ...rest] = endpoint.folder
    const groupFolder = top ?? "root"
    const group = camelCase(groupFolder)
    const taken = names.get(groupFolder) ?? new Set<string>()
    names.set(groupFolder, taken)
    const name = unique(taken, rest.length === 0 ? group : camelCase(rest.join("-")))
    served.push({ endpoint, apiMethod: endpoint.apiMethod, group, groupFolder, name, path: endpoint.path, httpMethod })
  }
  const served_ = new Set(served.map((s) => s.endpoint))
  return {
    served,
    model: { ...model, endpoints: model.endpoints.filter((e) => served_.has(e)), skipped: [...model.skipped, ...skipped] },
  }
}
