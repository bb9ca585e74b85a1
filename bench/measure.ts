/**
 * Runs one command as a whole process and reports its wall time, CPU time and peak memory (max RSS).
 * CPU time and peak memory come from GNU time (`/usr/bin/time -f "%M %U %S"`) when present; without it,
 * peak memory comes from polling /proc/<pid>/status VmHWM and CPU time is not measured. CPU time (user +
 * system, every thread) moves less with the machine's load than wall time does.
 */
import { spawn, spawnSync } from "node:child_process"
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface Command {
  readonly cmd: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  /** Send stdout to this file (for generators that print their output). */
  readonly stdoutFile?: string
}

export interface Sample {
  readonly ms: number
  /** User + system CPU time of the process and its children; NaN when it cannot be measured here. */
  readonly cpuMs: number
  /** Peak resident memory in MiB; NaN when it cannot be measured on this machine. */
  readonly rssMiB: number
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const GNU_TIME = "/usr/bin/time"
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "-o", "/dev/null", "true"]).status === 0

/** How peak memory is measured here, for the report. */
export const rssMethod = hasGnuTime ? "GNU time %M" : existsSync("/proc/self/status") ? "/proc VmHWM polling" : "unavailable"

const vmHwmMiB = (pid: number): number => {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
    return kib === undefined ? Number.NaN : Number(kib) / 1024
  } catch {
    return Number.NaN
  }
}

let counter = 0

/** Runs `command` to completion; never rejects on a non-zero exit (the caller checks `code`). */
export const measure = (command: Command): Promise<Sample> =>
  new Promise((resolvePromise, reject) => {
    const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${counter++}`)
    const [cmd, args] = hasGnuTime
      ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, command.cmd, ...command.args]]
      : [command.cmd, [...command.args]]
    const stdoutFd = command.stdoutFile === undefined ? undefined : openSync(command.stdoutFile, "w")
    const started = performance.now()
    const child = spawn(cmd, args, { cwd: command.cwd, stdio: ["ignore", stdoutFd ?? "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    let polled = Number.NaN
    const poll = hasGnuTime
      ? undefined
      : setInterval(() => {
          const now = vmHwmMiB(child.pid ?? 0)
          if (!Number.isNaN(now)) polled = Number.isNaN(polled) ? now : Math.max(polled, now)
        }, 20)
    child.on("error", reject)
    child.on("close", (code) => {
      const ms = performance.now() - started
      if (poll !== undefined) clearInterval(poll)
      if (stdoutFd !== undefined) closeSync(stdoutFd)
      let rssMiB = polled
      let cpuMs = Number.NaN
      if (hasGnuTime) {
        // GNU time writes "Command exited with non-zero status N" before the figures: take the last line.
        const text = existsSync(rssFile) ? readFileSync(rssFile, "utf8").trim().split("\n").at(-1) : undefined
        const [kib = Number.NaN, user = Number.NaN, system = Number.NaN] = text === undefined ? [] : text.split(" ").map(Number)
        rssMiB = kib / 1024
        cpuMs = (user + system) * 1000
        rmSync(rssFile, { force: true })
      }
      resolvePromise({ ms, cpuMs, rssMiB, code: code ?? -1, stdout, stderr })
    })
  })

/** The median of a non-empty list (mean of the middle two for even lengths). */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
