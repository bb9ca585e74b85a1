/**
 * Setup file of the conformance project: when a test file ends, write what it exercised and whether
 * all of its tests passed (coverage.check.ts only trusts complete, passing runs).
 */
import { afterAll } from "vitest"
import { exercisedBy } from "./coverage.ts"
import { writeRecord } from "./records.ts"

interface TaskLike {
  readonly result?: { readonly state?: string } | undefined
  readonly tasks?: ReadonlyArray<TaskLike>
}

const failed = (task: TaskLike): boolean => task.result?.state === "fail" || (task.tasks ?? []).some(failed)

afterAll(({}, suite) => {
  writeRecord(suite.file.filepath, !suite.tasks.some(failed), exercisedBy(suite.file.filepath))
})
