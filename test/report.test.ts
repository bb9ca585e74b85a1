/**
 * `--report` on an upgrade: the SDK generated from another Better Auth setup (test/fixtures/
 * spec-previous.json: no phone-number or siwe plugin, a `locale` user field) is upgraded to the
 * committed spec; the markdown names what a reviewer must see.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { runGenerate } from "../generator/cli/run.ts"
import { ROOT } from "./support/generate.ts"

const dir = mkdtempSync(join(tmpdir(), "report-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PREVIOUS = join(ROOT, "test", "fixtures", "spec-previous.json")

/** A user's overrides folder (empty: the shipped overrides apply to whichever endpoints each spec has). */
const previousOverrides = (): string => {
  const target = join(dir, "previous-overrides")
  mkdirSync(target, { recursive: true })
  return target
}

const run = (spec: string, mode: "write" | "dry-run", report?: string, overrides = join(ROOT, "overrides")) =>
  Effect.runPromise(
    runGenerate({
      spec,
      out: join(dir, "generated"),
      templates: undefined,
      overrides,
      overridesExplicit: false,
      builtinOverrides: true,
      clientModule: join(ROOT, "better-auth.client.ts"),
      importExtension: ".js",
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
    await run(PREVIOUS, "write", undefined, previousOverrides())
    const outcome = await run(join(ROOT, "better-auth-api-spec.json"), "dry-run", join(dir, "report.md"))
    const report = readFileSync(join(dir, "report.md"), "utf8")
    expect(report).toContain("## Added endpoints (8)")
    expect(report).toContain("- `POST /sign-in/phone-number` → `sign-in/phone-number/` (client.signIn.phoneNumber)")
    expect(report).toContain("- `POST /siwe/verify` → `siwe/verify/` (client.siwe.verify)")
    expect(report).toMatch(/### `User`\n\nUsed by \d+ endpoint\(s\): [^\n]*`GET \/get-session`/)
    expect(report).toContain("- User.locale?: string | null\n+ User.phoneNumber: string | null\n+ User.phoneNumberVerified: boolean | null")
    expect(report).toContain(
      "### `POST /update-user` (`core/update-user/`)\n\n```diff\n- Payload.locale?: string\n+ Payload.phoneNumber?: string\n```",
    )
    expect(report).not.toContain("## Removed endpoints")
    const created = outcome.plan.changes.filter((a) => a.kind === "create").length
    expect(report).toContain(`## Files\n\n${created} would be created,`)
    expect(created).toBeGreaterThanOrEqual(8 * 3)
  })

  it("lists the overrides that no longer match, and the run fails", async () => {
    const overrides = previousOverrides()
    writeFileSync(join(overrides, "siwe-verify.yaml"), 'endpoint: "POST /siwe/verify"\nmutatesSession: true\n')
    const failed = await run(PREVIOUS, "dry-run", join(dir, "stale.md"), overrides).then(
      () => "succeeded",
      (error: unknown) => String(error),
    )
    expect(failed).toContain("OverrideErrors")
    const report = readFileSync(join(dir, "stale.md"), "utf8")
    expect(report.split("\n")[0]).toBe(
      "**Nothing was written**: 1 error(s) in the spec or the overrides; " +
        join(dir, "generated") +
        "/ is unchanged. What follows is what the run would have changed.",
    )
    expect(report).toContain(
      `## Overrides that no longer match (1)\n\n- ${relative(process.cwd(), join(overrides, "siwe-verify.yaml"))}:1:11: endpoint: POST /siwe/verify is not in the spec (the endpoint was renamed or removed upstream: update or delete this override)`,
    )
  })
})
