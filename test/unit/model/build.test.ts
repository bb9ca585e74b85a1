import { describe, expect, it } from "vitest"
import { buildModel } from "../../../generator/model/build.ts"
import { parseOverrides } from "../../../generator/overrides/load.ts"
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

const DEFAULTS = `rules:
  redact: [password]
  mutatesSession: ["^/sign-in/"]
shared:
  Named: { type: object, required: [name], properties: { name: { type: string } } }
`

/** Builds the model with `_defaults.yaml` (DEFAULTS unless given) and endpoint overrides o0.yaml, o1.yaml, … */
const buildWith = (defaults: string | undefined, ...overrides: ReadonlyArray<string>) => {
  const files = [
    ...(defaults === undefined ? [] : [{ file: "_defaults.yaml", text: defaults, isDefaults: true }]),
    ...overrides.map((text, i) => ({ file: `o${i}.yaml`, text, isDefaults: false })),
  ]
  const parsed = parseOverrides(files)
  if (parsed.errors.length > 0) throw new Error(parsed.errors.join("\n"))
  return buildModel(spec, { specName: "spec.json", warn: () => {}, overrides: parsed.overrides })
}
const build = (...overrides: ReadonlyArray<string>) => buildWith(DEFAULTS, ...overrides)
const endpoint = (result: ReturnType<typeof build>, path: string) => result.model.endpoints.find((e) => e.path === path)!

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

  it("with no defaults file there are no rules: secrets stay strings, nothing mutates the session", () => {
    const signIn = endpoint(buildWith(undefined), "/sign-in/email")
    expect(signIn.payload).toMatchObject({ properties: [{ name: "email" }, { name: "password", schema: { kind: "string" } }] })
    expect(signIn.mutatesSession).toBe(false)
  })

  it("marks endpoints that match a mutatesSession rule", () => {
    expect(endpoint(build(), "/sign-in/email").mutatesSession).toBe(true)
    expect(endpoint(build(), "/update-user").mutatesSession).toBe(false)
  })

  it("relocates an endpoint: folder, leaf, namespace and span follow the folder unless set", () => {
    const moved = endpoint(build('endpoint: "POST /update-user"\nfolder: core/user/update\n'), "/update-user")
    expect(moved).toMatchObject({
      folder: ["core", "user", "update"],
      leaf: "update",
      namespace: "Update",
      domain: "core/user",
      feature: "update",
    })
    const named = endpoint(
      build('endpoint: "POST /update-user"\nfolder: core/update\nnamespace: UpdateUser\nspan: { domain: users, feature: edit }\n'),
      "/update-user",
    )
    expect(named).toMatchObject({ folder: ["core", "update"], namespace: "UpdateUser", domain: "users", feature: "edit" })
  })

  it("sets the client call and how the payload is sent", () => {
    const e = endpoint(build('endpoint: "POST /update-user"\nclientCall: users.update\nmethod: GET\n'), "/update-user")
    expect(e).toMatchObject({ clientCall: ["users", "update"], payloadIn: "query", forcePost: false })
  })

  it("replaces a schema by a shared one, emitted once as a component with its origin", () => {
    const result = build(
      'endpoint: "POST /update-user"\nsuccess:\n  replace: { $ref: "#/shared/Named" }\n',
      'endpoint: "POST /sign-in/email"\nsuccess:\n  replace: { type: array, items: { $ref: "#/shared/Named" } }\n',
    )
    expect(result.errors).toEqual([])
    expect(endpoint(result, "/update-user").success).toEqual({ kind: "ref", name: "Named" })
    expect(endpoint(result, "/sign-in/email").success).toEqual({ kind: "array", items: { kind: "ref", name: "Named" } })
    expect(result.model.components).toEqual([
      expect.objectContaining({
        name: "Named",
        file: "_common/named.ts",
        definedBy: "_defaults.yaml",
        schema: expect.objectContaining({ kind: "object" }),
      }),
    ])
  })

  it("patches single fields: type, nullable, literals, array, description, added and removed fields", () => {
    const e = endpoint(
      build(
        'endpoint: "POST /sign-in/email"\npayload:\n  remove: [password]\n  fields:\n    email: { nullable: true, description: "Login" }\n    kind: { literals: [a, b], array: true }\n    at: { type: date, optional: true }\n',
      ),
      "/sign-in/email",
    )
    expect(e.payload).toEqual({
      kind: "object",
      additional: undefined,
      properties: [
        { name: "email", optional: false, description: "Login", schema: { kind: "nullable", inner: { kind: "string" } } },
        {
          name: "kind",
          optional: false,
          description: undefined,
          schema: { kind: "array", items: { kind: "literals", values: ["a", "b"] } },
        },
        { name: "at", optional: true, description: undefined, schema: { kind: "date" } },
      ],
    })
  })

  it("redacts secrets in payloads", () => {
    const signIn = build().model.endpoints.find((e) => e.path === "/sign-in/email")!
    expect(signIn.payload).toMatchObject({
      properties: [
        { name: "email", schema: { kind: "string" } },
        { name: "password", schema: { kind: "redacted" } },
      ],
    })
  })

  it("applies an override and records which file changed the endpoint", () => {
    const { model, errors } = build(
      'endpoint: "POST /update-user"\nmutatesSession: false\npayload:\n  fields:\n    name: { optional: false }\n',
    )
    expect(errors).toEqual([])
    const updateUser = model.endpoints.find((e) => e.path === "/update-user")!
    expect(updateUser).toMatchObject({
      mutatesSession: false,
      forcePost: false,
      provenance: { handler: "o0.yaml (mutatesSession)", payload: "o0.yaml (payload: name)", success: undefined },
      payload: { properties: [{ name: "name", optional: false }] },
    })
  })

  it("skips an endpoint on request, with the reason and the file", () => {
    const { model } = build('endpoint: "POST /update-user"\nskip: "not used by our app"\n')
    expect(model.skipped).toContainEqual({
      method: "POST",
      path: "/update-user",
      code: "override",
      reason: "not used by our app (o0.yaml)",
    })
  })

  it.each([
    [
      'endpoint: "POST /gone"\nmutatesSession: true\n',
      "o0.yaml:1:11: endpoint: POST /gone is not in the spec (the endpoint was renamed or removed upstream: update or delete this override)",
    ],
    [
      'endpoint: "POST /update-user"\npayload:\n  fields:\n    nmae: { optional: false }\n',
      'o0.yaml:4:11: payload.fields.nmae: the spec has no payload field "nmae" (to add it, give it a type or a schema; fields are: name)',
    ],
    [
      'endpoint: "POST /update-user"\npayload:\n  remove: [age]\n',
      'o0.yaml:3:11: payload.remove: no field "age" to remove (fields are: name)',
    ],
    [
      'endpoint: "POST /update-user"\nsuccess:\n  replace: { $ref: "#/shared/Name" }\n',
      'o0.yaml:3:20: success.replace.$ref: no shared schema "Name" (did you mean "#/shared/Named"?)',
    ],
    [
      'endpoint: "POST /update-user"\nsuccess:\n  replace: { $ref: "#/components/schemas/User" }\n',
      'o0.yaml:3:20: success.replace.$ref: the spec has no component "User" (see components.schemas in the spec for the names)',
    ],
  ])("reports a stale override: %s", (text, want) => {
    expect(build(text).errors.map((e) => e.toString())).toEqual([want])
  })

  it.each([
    [
      "two endpoints in one folder",
      ['endpoint: "POST /update-user"\nfolder: sign-in/email\n'],
      "o0.yaml:2:9: folder: POST /update-user and POST /sign-in/email are both placed in sign-in/email/ (give one of them another folder)",
    ],
    [
      "a namespace that shadows an endpoint's exports",
      ['endpoint: "POST /update-user"\nfolder: sign-in/email/update\nnamespace: Handler\n'],
      "o0.yaml:3:12: namespace: namespace Handler in sign-in/email would shadow the Handler of POST /sign-in/email (used by POST /update-user) (set namespace: or folder: to another name)",
    ],
    [
      "two namespaces of one name in a barrel",
      ['endpoint: "POST /update-user"\nfolder: sign-in/update\nnamespace: Email\n'],
      "o0.yaml:3:12: namespace: namespace Email in sign-in barrel is used by POST /update-user and POST /sign-in/email (set namespace: to another name)",
    ],
    [
      "a reserved root namespace",
      ['endpoint: "POST /update-user"\nnamespace: Runtime\n'],
      "o0.yaml:2:12: namespace: namespace Runtime is reserved in the root barrel (used by POST /update-user) (set namespace: to another name)",
    ],
  ])("reports a layout collision: %s", (_, overrides, want) => {
    expect(build(...overrides).errors.map((e) => e.toString())).toEqual([want])
  })

  it("reports a shared schema named like a spec component and a bad rule pattern in _defaults.yaml", () => {
    const withUser: OpenApiDocument = { ...spec, components: { schemas: { Named: { type: "object", properties: {} } } } }
    const parsed = parseOverrides([
      { file: "_defaults.yaml", text: DEFAULTS.replace('["^/sign-in/"]', '["^/sign-in/(", ok]'), isDefaults: true },
    ])
    const { errors } = buildModel(withUser, { specName: "spec.json", warn: () => {}, overrides: parsed.overrides })
    expect(errors.map((e) => e.toString())).toEqual([
      '_defaults.yaml:3:20: rules.mutatesSession.0: "^/sign-in/(" is not a valid regular expression (write a JavaScript regular expression matched against the path, e.g. ^/sign-out$)',
      '_defaults.yaml:5:10: shared.Named: shared schema "Named" has the name of a spec component (rename it: both would be emitted under _common/)',
    ])
  })
})

