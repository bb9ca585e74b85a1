/**
 * The override file formats, as Effect Schemas: the single source of truth for validation and for the
 * committed `overrides.schema.json` that editors use. Unknown keys are errors, so a typo never silently
 * does nothing. Two kinds of file: one per endpoint, and `_defaults.yaml` (global rules, shared schemas).
 */
import * as Schema from "effect/Schema"
import { IDENTIFIER } from "../text.ts"

export { DEFAULTS_FILE } from "./files.ts"

const SEGMENT = "[a-z0-9]+(?:-[a-z0-9]+)*"
// Patterns carry the `u` flag: Effect exports only unicode patterns to JSON Schema.
/** A folder below the output folder: kebab-case segments joined by `/` (so never `..` or absolute). */
export const FOLDER_PATTERN = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`, "u")
/** A TypeScript identifier (namespace, shared schema name, client property). */
export const IDENTIFIER_PATTERN = IDENTIFIER
const NAME = IDENTIFIER.source.slice(1, -1)
const CLIENT_CALL_PATTERN = new RegExp(`^${NAME}(?:\\.${NAME})*$`, "u")
const ENDPOINT_PATTERN = /^(GET|POST|PUT|PATCH|DELETE) \/\S*$/u

const Folder = Schema.String.check(
  Schema.isPattern(FOLDER_PATTERN, { message: "expected kebab-case folder segments joined by / (no .., no leading /)" }),
)

/** A JSON-Schema-like YAML value (`type`, `properties`, `required`, `items`, `enum`, `anyOf`, `$ref`, …). */
export const InlineSchema = Schema.Record(Schema.String, Schema.Unknown).annotate({
  description:
    "A JSON Schema, written in YAML. `$ref: '#/components/schemas/User'` refers to a spec component, `$ref: '#/shared/Name'` to a shared schema of _defaults.yaml. `allOf: [{ $ref: '#/shared/Name' }, { type: object, properties: {...} }]` extends an object schema with fields.",
})

export const FieldPatch = Schema.Struct({
  optional: Schema.optionalKey(Schema.Boolean.annotate({ description: "Whether the key may be absent." })),
  nullable: Schema.optionalKey(Schema.Boolean.annotate({ description: "Whether the value may be null." })),
  redacted: Schema.optionalKey(Schema.Boolean.annotate({ description: "A secret: Redacted in the Type, a string on the wire." })),
  type: Schema.optionalKey(
    Schema.Literals(["string", "number", "integer", "boolean", "date", "unknown"]).annotate({
      description: "Replace the value type. `date`: a Date in the Type, an ISO string (or Date) on the wire.",
    }),
  ),
  literals: Schema.optionalKey(
    Schema.Array(Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])).annotate({
      description: "The value is one of these literals.",
    }),
  ),
  array: Schema.optionalKey(Schema.Boolean.annotate({ description: "The value is an array of the type." })),
  description: Schema.optionalKey(Schema.String.annotate({ description: "Replace the field's description." })),
  schema: Schema.optionalKey(InlineSchema),
}).annotate({ description: "A change to one field; a field the spec lacks is added (give it a type, literals or a schema)." })
export type FieldPatch = typeof FieldPatch.Type

export const SchemaPatch = Schema.Struct({
  replace: Schema.optionalKey(InlineSchema.annotate({ description: "Replace the whole schema (applied before fields and remove)." })),
  fields: Schema.optionalKey(Schema.Record(Schema.String, FieldPatch).annotate({ description: "Patch or add fields, by name." })),
  remove: Schema.optionalKey(Schema.Array(Schema.String).annotate({ description: "Fields to drop." })),
})
export type SchemaPatch = typeof SchemaPatch.Type

export const Span = Schema.Struct({
  domain: Schema.optionalKey(Folder.annotate({ description: "Span domain (default: the folder's parent path)." })),
  feature: Schema.optionalKey(Folder.annotate({ description: "Span feature (default: the folder's last segment)." })),
})

const Identifier = (example: string) =>
  Schema.String.check(Schema.isPattern(IDENTIFIER_PATTERN, { message: `expected a TypeScript identifier, e.g. ${example}` }))

/** How the server target serves the endpoint. */
export const ServerOverride = Schema.Struct({
  skip: Schema.optionalKey(
    Schema.String.annotate({
      description:
        "Leave the endpoint out of the server target (the client target keeps it); the text is the reason, recorded in its manifest.json.",
    }),
  ),
  name: Schema.optionalKey(
    Identifier("verifyTotp").annotate({
      description:
        "The endpoint's name in its group, `client.<group>.<name>` in a derived HttpApiClient (default: camelCase of its folder below the top one).",
    }),
  ),
  group: Schema.optionalKey(
    Identifier("twoFactor").annotate({
      description:
        "The HttpApiGroup it belongs to (default: camelCase of its top folder); a new group's files go in its kebab-case folder.",
    }),
  ),
  path: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(new RegExp(`^(?:/${SEGMENT})+$`, "u"), {
        message: "expected kebab-case segments, each after a /, e.g. /auth/verify-totp",
      }),
    ).annotate({
      description:
        "Where the HttpApi serves it, below /api/auth (default: Better Auth's path); its handler still calls Better Auth at Better Auth's path.",
    }),
  ),
}).annotate({ description: "How the server target serves this endpoint: skip it, or its name, group and path in the HttpApi." })
export type ServerOverride = typeof ServerOverride.Type

export const OverrideFile = Schema.Struct({
  endpoint: Schema.String.check(
    Schema.isPattern(ENDPOINT_PATTERN, { message: 'expected "METHOD /path", e.g. "POST /two-factor/verify-totp"' }),
  ).annotate({
    description: 'The endpoint this file corrects, "METHOD /path", e.g. "POST /two-factor/verify-totp".',
  }),
  skip: Schema.optionalKey(
    Schema.String.annotate({ description: "Leave the endpoint out of the SDK; the text is the reason, recorded in manifest.json." }),
  ),
  folder: Schema.optionalKey(
    Folder.annotate({
      description: "Where the endpoint's files go, below the output folder; the last segment names the files, e.g. two-factor/totp/verify.",
    }),
  ),
  namespace: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(IDENTIFIER_PATTERN, { message: "expected a TypeScript identifier, e.g. GetUri" })).annotate({
      description: "The namespace the endpoint is exported as from its parent barrel (default: PascalCase of the folder's last segment).",
    }),
  ),
  span: Schema.optionalKey(Span.annotate({ description: 'The tracing span is "<domain>/<feature>/handler".' })),
  clientCall: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(CLIENT_CALL_PATTERN, { message: "expected dotted identifiers, e.g. twoFactor.verifyTotp" }),
    ).annotate({
      description: "The client method, dotted: `twoFactor.verifyTotp`.",
    }),
  ),
  method: Schema.optionalKey(
    Schema.Literals(["GET", "POST"]).annotate({
      description: "How the handler sends the payload: GET as `{ query }`, POST as the body (forcing POST even for an empty payload).",
    }),
  ),
  mutatesSession: Schema.optionalKey(Schema.Boolean.annotate({ description: "Notify `$sessionSignal` after success." })),
  redirects: Schema.optionalKey(
    Schema.Boolean.annotate({
      description:
        'The server can answer with a redirect (3xx) to what the handler sends: the handler stops at it (`redirect: "manual"`) and fails with BetterAuthApiError, `code` the redirect\'s `error` query parameter, `location` its target.',
    }),
  ),
  description: Schema.optionalKey(Schema.String.annotate({ description: "Replace the endpoint's description." })),
  payload: Schema.optionalKey(SchemaPatch.annotate({ description: "Corrections to the Payload schema." })),
  success: Schema.optionalKey(SchemaPatch.annotate({ description: "Corrections to the Success schema." })),
  server: Schema.optionalKey(ServerOverride),
}).annotate({ title: "Endpoint override", description: "Corrections for one endpoint of the Better Auth OpenAPI document." })
export type OverrideFile = typeof OverrideFile.Type

export const Rules = Schema.Struct({
  redact: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description: "Payload string fields with these names are Redacted in the Type, e.g. [password, newPassword].",
    }),
  ),
  nullableOptional: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description: 'Component schemas (User, Session, …) whose optional fields also accept null in answers; "*" for every component.',
    }),
  ),
  mutatesSession: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description:
        "Regular expressions matched against the path: endpoints that sign in or out or change the active session, user or organization (an endpoint's own mutatesSession wins).",
    }),
  ),
  serverOnly: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description:
        "Regular expressions matched against payload field descriptions: fields only a server may send (Better Auth marks them `server-only`) are left out of client payloads.",
    }),
  ),
})
export type Rules = typeof Rules.Type

export const DefaultsFile = Schema.Struct({
  rules: Schema.optionalKey(Rules.annotate({ description: "Rules applied to every endpoint." })),
  shared: Schema.optionalKey(
    Schema.Record(
      Schema.String.check(Schema.isPattern(IDENTIFIER_PATTERN, { message: "expected a TypeScript identifier, e.g. SessionWithUser" })),
      InlineSchema,
    ).annotate({
      description: "Named schemas, emitted once under _common/ and referenced with `$ref: '#/shared/Name'`.",
    }),
  ),
  components: Schema.optionalKey(
    Schema.Record(Schema.String, SchemaPatch).annotate({
      description:
        "Corrections to spec components (Better Auth's models: User, Session, …), by name, applied after the rules wherever the component is used, e.g. `User: { fields: { role: { optional: false, nullable: false } } }`.",
    }),
  ),
}).annotate({
  title: "Override defaults",
  description: "Global rules, shared schemas and component corrections (the file _defaults.yaml).",
})
export type DefaultsFile = typeof DefaultsFile.Type

/** What editors validate against: either kind of file. */
export const AnyOverrideFile = Schema.Union([OverrideFile, DefaultsFile])

/** Known keys per nesting level, for "did you mean" hints. */
export const KNOWN_KEYS = {
  file: Object.keys(OverrideFile.fields),
  defaults: Object.keys(DefaultsFile.fields),
  rules: Object.keys(Rules.fields),
  span: Object.keys(Span.fields),
  server: Object.keys(ServerOverride.fields),
  patch: Object.keys(SchemaPatch.fields),
  field: Object.keys(FieldPatch.fields),
} as const
