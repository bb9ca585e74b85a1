/** Serializes JSON with object keys sorted (arrays keep their order) and 2-space indentation. */
import { compareText } from "../text.ts"
export const stableStringify = (value: unknown): string => `${JSON.stringify(sortKeys(value), null, 2)}\n`

/** A copy of a JSON value with every object's keys sorted (arrays keep their order). */
export const sortKeys = <A>(value: A): A => sortAny(value) as A

// One loop per object instead of entries → sort → map → fromEntries: this runs over every node of the spec.
const sortAny = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortAny)
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(record).sort(compareText)) {
      const child = sortAny(record[key])
      // An own `__proto__` key (JSON.parse makes one) stays a key, as Object.fromEntries would keep it.
      if (key === "__proto__") Object.defineProperty(sorted, key, { value: child, enumerable: true, writable: true, configurable: true })
      else sorted[key] = child
    }
    return sorted
  }
  return value
}
