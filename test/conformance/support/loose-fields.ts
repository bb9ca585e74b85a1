/**
 * Why a Success field stays optional (or nullable) although no live answer left it out (or sent null):
 * field id (see evidence.ts) → the reason, e.g. a column the server fills only in flows this suite cannot
 * run. coverage.check.ts fails for such a field without an entry, and for an entry whose field is no
 * longer loose that way (so the table cannot go stale).
 */
export const LOOSE_FIELDS: Readonly<Record<string, string>> = {}
