/**
 * Text rules every stage shares, written once: the order of names and paths in the output (code-unit
 * order, never the locale's, so bytes are the same on every machine), and what a plain identifier is.
 * No dependencies.
 */

/** Code-unit order of two strings. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A comparator by a text key: `items.sort(byText((e) => e.path))`. */
export const byText =
  <A>(key: (a: A) => string) =>
  (a: A, b: A): number =>
    compareText(key(a), key(b))

/** Entries in code-unit order of their keys. */
export const sortedEntries = <V>(record: Readonly<Record<string, V>>): Array<[string, V]> =>
  Object.entries(record).sort(([a], [b]) => compareText(a, b))

/** An identifier by its characters (JavaScript's ASCII subset; reserved words are naming.ts's business). */
export const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/u
