import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { lockFileOf, lockOutput, waitForUnlock } from "../../../generator/write/lock.ts"

const root = mkdtempSync(join(tmpdir(), "lock-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe("the output folder's lock", () => {
  it("is taken, refused to a second taker while held by a live process, and released", async () => {
    const out = join(root, "a", "generated")
    // A live process other than this one holds the lock.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"])
    mkdirSync(join(root, "a"))
    writeFileSync(lockFileOf(out), `${holder.pid}\n`)
    const exit = await Effect.runPromiseExit(lockOutput(out, 300))
    expect(String(exit)).toContain(
      `another generate run (process ${holder.pid}) has held ${lockFileOf(out)} for over 0 s; wait for it to finish, or delete the lock file if that process is not a generate run`,
    )
    expect(Exit.isFailure(await Effect.runPromiseExit(waitForUnlock(out, 300)))).toBe(true)
    holder.kill()
    await new Promise((done) => holder.on("exit", done))
    // Its process is gone: the lock is taken over, and released afterwards.
    const release = await Effect.runPromise(lockOutput(out, 300))
    expect(readFileSync(lockFileOf(out), "utf8")).toBe(`${process.pid}\n`)
    await release()
    expect(existsSync(lockFileOf(out))).toBe(false)
    expect(Exit.isSuccess(await Effect.runPromiseExit(waitForUnlock(out, 300)))).toBe(true)
  })

  it("takes over a lock left by a killed run", async () => {
    const out = join(root, "b", "generated")
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout
    mkdirSync(join(root, "b"))
    writeFileSync(lockFileOf(out), `${dead}\n`)
    const again = await Effect.runPromise(lockOutput(out, 300))
    expect(readFileSync(lockFileOf(out), "utf8")).toBe(`${process.pid}\n`)
    await again()
  })
})
