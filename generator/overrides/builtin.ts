/**
 * The override folder shipped with the generator: corrections of Better Auth's own OpenAPI document and
 * the feature layout (`two-factor/totp/verify`, ...). Unlike a user's overrides, a shipped override
 * whose endpoint the spec lacks (its plugin is not installed) is silently inert. No dependencies.
 */
import { join } from "node:path"

export const BUILTIN_OVERRIDES = join(import.meta.dirname, "..", "..", "builtin-overrides")

/** How shipped override files are named in messages and provenance, wherever the generator is installed. */
export const BUILTIN_LABEL = "builtin-overrides"
