/**
 * Stage 2: the readonly intermediate representation. Everything render/ needs is decided here; render/
 * never looks at the OpenAPI document again.
 */
import type { SpecProvenance } from "../spec/provenance.ts"
import type { JsonLiteral } from "../spec/types.ts"

/** A value the printer writes as a literal: what a normalized `enum` holds. */
export type Literal = JsonLiteral

/** A schema, as a tagged union that the printer switches over exhaustively. */
export type SchemaNode =
  | { readonly kind: "string" }
  | { readonly kind: "date" }
  | { readonly kind: "number" }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "null" }
  | { readonly kind: "literals"; readonly values: ReadonlyArray<Literal> }
  | { readonly kind: "array"; readonly items: SchemaNode }
  | { readonly kind: "object"; readonly properties: ReadonlyArray<Property>; readonly additional: SchemaNode | undefined }
  | { readonly kind: "ref"; readonly name: string }
  | { readonly kind: "nullable"; readonly inner: SchemaNode }
  | { readonly kind: "union"; readonly members: ReadonlyArray<SchemaNode> }
  | { readonly kind: "redacted" }
  | { readonly kind: "unknown" }

export interface Property {
  readonly name: string
  readonly schema: SchemaNode
  readonly optional: boolean
  readonly description: string | undefined
}

/** Which side of the wire a schema describes: dates and secrets are typed differently on each. */
export type Side = "payload" | "success"

/** A shared component schema (User, Session, …), emitted once under `_common/`. */
export interface Component {
  readonly name: string
  /** The class name in TypeScript (PascalCase, unique). */
  readonly identifier: string
  /** Output path relative to the output folder, e.g. `_common/user.ts`. */
  readonly file: string
  readonly schema: SchemaNode
  readonly description: string | undefined
  /** The override file that defines it, for a shared schema; undefined for a spec component. */
  readonly definedBy: string | undefined
  /** The rule that changed a spec component (`overrides/_defaults.yaml (rules: nullableOptional)`). */
  readonly changedBy: string | undefined
  /**
   * The components it is mutually recursive with (itself included; `[name]` for a self-reference), in
   * name order; empty when it is not recursive. References inside one cycle are printed lazily.
   */
  readonly cycle: ReadonlyArray<string>
}

/** An endpoint the client can call, with everything needed to print its three files. */
export interface Endpoint {
  readonly method: "get" | "post"
  readonly path: string
  /** JSON pointer of the operation in the spec. */
  readonly pointer: string
  readonly description: string | undefined
  /** Folder segments below the output folder, e.g. `["two-factor", "verify-totp"]`. */
  readonly folder: ReadonlyArray<string>
  /** The last folder segment; names the files (`verify-totp.contract.ts`). */
  readonly leaf: string
  /** The namespace its parent barrel exports it as (`Verify`). */
  readonly namespace: string
  /** Span domain: the folder's parent path (`two-factor`); the feature is the leaf. */
  readonly domain: string
  readonly feature: string
  /** Client property chain: `["twoFactor", "verifyTotp"]` → `client.twoFactor.verifyTotp`. */
  readonly clientCall: ReadonlyArray<string>
  /** The `auth.api` method that serves it (`x-better-auth-api-method`); undefined when the document does not say. */
  readonly apiMethod: string | undefined
  /** The payload (an object, or a union of objects), or undefined when the endpoint takes none. */
  readonly payload: SchemaNode | undefined
  /** How the payload travels: as `{ query }` (GET) or as the body (POST). */
  readonly payloadIn: "query" | "body"
  /** POST: the payload fields that are query parameters, sent as `fetchOptions.query` (the rest is the body). */
  readonly queryFields: ReadonlyArray<string>
  /** POST whose payload can be empty: the client would send GET unless told `method: "POST"`. */
  readonly forcePost: boolean
  readonly success: SchemaNode
  readonly mutatesSession: boolean
  /**
   * The server can answer what the handler sends with a redirect: the handler passes the runtime's
   * `fetchOptions` (stop at the redirect) and the runtime fails with a typed BetterAuthApiError.
   */
  readonly redirects: boolean
  /** Which override changed what, for provenance in the generated JSDoc (one line per file part). */
  readonly provenance: Provenance
  /** How an override says the server target serves it (each setting with where it was set). */
  readonly server?: ServerSettings
  /** For a side an override patches: the document's own top-level fields, recorded in the manifest to find drift on the next run. */
  readonly document?: EndpointDocument
}

/** A value an override set, with where: the file and `line:column` of the value. */
export interface SetBy<T> {
  readonly value: T
  readonly file: string
  readonly at: string
}

/** The server target's settings of an endpoint (`server:` in its override). */
export interface ServerSettings {
  readonly skip?: SetBy<string>
  readonly name?: SetBy<string>
  readonly group?: SetBy<string>
  readonly path?: SetBy<string>
}

/** The document's own top-level fields of an overridden Payload or Success (`Payload.limit?` → `number`). */
export interface EndpointDocument {
  readonly payload?: Readonly<Record<string, string>>
  readonly success?: Readonly<Record<string, string>>
}

/** `overrides/x.yaml (folder, mutatesSession)`: the file and the keys of it that changed a part. */
export interface Provenance {
  readonly handler: string | undefined
  readonly payload: string | undefined
  readonly success: string | undefined
}

/** An endpoint left out, with a stable reason code and a sentence for the manifest. */
export interface Skipped {
  readonly method: string
  readonly path: string
  readonly code:
    | "server-only"
    | "server-scope"
    | "path-parameters"
    | "well-known"
    | "unsupported-method"
    | "non-json-body"
    | "not-a-client-path"
    | "override"
    | "duplicate-client-method"
    | "no-api-method"
    | "redirect"
    | "nested-query"
  readonly reason: string
}

export interface Model {
  /** Where the document came from (`info.x-better-auth`), when it says. */
  readonly source?: SpecProvenance | undefined
  /** The error codes the core and plugins declare (`info.x-better-auth-error-codes`), sorted. */
  readonly errorCodes?: ReadonlyArray<string> | undefined
  readonly endpoints: ReadonlyArray<Endpoint>
  readonly skipped: ReadonlyArray<Skipped>
  readonly components: ReadonlyArray<Component>
}
