/** Every parameter reaches the payload or is named in a warning: query parameters of POSTs, headers. */
import { describe, expect, it } from "vitest"
import type { Warning } from "../../../generator/errors.ts"
import { buildModel } from "../../../generator/model/build.ts"
import { renderModel } from "../../../generator/render/targets/client/views.ts"
import { compileTemplates, readTemplates } from "../../../generator/render/templates.ts"
import type { OpenApiDocument } from "../../../generator/spec/types.ts"

const query = (name: string, required = false) => ({ name, in: "query", required, schema: { type: "string" } })
const body = (properties: object, required: ReadonlyArray<string> = []) => ({
  content: { "application/json": { schema: { type: "object", properties, required } } },
})

const spec: OpenApiDocument = {
  openapi: "3.1.1",
  paths: {
    "/reset-password": {
      post: {
        parameters: [query("token")],
        requestBody: body({ newPassword: { type: "string" }, token: { type: "string" } }, ["newPassword"]),
        responses: {},
      },
    },
    "/oauth2/end-session": { post: { parameters: [query("id_token_hint", true), query("state")], responses: {} } },
    "/verify": { post: { parameters: [query("callback-url")], requestBody: body({ code: { type: "string" } }, ["code"]), responses: {} } },
    "/oauth2/userinfo": { get: { parameters: [{ name: "DPoP", in: "header" }], responses: {} } },
  },
}

const build = () => {
  const warnings: Array<Warning> = []
  const { model } = buildModel(spec, { specName: "spec.json", warn: (w) => warnings.push(w), overrides: { endpoints: [], defaults: [] } })
  return { model, warnings }
}
const endpoint = (path: string) => build().model.endpoints.find((e) => e.path === path)!

describe("parameters", () => {
  it("puts the query parameters of a POST into the payload and remembers which they are", () => {
    const verify = endpoint("/verify")
    expect(verify.payload?.kind === "object" && verify.payload.properties.map((p) => `${p.name}${p.optional ? "?" : ""}`)).toEqual([
      "code",
      "callback-url?",
    ])
    expect(verify.queryFields).toEqual(["callback-url"])
    expect(verify.forcePost).toBe(false)
    const endSession = endpoint("/oauth2/end-session")
    expect(endSession.queryFields).toEqual(["id_token_hint", "state"])
    // Nothing travels in the body, so the client would send GET: the handler forces POST.
    expect(endSession.forcePost).toBe(true)
  })

  it("names in a warning what it cannot send: a query parameter clashing with a body field, header parameters", () => {
    const { warnings } = build()
    expect(warnings.filter((w) => w.code === "parameter-skipped").map((w) => `${w.at}: ${w.message}`)).toEqual([
      '#/paths/~1reset-password/post/parameters: query parameter(s) "token" left out of the payload: the body has a field of the same name',
      '#/paths/~1oauth2~1userinfo/get/parameters/0: header parameter "DPoP" is not in the payload: the client sends headers per client, not per call',
    ])
    expect(endpoint("/reset-password").queryFields).toEqual([])
  })

  it("sends them as fetchOptions.query, each bound to a safe local name", async () => {
    const files = renderModel(build().model, {
      templates: compileTemplates(await readTemplates()),
      clientModule: "../client.ts",
      serverModule: "../server.ts",
      importExtension: ".ts",
      specName: "spec.json",
      identifierPrefix: "",
    })
    const handler = (path: string) => files.find((f) => f.path === path)!.content
    expect(handler("verify/verify.handler.ts")).toContain(
      'execute: (client, { "callback-url": query0, ...body }) => client.verify<CallOptions>({ ...body, fetchOptions: { query: { "callback-url": query0 } } }),',
    )
    expect(handler("oauth2/end-session/end-session.handler.ts")).toContain(
      'execute: (client, { id_token_hint: query0, state: query1 }) => client.oauth2.endSession<CallOptions>({ fetchOptions: { method: "POST" as const, query: { id_token_hint: query0, state: query1 } } }),',
    )
  })

  it("passes the runtime's fetchOptions first, then its own, when the endpoint can redirect", async () => {
    const { model } = build()
    const redirecting = { ...model, endpoints: model.endpoints.map((e) => ({ ...e, redirects: true })) }
    const files = renderModel(redirecting, {
      templates: compileTemplates(await readTemplates()),
      clientModule: "../client.ts",
      serverModule: "../server.ts",
      importExtension: ".ts",
      specName: "spec.json",
      identifierPrefix: "",
    })
    const handler = (path: string) => files.find((f) => f.path === path)!.content
    expect(handler("verify/verify.handler.ts")).toContain(
      'execute: (client, { "callback-url": query0, ...body }, fetchOptions) => client.verify<CallOptions>({ ...body, fetchOptions: { ...fetchOptions, query: { "callback-url": query0 } } }),',
    )
    expect(handler("oauth2/end-session/end-session.handler.ts")).toContain(
      'execute: (client, { id_token_hint: query0, state: query1 }, fetchOptions) => client.oauth2.endSession<CallOptions>({ fetchOptions: { ...fetchOptions, method: "POST" as const, query: { id_token_hint: query0, state: query1 } } }),',
    )
    expect(handler("oauth2/userinfo/userinfo.handler.ts")).toContain(
      "execute: (client, fetchOptions) => client.oauth2.userinfo({ fetchOptions }),",
    )
  })
})
