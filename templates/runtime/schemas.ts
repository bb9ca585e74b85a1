/** Schemas shared by generated contracts. */
import * as Schema from "effect/Schema"

/**
 * A timestamp in an answer. Better Auth's client turns ISO strings into `Date` instances by default;
 * with `jsonParser` switched off they stay strings. Both decode to a `Date`.
 */
export const ClientDate = Schema.Union([Schema.Date, Schema.DateFromString])
