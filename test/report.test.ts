/**
 * `--report` on an upgrade: the SDK generated from another Better Auth setup (test/fixtures/
 * spec-previous.json: no phone-number or siwe plugin, a `locale` user field) is upgraded to the
 * committed spec; the markdown names what a reviewer must see.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { runGenerate } from "../generator/cli/run.ts"
import { ROOT } from "./support/generate.ts"

const dir = mkdtempSync(join(tmpdir(), "report-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = (spec: string, mode: "write" | "dry-run", report?: string) =>
  Effect.runPromise(
    runGenerate({
      spec,
      out: join(dir, "generated"),
      templates: undefined,
      overrides: join(ROOT, "overrides"),
      config: join(ROOT, "better-auth.config.ts"),
      mode,
      strict: false,
      force: false,
      report,
      cacheDir: undefined,
      log: () => {},
    }),
  )

describe("the change report of an upgrade", () => {
  it("lists added endpoints, field changes of shared schemas and payloads, and the file counts", async () => {
    await run(join(ROOT, "test", "fixtures", "spec-previous.json"), "write")
    const outcome = await run(join(ROOT, "better-auth-api-spec.json"), "dry-run", join(dir, "report.md"))
    const report = readFileSync(join(dir, "report.md"), "utf8")
    expect(report).toContain("## Added endpoints (8)")
    expect(report).toContain("- `POST /sign-in/phone-number` → `sign-in/phone-number/` (client.signIn.phoneNumber)")
    expect(report).toContain("- `POST /siwe/verify` → `siwe/verify/` (client.siwe.verify)")
    expect(report).toMatch(/### `User`\n\nUsed by \d+ endpoint\(s\): [^\n]*`GET \/get-session`/)
    expect(report).toContain("- User.locale?: string | null\n+ User.phoneNumber?: string | null\n+ User.phoneNumberVerified?: boolean | null")
    expect(report).toContain("### `POST /update-user` (`core/update-user/`)\n\n```diff\n- Payload.locale?: string\n+ Payload.phoneNumber?: string\n```")
    expect(report).not.toContain("## Removed endpoints")
    const created = outcome.plan.changes.filter((a) => a.kind === "create").length
    expect(report).toContain(`## Files\n\n${created} created,`)
    expect(created).toBeGreaterThanOrEqual(8 * 3)
  })
})
