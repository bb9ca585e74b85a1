/**
 * Which endpoints the generated handlers exercised live, per test file, and what the answers said about
 * each Success field: the harness notes every endpoint whose handler call succeeded and decoded, with its
 * raw answer; the setup file (record.ts) writes the file's record.
 */
import { expect } from "vitest"
import { contractModel, countFields, type Evidence, type FieldCounts } from "./evidence.ts"
import type { SuiteTarget } from "./records.ts"
import { currentStorage, currentTarget, type Storage } from "./storage.ts"

// Keyed by storage and test file: with `isolate: false` one module instance serves every file of a worker.
const exercised = new Map<string, Set<string>>()
const fields = new Map<string, Map<string, FieldCounts>>()
const keyOf = (storage: Storage, file: string, target: SuiteTarget = currentTarget()) => `${target} ${storage} ${file}`

/** Notes that a handler call to `METHOD /path` (below /api/auth) succeeded and decoded `raw` (JSON, or undefined). */
export const recordExercised = async (method: string, path: string, raw: unknown) => {
  const file = expect.getState().testPath
  if (file === undefined) throw new Error("recordExercised called outside a test")
  const key = keyOf(currentStorage(), file)
  const endpoint = `${method} ${path}`
  const set = exercised.get(key) ?? new Set<string>()
  set.add(endpoint)
  exercised.set(key, set)
  const counts = fields.get(key) ?? new Map<string, FieldCounts>()
  countFields(await contractModel(), endpoint, raw, counts)
  fields.set(key, counts)
}

/** What a test file exercised so far on a storage. */
export const exercisedBy = (storage: Storage, testPath: string): ReadonlyArray<string> => [
  ...(exercised.get(keyOf(storage, testPath)) ?? []),
]

/** What a test file's answers said about Success fields so far on a storage. */
export const evidenceOf = (storage: Storage, testPath: string): Evidence => Object.fromEntries(fields.get(keyOf(storage, testPath)) ?? [])
