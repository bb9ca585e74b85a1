import { describe, expect, it } from "vitest"
import { changeReport } from "../../../generator/write/report.ts"
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
    endpoint(
      "/moved",
      { Success: "{…}", "Success.role": "string", "Success.name?": "string" },
      { payload: { Payload: "{…}", "Payload.id": "string" } },
    ),
    endpoint("/hidden", { Success: "unknown" }),
    endpoint("/filter", { Success: "unknown" }, { payload: { Payload: "{…}", "Payload.limit?": "number" } }),
  ],
  skipped: [],
  components: { User: { User: "{…}", "User.id": "string" } },
  source: { version: "1.7.6", plugins: ["admin", "siwe"], exporter: "better-auth-effect-codegen@0.1.0" },
  files: { "kept/kept.contract.ts": "a", "kept/kept.handler.ts": "b" },
}
const next: Manifest = {
  generated: [
    endpoint("/kept", { Success: "{…}", "Success.user": "User" }),
    endpoint(
      "/moved",
      { Success: "{…}", "Success.role": '"admin" | "user"', "Success.name": "string | null" },
      { folder: "account/moved", mutatesSession: true },
    ),
    endpoint("/new", { Success: "Status" }),
    endpoint(
      "/filter",
      { Success: "unknown" },
      { payload: { Payload: "{…}", "Payload.limit?": "number | string", "Payload.organizationId": "string" } },
    ),
  ],
  skipped: [{ method: "POST", path: "/hidden", code: "override", reason: "not for clients (overrides/hidden.yaml)" }],
  components: { User: { User: "{…}", "User.id": "string", "User.phoneNumber?": "string | null" } },
  source: { version: "1.7.25", plugins: ["admin", "phone-number"], exporter: "better-auth-effect-codegen@0.1.0" },
  files: { "kept/kept.contract.ts": "a2", "kept/kept.handler.ts": "b" },
}

describe("changeReport", () => {
  it("opens with the versions and the API diff for callers (breaking first), then added, removed, skipped and changed endpoints field by field", () => {
    const report = changeReport({
      specName: "spec.json",
      previous,
      next,
      files: { create: 3, update: 2, delete: 3, unchanged: 10 },
      overrideErrors: ["o.yaml:1:11: endpoint: POST /x is not in the spec (…)"],
      written: { ok: true },
    })
    expect(report).toBe(`# Better Auth SDK changes: better-auth 1.7.6 → 1.7.25

Plugins: +phone-number, -siwe.

Generated from \`spec.json\`: 4 endpoints, 1 skipped.
Compared with the previous \`manifest.json\`.

## Breaking changes (7)

- \`Auth.Account.Moved.Handler\` (\`POST /moved\`): takes no payload any more: \`Handler(payload)\` → \`Handler()\`
- \`Auth.Account.Moved.Success\` (\`POST /moved\`): gained null: \`Success.name\`: string → string | null
- \`Auth.Filter.Handler\` (\`POST /filter\`): payload became required: \`Handler(payload?)\` → \`Handler(payload)\`
- \`Auth.Filter.Payload\` (\`POST /filter\`): new required field \`Payload.organizationId: string\`
- \`Auth.Gone.Handler\` (\`POST /gone\`): removed: the endpoint left the document
- \`Auth.Hidden.Handler\` (\`POST /hidden\`): removed: now skipped (not for clients (overrides/hidden.yaml))
- \`Auth.Moved.Handler\` (\`POST /moved\`): moved to \`Auth.Account.Moved\`

## Additive changes (5)

- \`Auth.Account.Moved.Success\` (\`POST /moved\`): field \`Success.name\` is now always present
- \`Auth.Account.Moved.Success\` (\`POST /moved\`): compatible type change: \`Success.role\`: string → "admin" | "user"
- \`Auth.Common.User\`: new field \`User.phoneNumber?: string | null\`
- \`Auth.Filter.Payload\` (\`POST /filter\`): compatible type change: \`Payload.limit\`: number → number | string
- \`Auth.New.Handler\` (\`POST /new\`): new endpoint (client.new)

## Cosmetic changes (1)

Descriptions or comments only: \`Auth.Kept\`.

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

## Changed endpoints (2)

### \`POST /moved\` (\`account/moved/\`)

\`\`\`diff
~ folder: moved → account/moved
~ mutatesSession: false → true
- Payload: {…}
- Payload.id: string
~ Success.name?: string → Success.name: string | null
~ Success.role: string → "admin" | "user"
\`\`\`

### \`POST /filter\` (\`filter/\`)

\`\`\`diff
~ Payload.limit?: number → number | string
+ Payload.organizationId: string
\`\`\`

## Files

3 created, 2 updated, 3 deleted, 10 unchanged.
`)
  })

  it("says when nothing changed, and when there was no previous manifest", () => {
    expect(
      changeReport({
        specName: "s.json",
        previous: next,
        next,
        files: { create: 0, update: 0, delete: 0, unchanged: 5 },
        overrideErrors: [],
        written: { ok: true },
      }),
    ).toContain("No endpoint changed.")
    const first = changeReport({
      specName: "s.json",
      previous: undefined,
      next,
      files: { create: 9, update: 0, delete: 0, unchanged: 0 },
      overrideErrors: [],
      written: { ok: true },
    })
    expect(first).toContain("There was no previous manifest.json, so every endpoint is new.")
    expect(first).toContain("## Added endpoints (4)")
    expect(first).not.toContain("Changed shared schemas")
  })

  it("says in its first line that a refused run wrote nothing, and lists hand edits --force discarded", () => {
    const refused = changeReport({
      specName: "s.json",
      previous,
      next,
      files: { create: 1, update: 0, delete: 0, unchanged: 0 },
      overrideErrors: [],
      written: { ok: false, reason: "2 error(s) in the spec or the overrides; generated/ is unchanged" },
    })
    expect(refused.split("\n")[0]).toBe(
      "**Nothing was written**: 2 error(s) in the spec or the overrides; generated/ is unchanged. What follows is what the run would have changed.",
    )
    expect(refused).toContain("1 would be created, 0 would be updated, 0 would be deleted, 0 unchanged.")
    const forced = changeReport({
      specName: "s.json",
      previous,
      next,
      files: { create: 0, update: 1, delete: 1, unchanged: 0 },
      overrideErrors: [],
      written: { ok: true },
      forced: [
        { path: "kept/kept.contract.ts", kind: "update" },
        { path: "gone/gone.handler.ts", kind: "delete" },
      ],
    })
    expect(forced).toContain(
      "## Hand edits discarded by --force (2)\n\n- `kept/kept.contract.ts` (overwritten)\n- `gone/gone.handler.ts` (deleted)\n",
    )
  })
})
