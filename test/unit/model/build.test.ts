import { describe, expect, it } from "vitest"
import { buildModel, DEFAULT_RULES } from "../../../generator/model/build.ts"
import { parseOverride } from "../../../generator/overrides/load.ts"
import type { OpenApiDocument } from "../../../generator/spec/types.ts"

const body = (properties: object, required: ReadonlyArray<string> = []) => ({
  requestBody: { content: { "application/json": { schema: { type: "object", properties, required } } } },
  responses: {},
})

const spec: OpenApiDocument = {
  openapi: "3.1.1",
  paths: {
    "/get-session": { get: { responses: {} }, post: { responses: {} } },
    "/update-user": { post: body({ name: { type: "string" } }) },
    "/sign-in/email": { post: body({ email: { type: "string" }, password: { type: "string" } }, ["email", "password"]) },
    "/siwe/nonce": { post: { ...body({}), "x-better-auth-client-method": "POST" } },
  },
}

const build = (...overrides: ReadonlyArray<string>) =>
  buildModel(spec, {
    rules: DEFAULT_RULES,
    warn: () => {},
    overrides: overrides.map((text, i) => {
      const result = parseOverride(`o${i}.yaml`, text)
      if (result.loaded === undefined) throw new Error(result.errors.join("\n"))
      return result.loaded
    }),
  })

describe("buildModel", () => {
  it("keeps the GET where a path also has POST, and records why the POST is skipped", () => {
    const { model } = build()
    expect(model.endpoints.filter((e) => e.path === "/get-session").map((e) => e.method)).toEqual(["get"])
    expect(model.skipped).toContainEqual(expect.objectContaining({ method: "POST", path: "/get-session", code: "duplicate-client-method" }))
  })

  it("forces POST only where the payload can be empty and no client plugin fixes the method", () => {
    const force = Object.fromEntries(build().model.endpoints.map((e) => [e.path, e.forcePost]))
    expect(force).toEqual({ "/get-session": false, "/update-user": true, "/sign-in/email": false, "/siwe/nonce": false })
  })

  it("redacts secrets in payloads", () => {
    const signIn = build().model.endpoints.find((e) => e.path === "/sign-in/email")!
    expect(signIn.payload).toMatchObject({ properties: [{ name: "email", schema: { kind: "string" } }, { name: "password", schema: { kind: "redacted" } }] })
  })

  it("applies an override and records which file changed the endpoint", () => {
    const { model, errors } = build('endpoint: "POST /update-user"\nmutatesSession: false\npayload:\n  fields:\n    name: { optional: false }\n')
    expect(errors).toEqual([])
    const updateUser = model.endpoints.find((e) => e.path === "/update-user")!
    expect(updateUser).toMatchObject({ mutatesSession: false, forcePost: false, overriddenBy: "o0.yaml", payload: { properties: [{ name: "name", optional: false }] } })
  })

  it("skips an endpoint on request, with the reason and the file", () => {
    const { model } = build('endpoint: "POST /update-user"\nskip: "not used by our app"\n')
    expect(model.skipped).toContainEqual({ method: "POST", path: "/update-user", code: "override", reason: "not used by our app (o0.yaml)" })
  })

  it.each([
    ['endpoint: "POST /gone"\nmutatesSession: true\n', "o0.yaml:1:11: endpoint: POST /gone is not in the spec (the endpoint was renamed or removed upstream: update or delete this override)"],
    [
      'endpoint: "POST /update-user"\npayload:\n  fields:\n    nmae: { optional: false }\n',
      'o0.yaml:4:11: payload.fields.nmae: the spec has no payload field "nmae" (to add it, give it a type or a schema; fields are: name)',
    ],
    ['endpoint: "POST /update-user"\npayload:\n  remove: [age]\n', 'o0.yaml:3:11: payload.remove: no field "age" to remove (fields are: name)'],
  ])("reports a stale override: %s", (text, want) => {
    expect(build(text).errors.map((e) => e.toString())).toEqual([want])
  })
})
