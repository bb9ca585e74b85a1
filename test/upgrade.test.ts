/**
 * A real upgrade replayed: the SDK generated from better-auth 1.7.6 is regenerated from better-auth
 * 1.7.25 (test/fixtures/upgrade/: the same plugin list exported from both versions; see its README.md),
 * with the shipped overrides. UPGRADE.md must say what breaks callers, which overrides drifted, and
 * what the document holds that the SDK cannot send.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Outcome, runGenerate } from "../generator/cli/run.ts"
import { installedPackage } from "../generator/spec/installed.ts"
import { ROOT } from "./support/generate.ts"

const dir = mkdtempSync(join(tmpdir(), "upgrade-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const FIXTURES = join(ROOT, "test", "fixtures", "upgrade")
const FROM = join(FIXTURES, "better-auth-1.7.6.json")
const TO = join(FIXTURES, "better-auth-1.7.25.json")
const OLDER = join(FIXTURES, "better-auth-1.6.34.json")
const INSTALLED = installedPackage("better-auth", ROOT)?.version
/** The user's overrides folder as messages name it (relative to the working directory). */
const USER_OVERRIDES = relative(process.cwd(), join(dir, "overrides"))

/** A user's overrides folder holding `extra` files; the shipped overrides apply to whichever endpoints each spec has. */
const overridesWith = (extra: Readonly<Record<string, string>>): string => {
  const target = join(dir, "overrides")
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(target, file), text)
  return target
}

/** Generates from a fixture copied to the usual spec name (the name is in every file's banner); resolves to the outcome or the error's text. */
const run = (input: {
  readonly fixture: string
  readonly out: string
  readonly report?: string
  readonly mode?: "write" | "dry-run"
  readonly extra?: Readonly<Record<string, string>>
}): Promise<Outcome | string> => {
  const spec = join(dir, "better-auth-api-spec.json")
  cpSync(input.fixture, spec)
  return Effect.runPromise(
    runGenerate({
      spec,
      out: join(dir, input.out),
      templates: undefined,
      overrides: overridesWith(input.extra ?? {}),
      overridesExplicit: false,
      builtinOverrides: true,
      clientModule: join(ROOT, "better-auth.client.ts"),
      importExtension: ".js",
      mode: input.mode ?? "write",
      strict: false,
      force: false,
      report: input.report === undefined ? undefined : join(dir, input.report),
      cacheDir: undefined,
      log: () => {},
    }),
  ).catch((error: unknown) => String(error))
}
const read = (file: string) => readFileSync(join(dir, file), "utf8")
const section = (report: string, title: string) => new RegExp(`^## ${title} \\(\\d+\\)\n\n((?:.+\n)+)`, "m").exec(report)?.[1] ?? ""

/** A user's override of list-user-invitations saying what 1.7.25's document says itself: `email` is optional. */
const REDUNDANT = 'endpoint: "GET /organization/list-user-invitations"\npayload:\n  fields:\n    email: { optional: true }\n'
/**
 * Written against 1.7.25, patching what 1.7.6 does not document. The shipped get-session override declares
 * the field in both versions (the server takes it), so after a downgrade only that replacement is reported.
 */
const GONE =
  'endpoint: "GET /get-session"\npayload:\n  fields:\n    disableRefresh: { type: boolean, optional: true, description: "Do not refresh the session." }\n'

describe("upgrading better-auth 1.7.6 → 1.7.25", () => {
  let report = ""
  let outcome: Outcome | string = ""
  beforeAll(async () => {
    await run({ fixture: FROM, out: "up" })
    outcome = await run({
      fixture: TO,
      out: "up",
      report: "UPGRADE.md",
      mode: "dry-run",
      extra: { "list-user-invitations.yaml": REDUNDANT },
    })
    report = read("UPGRADE.md")
  })

  it("names the versions, and says a dry run wrote nothing", () => {
    const [first, , heading] = report.split("\n")
    expect(first).toBe("**Nothing was written**: --dry-run only plans. What follows is what the run would have changed.")
    expect(heading).toBe("# Better Auth SDK changes: better-auth 1.7.6 → 1.7.25")
  })

  it("classifies the API changes for callers, by the namespace they import", () => {
    expect(report).not.toContain("## Breaking changes")
    // get-session's parameters, documented from 1.7.25 on, come from the shipped override in 1.7.6 already.
    expect(section(report, "Additive changes")).toBe(
      [
        "- `Auth.Organization.ListUserInvitations.Handler` (`GET /organization/list-user-invitations`): now takes a payload whose fields are all optional",
        "- `Auth.Organization.ListUserInvitations.Payload` (`GET /organization/list-user-invitations`): new field `Payload.email?: string`",
        "",
      ].join("\n"),
    )
  })

  it("reports overrides whose replacement hides what the document now provides, and redundant ones", () => {
    const drift = section(report, "Override drift")
    expect(drift).toContain(
      "builtin-overrides/organization/list-members.yaml#/payload/replace: GET /organization/list-members: payload.replace hides what the document now provides: limit?: string | number (the replacement says limit?: number); offset?: string | number (the replacement says offset?: number); filterValue?: string | number | boolean | string[] | number[] (the replacement says filterValue?: string | number | boolean)",
    )
    expect(drift).toContain(
      "builtin-overrides/organization/get-full-organization.yaml#/payload/replace: GET /organization/get-full-organization: payload.replace hides what the document now provides: membersLimit?: number | string",
    )
    expect(drift).toContain(
      `${USER_OVERRIDES}/list-user-invitations.yaml#/payload/fields/email: GET /organization/list-user-invitations: the document now says this about "email" itself; delete payload.fields.email`,
    )
    expect(drift.trim().split("\n")).toHaveLength(3)
    const codes = typeof outcome === "string" ? [] : outcome.warnings.map((w) => w.code)
    expect(codes.filter((c) => c.startsWith("override-")).sort()).toEqual([
      "override-hides-document",
      "override-hides-document",
      "override-redundant",
    ])
  })

  it("names what the document holds that the SDK does not send, and the version mismatch", () => {
    const warnings = section(report, "Document warnings")
    expect(warnings).toContain("warning[parameter-skipped] POST /reset-password")
    expect(warnings).toContain('query parameter(s) "token" left out of the payload: the body has a field of the same name')
    expect(warnings).toContain("warning[spec-version-mismatch] ")
    expect(warnings).toContain(`exported from better-auth 1.7.25, but better-auth ${INSTALLED} is installed`)
  })
})