describe("component corrections (components: in _defaults.yaml)", () => {
  const withUser: OpenApiDocument = {
    ...spec,
    paths: {
      "/get-session": {
        get: { responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } } } },
      },
    },
    components: {
      schemas: {
        User: {
          type: "object",
          required: ["id"],
          properties: { id: { type: "string" }, role: { type: "string" }, image: { type: "string" } },
        },
      },
    },
  }
  const buildUser = (components: string) => {
    const text = `rules:\n  nullableOptional: ["*"]\n${components}`
    const parsed = parseOverrides([{ file: "_defaults.yaml", text, isDefaults: true }])
    if (parsed.errors.length > 0) throw new Error(parsed.errors.join("\n"))
    return buildModel(withUser, { specName: "spec.json", warn: () => {}, overrides: parsed.overrides })
  }

  it("makes a field required and non-null after the nullableOptional rule, and says so in the provenance", () => {
    const { model, errors } = buildUser("components:\n  User:\n    fields:\n      role: { optional: false, nullable: false }\n")
    expect(errors).toEqual([])
    const [user] = model.components
    expect(user?.changedBy).toBe("_defaults.yaml (rules: nullableOptional); _defaults.yaml (components.User: role)")
    expect(user?.schema).toMatchObject({
      properties: [
        { name: "id", optional: false, schema: { kind: "string" } },
        { name: "role", optional: false, schema: { kind: "string" } },
        { name: "image", optional: true, schema: { kind: "nullable", inner: { kind: "string" } } },
      ],
    })
  })

  it.each([
    [
      "an unknown component",
      "components:\n  Usr:\n    fields:\n      role: { optional: false }\n",
      '_defaults.yaml:5:5: components.Usr: the spec has no component "Usr" (did you mean "User"?)',
    ],
    [
      "an unknown field",
      "components:\n  User:\n    fields:\n      rol: { optional: false }\n",
      '_defaults.yaml:6:12: components.User.fields.rol: the spec has no component field "rol" (to add it, give it a type or a schema; fields are: id, role, image)',
    ],
  ])("reports %s at its line", (_, components, want) => {
    expect(buildUser(components).errors.map((e) => e.toString())).toEqual([want])
  })
})

