/**
 * The per-file records of what the conformance suite exercised live, under .cache/conformance/<storage>/
 * (git ignored): written when each test file ends, cleared when its storage's run starts, merged by
 * coverage.check.ts.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join, relative } from "node:path"

export const ROOT = join(import.meta.dirname, "..", "..", "..")
export const CONFORMANCE_DIR = join(ROOT, "test", "conformance")
export const RECORDS_DIR = join(ROOT, ".cache", "conformance")

/** The storages the conformance suite runs on, one vitest project each. */
export const STORAGES = ["memory", "sqlite", "postgres"] as const
export type Storage = (typeof STORAGES)[number]

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
  const dir = join(RECORDS_DIR, record.storage)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, `${basename(record.file)}.json`),
    `${JSON.stringify({ ...record, exercised: [...record.exercised].sort() }, null, 2)}\n`,
  )
}

/** The records of one storage, by file name. */
export const readRecords = (storage: Storage): ReadonlyArray<FileRecord> => {
  const dir = join(RECORDS_DIR, storage)
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

export const clearRecords = (storage: Storage) => rmSync(join(RECORDS_DIR, storage), { recursive: true, force: true })
