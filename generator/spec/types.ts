/**
 * The subset of OpenAPI 3.x that Better Auth emits, typed loosely: the document is untrusted input, so
 * every field is optional and checked where it is read.
 */

/** A JSON Schema as found in the document, before normalization. */
export type RawSchema = { readonly [key: string]: unknown }

/** A value a JSON Schema `enum` may hold that the model prints as a literal. */
export type JsonLiteral = string | number | boolean | null

/**
 * A schema after spec/normalize: only the keywords the model reads, typed, in their canonical form (see
 * normalize.ts for the guarantees). The model reads this and never the raw document.
 */
export interface NormalSchema {
  readonly $ref?: string
  readonly description?: string
  readonly type?: string | ReadonlyArray<string>
  readonly format?: string
  readonly enum?: ReadonlyArray<JsonLiteral>
  readonly items?: NormalSchema
  readonly properties?: Readonly<Record<string, NormalSchema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: NormalSchema
  readonly anyOf?: ReadonlyArray<NormalSchema>
}

export interface OpenApiOperation {
  readonly operationId?: string
  readonly description?: string
  readonly summary?: string
  readonly parameters?: ReadonlyArray<{
    readonly name?: string
    readonly in?: string
    readonly required?: boolean
    readonly description?: string
    readonly schema?: RawSchema
  }>
  readonly requestBody?: { readonly required?: boolean; readonly content?: Readonly<Record<string, { readonly schema?: RawSchema }>> }
  readonly responses?: Readonly<
    Record<string, { readonly description?: string; readonly content?: Readonly<Record<string, { readonly schema?: RawSchema }>> }>
  >
  /** Added by `bun run spec`: `server-only`, `server` or `http` when the browser client cannot call it. */
  readonly "x-better-auth-scope"?: string
  /** Added by `bun run spec`: the method a client plugin always uses for this path (`pathMethods`). */
  readonly "x-better-auth-client-method"?: string
  /** Added by `bun run spec`: the `auth.api` method that serves the operation (`getTOTPURI`). */
  readonly "x-better-auth-api-method"?: string
}

export interface OpenApiDocument {
  readonly openapi: string
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>
  readonly components?: { readonly schemas?: Readonly<Record<string, RawSchema>> }
}
