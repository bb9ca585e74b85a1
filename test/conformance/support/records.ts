/**
 * The per-file records of what the conformance suite exercised live, under .cache/conformance/<storage>/
 * for the client target and .cache/conformance/server/<storage>/ for the server target (git ignored):
 * written when each test file ends, cleared when its project's run starts, merged by coverage.check.ts
 * and server-coverage.check.ts.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join, relative } from "node:path"

export const ROOT = join(import.meta.dirname, "..", "..", "..")
export const CONFORMANCE_DIR = join(ROOT, "test", "conformance")
export const RECORDS_DIR = join(ROOT, ".cache", "conformance")

/** The storages the conformance suite runs on, one vitest project each. */
export const STORAGES = ["memory", "sqlite", "postgres"] as const
export type Storage = (typeof STORAGES)[number]

/**
 * Which generated output the flows go through: the client target's handlers against Better Auth, or the
 * same flows with every served request going through the server target (test/support/bridge.ts).
 */
export type SuiteTarget = "client" | "server"

const recordsDir = (storage: Storage, target: SuiteTarget) =>
  target === "client" ? join(RECORDS_DIR, storage) : join(RECORDS_DIR, "server", storage)

/** How often a Success field was seen, absent or null (see evidence.ts). */
export interface FieldCounts {
  readonly seen: number
  readonly absent: number
  readonly null: number
}

/**
 * What one test file exercised on one storage ("METHOD /path", sorted), what its answers said about each
 * Success field, and whether all its tests passed.
 */
export interface FileRecord {
  readonly file: string
  readonly storage: Storage
  /** Absent for the client target. */
  readonly target?: "server"
  readonly passed: boolean
  readonly exercised: ReadonlyArray<string>
  readonly fields: Readonly<Record<string, FieldCounts>>
}

/** The conformance test files, relative to the repository, sorted. */
export const conformanceFiles = (): ReadonlyArray<string> =>
  readdirSync(CONFORMANCE_DIR)
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => relative(ROOT, join(CONFORMANCE_DIR, name)))
    .sort()

export const writeRecord = (record: FileRecord) => {
  const dir = recordsDir(record.storage, record.target ?? "client")
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, `${basename(record.file)}.json`),
    `${JSON.stringify({ ...record, exercised: [...record.exercised].sort() }, null, 2)}\n`,
  )
}

/** The records of one storage, by file name. */
export const readRecords = (storage: Storage, target: SuiteTarget = "client"): ReadonlyArray<FileRecord> => {
  const dir = recordsDir(storage, target)
  let names: Array<string>
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as FileRecord)
}

export const clearRecords = (storage: Storage, target: SuiteTarget) => rmSync(recordsDir(storage, target), { recursive: true, force: true })

/** What one target's records say, merged over storages: for the coverage checks. */
export interface RecordedRun {
  readonly records: ReadonlyArray<FileRecord>
  /** "METHOD /path" exercised on each storage, and on any. */
  readonly exercisedOn: Readonly<Record<Storage, ReadonlySet<string>>>
  readonly exercised: ReadonlySet<string>
  /** Only a complete run can say what is covered: every conformance file wrote its record on every storage, and all passed. */
  readonly complete: boolean
  /** Endpoints exercised on some storage but not all, each with the storages it is missing on. */
  readonly partial: ReadonlyArray<string>
}

export const recordedRun = (target: SuiteTarget): RecordedRun => {
  const records = STORAGES.flatMap((storage) => readRecords(storage, target))
  const on = (storage: Storage) => new Set(records.filter((r) => r.storage === storage).flatMap((r) => r.exercised))
  const exercisedOn = { memory: on("memory"), sqlite: on("sqlite"), postgres: on("postgres") }
  const exercised = new Set(records.flatMap((record) => record.exercised))
  const ran = new Set(records.map((record) => `${record.storage} ${record.file}`))
  const missing = (key: string) => STORAGES.filter((storage) => !exercisedOn[storage].has(key))
  return {
    records,
    exercisedOn,
    exercised,
    complete:
      STORAGES.every((storage) => conformanceFiles().every((file) => ran.has(`${storage} ${file}`))) && records.every((r) => r.passed),
    partial: [...exercised].filter((key) => missing(key).length > 0).map((key) => `${key}: ${missing(key).join(", ")} missing`),
  }
}
