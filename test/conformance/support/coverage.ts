/**
 * Which endpoints the generated handlers exercised live, per test file: the harness notes every endpoint
 * whose handler call succeeded and decoded; the setup file (record.ts) writes the file's record.
 */
import { expect } from "vitest"

// Keyed by test file: with `isolate: false` one module instance serves every file of a worker.
const exercised = new Map<string, Set<string>>()

/** Notes that a handler call to `METHOD /path` (below /api/auth) succeeded and decoded. */
export const recordExercised = (method: string, path: string) => {
  const file = expect.getState().testPath
  if (file === undefined) throw new Error("recordExercised called outside a test")
  const set = exercised.get(file) ?? new Set<string>()
  set.add(`${method} ${path}`)
  exercised.set(file, set)
}

/** What a test file exercised so far. */
export const exercisedBy = (testPath: string): ReadonlyArray<string> => [...(exercised.get(testPath) ?? [])]