describe("component names", () => {
  it("gives components that would share a class or a file a suffix, with a naming-collision warning", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
    const twins: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: {
            responses: {
              "200": { content: { "application/json": { schema: { type: "object", properties: { a: ref("User"), b: ref("user") } } } } },
            },
          },
        },
      },
      components: { schemas: { User: { type: "object", properties: {} }, user: { type: "object", properties: {} } } },
    }
    const warnings: Array<string> = []
    const { model } = buildModel(twins, {
      specName: "spec.json",
      warn: (w) => warnings.push(`${w.code} ${w.at}: ${w.message}`),
      overrides: { endpoints: [], defaults: [] },
    })
    expect(model.components.map((c) => [c.name, c.identifier, c.file])).toEqual([
      ["User", "User", "_common/user.ts"],
      ["user", "User2", "_common/user-2.ts"],
    ])
    expect(warnings).toEqual([
      'naming-collision #/components/schemas/user: "user" would be named like "User"; it is User2 in _common/user-2.ts',
    ])
  })
})

describe("names that cannot hurt", () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const using = (names: ReadonlyArray<string>): OpenApiDocument => ({
    openapi: "3.1.0",
    paths: {
      "/a": {
        get: {
          responses: {
            "200": {
              content: {
                "application/json": { schema: { type: "object", properties: Object.fromEntries(names.map((n, i) => [`f${i}`, ref(n)])) } },
              },
            },
          },
        },
      },
    },
    components: { schemas: Object.fromEntries(names.map((n) => [n, { type: "object", properties: { id: { type: "string" } } }])) },
  })
  const run = (document: OpenApiDocument, defaults?: string) => {
    const warnings: Array<string> = []
    const parsed = parseOverrides(defaults === undefined ? [] : [{ file: "_defaults.yaml", text: defaults, isDefaults: true }])
    const { model, errors } = buildModel(document, {
      specName: "spec.json",
      warn: (w) => warnings.push(`${w.code} ${w.at}: ${w.message}`),
      overrides: parsed.overrides,
    })
    return { components: model.components.map((c) => [c.name, c.identifier, c.file, c.definedBy]), warnings, errors: errors.map(String) }
  }

  it.each([
    [
      "Payload",
      ["Payload", "Payload2", "_common/payload-2.ts"],
      '"Payload" would be named like the generated Payload; it is Payload2 in _common/payload-2.ts',
    ],
    [
      "Success",
      ["Success", "Success2", "_common/success-2.ts"],
      '"Success" would be named like the generated Success; it is Success2 in _common/success-2.ts',
    ],
    [
      "Handler",
      ["Handler", "Handler2", "_common/handler-2.ts"],
      '"Handler" would be named like the generated Handler; it is Handler2 in _common/handler-2.ts',
    ],
    [
      "Schema",
      ["Schema", "Schema2", "_common/schema-2.ts"],
      '"Schema" would be named like the generated Schema; it is Schema2 in _common/schema-2.ts',
    ],
    [
      "index",
      ["index", "Index2", "_common/index-2.ts"],
      '"index" would be named like the generated _common/index.ts; it is Index2 in _common/index-2.ts',
    ],
  ])("a component named %s is renamed with a naming-collision warning", (name, want, message) => {
    const result = run(using([name]))
    expect(result.components).toEqual([[...want, undefined]])
    expect(result.warnings).toEqual([`naming-collision #/components/schemas/${name}: ${message}`])
  })

  it("a component named like another's Encoded type is renamed", () => {
    expect(run(using(["Node", "NodeEncoded"])).components.map((c) => c[1])).toEqual(["Node", "NodeEncoded2"])
  })

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "a component named %s stays the spec's, with or without shared schemas",
    (name) => {
      for (const defaults of [undefined, "rules: { redact: [password] }\n"]) {
        const result = run(using([name]), defaults)
        expect(result.errors).toEqual([])
        expect(result.components).toEqual([[name, expect.any(String), expect.any(String), undefined]])
      }
    },
  )
})

