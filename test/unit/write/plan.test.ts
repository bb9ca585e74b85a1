import { describe, expect, it } from "vitest"
import { hashOf } from "../../../generator/write/hash.ts"
import type { Manifest } from "../../../generator/write/manifest.ts"
import { planWrite } from "../../../generator/write/plan.ts"

const manifest = (files: Record<string, string>): Manifest => ({
  generated: [],
  skipped: [],
  files: Object.fromEntries(Object.entries(files).map(([path, content]) => [path, hashOf(content)])),
})

/** [name, { new files, disk, previous run's files (what it wrote), want: path → kind (+ "!" when edited) }] */
const cases: ReadonlyArray<
  readonly [
    string,
    { files: Record<string, string>; disk: Record<string, string>; previous?: Record<string, string>; want: Record<string, string> },
  ]
> = [
  [
    "a new output folder: everything is created",
    { files: { "a.ts": "a", "b/c.ts": "c" }, disk: {}, want: { "a.ts": "create", "b/c.ts": "create" } },
  ],
  ["nothing changed", { files: { "a.ts": "a" }, disk: { "a.ts": "a" }, previous: { "a.ts": "a" }, want: { "a.ts": "unchanged" } }],
  [
    "the generator now writes other bytes",
    { files: { "a.ts": "a2" }, disk: { "a.ts": "a" }, previous: { "a.ts": "a" }, want: { "a.ts": "update" } },
  ],
  [
    "an endpoint left the spec: its file is deleted",
    {
      files: { "a.ts": "a" },
      disk: { "a.ts": "a", "gone.ts": "g" },
      previous: { "a.ts": "a", "gone.ts": "g" },
      want: { "a.ts": "unchanged", "gone.ts": "delete" },
    },
  ],
  [
    "a file edited by hand is flagged",
    { files: { "a.ts": "a" }, disk: { "a.ts": "a + my fix" }, previous: { "a.ts": "a" }, want: { "a.ts": "update!" } },
  ],
  [
    "an edited file of a removed endpoint is flagged too",
    { files: {}, disk: { "gone.ts": "g + my fix" }, previous: { "gone.ts": "g" }, want: { "gone.ts": "delete!" } },
  ],
  [
    "a file deleted by hand is created again, and is not a conflict",
    { files: { "a.ts": "a" }, disk: {}, previous: { "a.ts": "a" }, want: { "a.ts": "create" } },
  ],
  [
    "without a previous manifest a file that differs is not overwritten",
    { files: { "a.ts": "a2", "b.ts": "b" }, disk: { "a.ts": "a", "b.ts": "b" }, want: { "a.ts": "update!", "b.ts": "unchanged" } },
  ],
  [
    "a user's own file at a path the generator needs is not overwritten",
    {
      files: { "a.ts": "a", "mine.ts": "generated" },
      disk: { "a.ts": "a", "mine.ts": "my code" },
      previous: { "a.ts": "a" },
      want: { "a.ts": "unchanged", "mine.ts": "update!" },
    },
  ],
  [
    "a manifest.json on disk is always the generator's",
    { files: { "manifest.json": "{}" }, disk: { "manifest.json": "corrupt" }, want: { "manifest.json": "update" } },
  ],
  [
    "files the generator does not own are left out of the plan",
    { files: { "a.ts": "a" }, disk: { "a.ts": "a", "COVERAGE.md": "x" }, previous: { "a.ts": "a" }, want: { "a.ts": "unchanged" } },
  ],
]

describe("planWrite", () => {
  it.each(cases)("%s", (_, { files, disk, previous, want }) => {
    const plan = planWrite({
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
      disk: new Map(Object.entries(disk)),
      previous: previous === undefined ? undefined : manifest(previous),
    })
    expect(Object.fromEntries(plan.actions.map((a) => [a.path, `${a.kind}${a.edited ? "!" : ""}`]))).toEqual(want)
    expect(plan.conflicts.map((a) => a.path)).toEqual(Object.keys(want).filter((path) => want[path]!.endsWith("!")))
    expect(plan.changes.every((a) => a.kind !== "unchanged")).toBe(true)
  })
})
