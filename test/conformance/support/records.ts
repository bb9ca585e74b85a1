/**
 * The per-file records of what the conformance suite exercised live, under .cache/conformance/ (git
 * ignored): written when each test file ends, cleared when a run starts, merged by coverage.check.ts.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join, relative } from "node:path"

export const ROOT = join(import.meta.dirname, "..", "..", "..")
export const CONFORMANCE_DIR = join(ROOT, "test", "conformance")
export const RECORDS_DIR = join(ROOT, ".cache", "conformance")

/** What one test file exercised ("METHOD /path", sorted), and whether all its tests passed. */
export interface FileRecord {
  readonly file: string
  readonly passed: boolean
  readonly exercised: ReadonlyArray<string>
}

/** The conformance test files, relative to the repository, sorted. */
export const conformanceFiles = (): ReadonlyArray<string> =>
  readdirSync(CONFORMANCE_DIR)
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => relative(ROOT, join(CONFORMANCE_DIR, name)))
    .sort()

export const writeRecord = (testPath: string, passed: boolean, exercised: ReadonlyArray<string>) => {
  const record: FileRecord = { file: relative(ROOT, testPath), passed, exercised: [...exercised].sort() }
  mkdirSync(RECORDS_DIR, { recursive: true })
  writeFileSync(join(RECORDS_DIR, `${basename(testPath)}.json`), `${JSON.stringify(record, null, 2)}\n`)
}

export const readRecords = (): ReadonlyArray<FileRecord> => {
  let names: Array<string>
  try {
    names = readdirSync(RECORDS_DIR)
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(RECORDS_DIR, name), "utf8")) as FileRecord)
}

export const clearRecords = () => rmSync(RECORDS_DIR, { recursive: true, force: true })