describe("paths the file system cannot take", () => {
  const run = (document: OpenApiDocument) =>
    buildModel(document, { specName: "spec.json", warn: () => {}, overrides: { endpoints: [], defaults: [] } }).errors.map(String)
  const post = { post: { responses: {} } }

  it("a 300-character segment is an error at the operation", () => {
    const path = `/a/${"b".repeat(300)}`
    expect(run({ openapi: "3.1.0", paths: { [path]: post } })).toEqual([
      `spec.json:#/paths/~1a~1${"b".repeat(300)}/post: the file or folder name "${"b".repeat(40)}…" is 300 bytes long; file systems take at most 255; give the endpoint a shorter folder with an override (folder:) or skip it`,
    ])
  })

  it("a path of 600 segments is an error at the operation", () => {
    const path = `/${Array(600).fill("a").join("/")}`
    const errors = run({ openapi: "3.1.0", paths: { [path]: post } })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^spec\.json:#\/paths\/~1a~1a.*\/post: the output path "a\/a\/a.*…" is 1213 bytes long; the generator writes paths of at most 1024; give the endpoint/,
    )
  })

  it("a component name too long for a file name is an error at the component", () => {
    const name = "N".repeat(260)
    const ok = { "200": { content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } } }
    expect(
      run({
        openapi: "3.1.0",
        paths: { "/a": { get: { responses: ok } } },
        components: { schemas: { [name]: { type: "object", properties: { a: { type: "string" } } } } },
      }),
    ).toEqual([
      `spec.json:#/components/schemas/${name}: the file or folder name "${"n".repeat(40)}…" is 263 bytes long; file systems take at most 255; give the schema a shorter name`,
    ])
  })
})

describe("paths without segments", () => {
  it.each(["/", "", "//"])("%j is skipped as not a client path", (path) => {
    const { model, errors } = buildModel(
      { openapi: "3.1.0", paths: { [path]: { post: { responses: {} } } } },
      { specName: "spec.json", warn: () => {}, overrides: { endpoints: [], defaults: [] } },
    )
    expect(errors).toEqual([])
    expect(model.skipped).toEqual([
      { method: "POST", path, code: "not-a-client-path", reason: "the root path: no client method maps to it" },
    ])
  })
})
