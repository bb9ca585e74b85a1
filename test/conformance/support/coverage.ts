/**
 * Which endpoints the generated handlers exercised live, per test file: the harness notes every endpoint
 * whose handler call succeeded and decoded; the setup file (record.ts) writes the file's record.
 */
import { expect } from "vitest"
import { currentStorage, type Storage } from "./storage.ts"

// Keyed by storage and test file: with `isolate: false` one module instance serves every file of a worker.
const exercised = new Map<string, Set<string>>()
const keyOf = (storage: Storage, file: string) => `${storage} ${file}`

/** Notes that a handler call to `METHOD /path` (below /api/auth) succeeded and decoded. */
export const recordExercised = (method: string, path: string) => {
  const file = expect.getState().testPath
  if (file === undefined) throw new Error("recordExercised called outside a test")
  const key = keyOf(currentStorage(), file)
  const set = exercised.get(key) ?? new Set<string>()
  set.add(`${method} ${path}`)
  exercised.set(key, set)
}

/** What a test file exercised so far on a storage. */
export const exercisedBy = (storage: Storage, testPath: string): ReadonlyArray<string> => [...(exercised.get(keyOf(storage, testPath)) ?? [])]
