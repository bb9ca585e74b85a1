/**
 * Stage 4 (lock): one writing run per output folder at a time. A run that writes takes `<out>.lock`
 * (created with its process id in one atomic link, so no other run can see it half-written); a second
 * run waits for it, then goes on, so concurrent runs are serialised. A lock whose process is gone (a run
 * killed with SIGKILL) is taken over. Runs that only read (`--check`, `--dry-run`) wait too, so they never
 * see a folder in the middle of its swap, but take no lock: they write nothing, not even a lock file.
 */
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import * as Effect from "effect/Effect"
import { WriteError } from "../errors.ts"

/** How long a run waits for another run's lock before it gives up. */
export const LOCK_WAIT_MS = 120_000
const POLL_MS = 100

export const lockFileOf = (out: string): string => `${resolve(out)}.lock`

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** The process holding the lock, or undefined when there is no lock or its process is gone. */
const holder = async (file: string): Promise<number | undefined> => {
  const text = await readFile(file, "utf8").catch(() => undefined)
  if (text === undefined) return undefined
  const pid = Number(text.trim())
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

const timedOut = (out: string, pid: number, waitMs: number) =>
  new WriteError({
    path: out,
    message: `another generate run (process ${pid}) has held ${lockFileOf(out)} for over ${Math.round(waitMs / 1000)} s; wait for it to finish, or delete the lock file if that process is not a generate run`,
  })

/** Waits until no live run holds the output folder's lock (for runs that only read). */
export const waitForUnlock = (out: string, waitMs = LOCK_WAIT_MS): Effect.Effect<void, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const deadline = Date.now() + waitMs
      for (;;) {
        const pid = await holder(lockFileOf(out))
        if (pid === undefined) return
        if (Date.now() > deadline) throw timedOut(out, pid, waitMs)
        await sleep(POLL_MS)
      }
    },
    catch: (error) =>
      error instanceof WriteError ? error : new WriteError({ path: out, message: `cannot check the lock (${String(error)})` }),
  })

/** Takes the output folder's lock, waiting for another run to release it; resolves to the release. */
export const lockOutput = (out: string, waitMs = LOCK_WAIT_MS): Effect.Effect<() => Promise<void>, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const file = lockFileOf(out)
      await mkdir(dirname(file), { recursive: true })
      const temp = `${file}.${process.pid}`
      await writeFile(temp, `${process.pid}\n`)
      const deadline = Date.now() + waitMs
      try {
        for (;;) {
          const taken = await link(temp, file).then(
            () => true,
            (error: NodeJS.ErrnoException) => {
              if (error.code !== "EEXIST") throw error
              return false
            },
          )
          if (taken) return () => rm(file, { force: true })
          const pid = await holder(file)
          // No live holder: a lock left by a killed run (or one released just now). Remove it and retry.
          // (Two runs starting in the same instant over a dead run's lock could both take it; that needs a
          // SIGKILLed run and two new ones within one poll, and is accepted.)
          if (pid === undefined) await rm(file, { force: true })
          else if (Date.now() > deadline) throw timedOut(out, pid, waitMs)
          else await sleep(POLL_MS)
        }
      } finally {
        await rm(temp, { force: true })
      }
    },
    catch: (error) =>
      error instanceof WriteError
        ? error
        : new WriteError({
            path: lockFileOf(out),
            message: `cannot take the lock (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
          }),
  })
