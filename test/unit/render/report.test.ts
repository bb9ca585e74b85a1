import { describe, expect, it } from "vitest"
import { changeReport } from "../../../generator/render/report.ts"
import type { Manifest, ManifestEndpoint } from "../../../generator/write/manifest.ts"

const endpoint = (path: string, success: Record<string, string>, extra: Partial<ManifestEndpoint> = {}): ManifestEndpoint => ({
  method: "POST",
  path,
  folder: path.slice(1),
  clientCall: path.slice(1).replace(/\//g, "."),
  mutatesSession: false,
  success,
  ...extra,
})

const previous: Manifest = {
  generated: [
    endpoint("/kept", { Success: "{…}", "Success.user": "User" }),
    endpoint("/gone", { Success: "unknown" }),
    endpoint("/moved", { Success: "{…}", "Success.role": "string", "Success.name?": "string" }, { payload: { Payload: "{…}", "Payload.id": "string" } }),
    endpoint("/hidden", { Success: "unknown" }),
  ],
  skipped: [],
  components: { User: { User: "{…}", "User.id": "string" } },
}
const next: Manifest = {
  generated: [
    endpoint("/kept", { Success: "{…}", "Success.user": "User" }),
    endpoint("/moved", { Success: "{…}", "Success.role": '"admin" | "user"', "Success.name": "string | null" }, { folder: "account/moved", mutatesSession: true }),
    endpoint("/new", { Success: "Status" }),
  ],
  skipped: [{ method: "POST", path: "/hidden", code: "override", reason: "not for clients (overrides/hidden.yaml)" }],
  components: { User: { User: "{…}", "User.id": "string", "User.phoneNumber?": "string | null" } },
}

describe("changeReport", () => {
  it("reports added, removed, newly skipped and changed endpoints, field by field, and changed shared schemas once", () => {
    const report = changeReport({ specName: "spec.json", previous, next, files: { create: 3, update: 2, delete: 3, unchanged: 10 }, overrideErrors: ["o.yaml:1:11: endpoint: POST /x is not in the spec (…)"] })
    expect(report).toBe(`# Better Auth SDK changes

Generated from \`spec.json\`: 3 endpoints, 1 skipped.
Compared with the previous \`manifest.json\`.

## Overrides that no longer match (1)

- o.yaml:1:11: endpoint: POST /x is not in the spec (…)

## Added endpoints (1)

- \`POST /new\` → \`new/\` (client.new)

## Removed endpoints (1)

- \`POST /gone\` (was \`gone/\`; its files are deleted)

## Newly skipped (1)

- \`POST /hidden\`: not for clients (overrides/hidden.yaml) (its files are deleted)

## Changed shared schemas (1)

### \`User\`

Used by 1 endpoint(s): \`POST /kept\`.

\`\`\`diff
+ User.phoneNumber?: string | null
\`\`\`

## Changed endpoints (1)

### \`POST /moved\` (\`account/moved/\`)

\`\`\`diff
~ folder: moved → account/moved
~ mutatesSession: false → true
- Payload: {…}
- Payload.id: string
~ Success.name?: string → Success.name: string | null
~ Success.role: string → "admin" | "user"
\`\`\`

## Files

3 created, 2 updated, 3 deleted, 10 unchanged.
`)
  })

  it("says when nothing changed, and when there was no previous manifest", () => {
    expect(changeReport({ specName: "s.json", previous: next, next, files: { create: 0, update: 0, delete: 0, unchanged: 5 }, overrideErrors: [] })).toContain("No endpoint changed.")
    const first = changeReport({ specName: "s.json", previous: undefined, next, files: { create: 9, update: 0, delete: 0, unchanged: 0 }, overrideErrors: [] })
    expect(first).toContain("There was no previous manifest.json, so every endpoint is new.")
    expect(first).toContain("## Added endpoints (3)")
    expect(first).not.toContain("Changed shared schemas")
  })
})