describe("downgrading better-auth 1.7.25 → 1.7.6", () => {
  let report = ""
  beforeAll(async () => {
    await run({ fixture: TO, out: "down", extra: { "get-session.yaml": GONE } })
    await run({ fixture: FROM, out: "down", report: "DOWNGRADE.md", extra: { "get-session.yaml": GONE } })
    report = read("DOWNGRADE.md")
  })

  it("lists the breaking changes first, each with what a caller imports", () => {
    expect(report.split("\n")[0]).toBe("# Better Auth SDK changes: better-auth 1.7.25 → 1.7.6")
    expect(report.indexOf("## Breaking changes")).toBeLessThan(report.indexOf("## Changed endpoints"))
    expect(section(report, "Breaking changes")).toBe(
      [
        "- `Auth.Organization.ListUserInvitations.Handler` (`GET /organization/list-user-invitations`): takes no payload any more: `Handler(payload)` → `Handler()`",
        "",
      ].join("\n"),
    )
  })

  it("reports overrides that patch or declare fields the document no longer has", () => {
    const drift = section(report, "Override drift")
    expect(drift).not.toContain(`${USER_OVERRIDES}/get-session.yaml`)
    // 1.7.6 lists no query parameters for these: the shipped replacements declare what 1.7.25 documents.
    expect(drift).toContain(
      '- warning[override-field-gone] builtin-overrides/organization/list-teams.yaml#/payload/replace: GET /organization/list-teams: payload.replace declares "organizationId", which the document no longer has: check that the server still takes it\n',
    )
    expect(
      drift
        .trim()
        .split("\n")
        .map((line) => /^- warning\[([\w-]+)\] (\S+?)#/.exec(line)?.slice(1).join(" ")),
    ).toEqual([
      "override-field-gone builtin-overrides/get-session.yaml",
      ...[
        "get-active-member-role",
        "get-full-organization",
        "get-organization",
        "list-invitations",
        "list-members",
        "list-team-members",
        "list-teams",
        "list-user-teams",
      ].map((f) => `override-field-gone builtin-overrides/organization/${f}.yaml`),
    ])
  })
})

describe("downgrading better-auth 1.7.6 → 1.6.34", () => {
  let report = ""
  beforeAll(async () => {
    await run({ fixture: FROM, out: "older" })
    await run({ fixture: OLDER, out: "older", report: "OLDER.md", mode: "dry-run" })
    report = read("OLDER.md")
  })

  it("names what breaks callers: removed fields and endpoints, newly required fields, payloads taken away", () => {
    const breaking = section(report, "Breaking changes")
    for (const line of [
      "- `Auth.TwoFactor.Enable.Payload` (`POST /two-factor/enable`): field `Payload.method?` removed (callers that pass it no longer compile)",
      "- `Auth.Siwe.Verify.Payload` (`POST /siwe/verify`): new required field `Payload.walletAddress: string`",
      "- `Auth.Organization.GetOrganization.Handler` (`GET /organization/get-organization`): removed: the endpoint left the document",
      "- `Auth.Core.SignOut.Handler` (`POST /sign-out`): takes no payload any more: `Handler(payload)` → `Handler()`",
      "- `Auth.AccountInfo.Success` (`GET /account-info`): field `Success.account` removed from the answer",
      "- `Auth.Common.Team`: field `Team.memberCount?` removed from the answer",
    ])
      expect(breaking).toContain(`${line}\n`)
    expect(breaking).not.toContain("Success.account.id")
    expect(section(report, "Additive changes")).toContain(
      '- `Auth.SignIn.Social.Payload` (`POST /sign-in/social`): compatible type change: `Payload.provider`: -"cloudflare"\n',
    )
  })

  it("names the shipped override whose replacement still describes 1.7 behaviour", () => {
    expect(section(report, "Override drift")).toBe(
      [
        // 1.6.34 documents no client_id nor scope in the device lookup's answer.
        '- warning[override-field-gone] builtin-overrides/device.yaml#/success/fields/client_id: GET /device: the document no longer has success field "client_id"; this override now adds it: delete success.fields.client_id unless the server still takes it',
        '- warning[override-field-gone] builtin-overrides/device.yaml#/success/fields/scope: GET /device: the document no longer has success field "scope"; this override now adds it: delete success.fields.scope unless the server still takes it',
        '- warning[override-field-gone] builtin-overrides/two-factor/enable.yaml#/success/replace: POST /two-factor/enable: success.replace declares "method", which the document no longer has: check that the server still answers it',
        "",
      ].join("\n"),
    )
  })
})
