/** Serializes JSON with object keys sorted (arrays keep their order) and 2-space indentation. */
import { sortedEntries } from "../text.ts"
export const stableStringify = (value: unknown): string => `${JSON.stringify(sortKeys(value), null, 2)}\n`

/** A copy of a JSON value with every object's keys sorted (arrays keep their order). */
export const sortKeys = <A>(value: A): A => sortAny(value) as A

const sortAny = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortAny)
  if (value !== null && typeof value === "object") {
    const entries = sortedEntries(value as Record<string, unknown>)
    return Object.fromEntries(entries.map(([k, v]) => [k, sortAny(v)]))
  }
  return value
}
