/**
 * Setup file of the conformance projects: when a test file ends, write what it exercised, what the
 * answers said about Success fields, and whether all of its tests passed (coverage.check.ts only trusts complete, passing runs).
 */
import { afterAll } from "vitest"
import { relative } from "node:path"
import { evidenceOf, exercisedBy } from "./coverage.ts"
import { ROOT, writeRecord } from "./records.ts"
import { currentStorage, currentTarget } from "./storage.ts"

interface TaskLike {
  readonly result?: { readonly state?: string } | undefined
  readonly tasks?: ReadonlyArray<TaskLike>
}

const failed = (task: TaskLike): boolean => task.result?.state === "fail" || (task.tasks ?? []).some(failed)

// Vitest passes the hook's context first and requires it destructured; only the suite is needed.
// oxlint-disable-next-line no-empty-pattern
afterAll(({}, suite) => {
  const storage = currentStorage()
  const file = suite.file.filepath
  writeRecord({
    file: relative(ROOT, file),
    storage,
    ...(currentTarget() === "server" ? { target: "server" as const } : {}),
    passed: !suite.tasks.some(failed),
    exercised: exercisedBy(storage, file),
    fields: evidenceOf(storage, file),
  })
})
