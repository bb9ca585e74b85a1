/**
 * The shipped overrides reproduce the hand-written feature layout teams use:
 * every row of its table, checked against a fresh generation of the committed spec.
 */
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { generateInMemory, type InMemoryRun, ROOT } from "./support/generate.ts"

/** [endpoint, folder, client call, mutates session] */
const TABLE: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ["GET /get-session", "core/get-session", "getSession", false],
  ["POST /sign-out", "core/sign-out", "signOut", true],
  ["GET /list-sessions", "core/list-sessions", "listSessions", false],
  ["POST /revoke-session", "core/revoke-session", "revokeSession", true],
  ["POST /revoke-sessions", "core/revoke-sessions", "revokeSessions", true],
  ["POST /revoke-other-sessions", "core/revoke-other-sessions", "revokeOtherSessions", true],
  ["POST /update-user", "core/update-user", "updateUser", true],
  ["POST /delete-user", "core/delete-user", "deleteUser", true],
  ["GET /list-accounts", "core/list-accounts", "listAccounts", false],
  ["POST /link-social", "core/link-social", "linkSocial", true],
  ["POST /unlink-account", "core/unlink-account", "unlinkAccount", true],
  ["POST /refresh-token", "core/refresh-token", "refreshToken", false],
  ["POST /get-access-token", "core/get-access-token", "getAccessToken", false],
  ["POST /sign-in/email", "sign-in/email", "signIn.email", true],
  ["POST /sign-in/username", "sign-in/username", "signIn.username", true],
  ["POST /sign-in/anonymous", "sign-in/anonymous", "signIn.anonymous", true],
  ["POST /sign-in/social", "sign-in/social", "signIn.social", true],
  ["POST /sign-up/email", "sign-up/email", "signUp.email", true],
  ["POST /send-verification-email", "email-verification/send-verification", "sendVerificationEmail", false],
  ["POST /change-password", "password/change", "changePassword", true],
  ["POST /request-password-reset", "password/request-reset", "requestPasswordReset", false],
  ["POST /reset-password", "password/reset", "resetPassword", false],
  ["POST /two-factor/enable", "two-factor/enable", "twoFactor.enable", false],
  ["POST /two-factor/disable", "two-factor/disable", "twoFactor.disable", true],
  ["POST /two-factor/get-totp-uri", "two-factor/totp/get-uri", "twoFactor.getTotpUri", false],
  ["POST /two-factor/verify-totp", "two-factor/totp/verify", "twoFactor.verifyTotp", true],
  ["POST /two-factor/generate-backup-codes", "two-factor/backup/generate", "twoFactor.generateBackupCodes", false],
  ["POST /two-factor/verify-backup-code", "two-factor/backup/verify", "twoFactor.verifyBackupCode", true],
  ["POST /two-factor/send-otp", "two-factor/otp/send", "twoFactor.sendOtp", false],
  ["POST /two-factor/verify-otp", "two-factor/otp/verify", "twoFactor.verifyOtp", true],
  ["GET /multi-session/list-device-sessions", "multi-session/list-sessions", "multiSession.listDeviceSessions", false],
  ["POST /multi-session/set-active", "multi-session/set-active", "multiSession.setActive", true],
  ["POST /multi-session/revoke", "multi-session/revoke", "multiSession.revoke", true],
  ["POST /organization/create", "organization/crud/create", "organization.create", false],
  ["POST /organization/update", "organization/crud/update", "organization.update", false],
  ["POST /organization/delete", "organization/crud/delete", "organization.delete", false],
  ["GET /organization/list", "organization/crud/list", "organization.list", false],
  ["GET /organization/get-full-organization", "organization/crud/get-full", "organization.getFullOrganization", false],
  ["POST /organization/set-active", "organization/crud/set-active", "organization.setActive", true],
  ["POST /organization/invite-member", "organization/invitations/create", "organization.inviteMember", false],
  ["POST /organization/accept-invitation", "organization/invitations/accept", "organization.acceptInvitation", true],
  ["POST /organization/reject-invitation", "organization/invitations/reject", "organization.rejectInvitation", false],
  ["POST /organization/cancel-invitation", "organization/invitations/cancel", "organization.cancelInvitation", false],
  ["GET /organization/list-invitations", "organization/invitations/list", "organization.listInvitations", false],
  ["GET /organization/list-members", "organization/members/list", "organization.listMembers", false],
  ["POST /organization/remove-member", "organization/members/remove", "organization.removeMember", false],
  ["POST /organization/update-member-role", "organization/members/update-role", "organization.updateMemberRole", false],
  ["POST /admin/impersonate-user", "admin/impersonate-user", "admin.impersonateUser", true],
  ["POST /admin/stop-impersonating", "admin/stop-impersonating", "admin.stopImpersonating", true],
  ["POST /delete-anonymous-user", "anonymous/delete-user", "deleteAnonymousUser", true],
  ["POST /device/approve", "device/approve", "device.approve", true],
  ["POST /device/deny", "device/deny", "device.deny", true],
]

let run: InMemoryRun
beforeAll(async () => {
  run = await generateInMemory({
    spec: join(ROOT, "better-auth-api-spec.json"),
    overrides: join(ROOT, "overrides"),
    out: join(ROOT, "generated"),
  })
})

describe("the default layout", () => {
  it.each(TABLE)("%s → %s (client.%s, mutatesSession %s)", (endpoint, folder, call, mutates) => {
    const leaf = folder.split("/").at(-1)!
    const handler = run.files.get(`${folder}/${leaf}.handler.ts`)
    expect(handler, `${folder}/${leaf}.handler.ts`).toBeDefined()
    expect(handler).toContain(`\`${endpoint}\``)
    expect(handler).toContain(`mutatesSession: ${mutates},`)
    // A call that sends a payload gives the fetch-options type argument (the runtime's CallOptions); one without does not.
    const typeArgument = handler!.includes("createHandler(") ? "<CallOptions>" : ""
    expect(handler).toMatch(new RegExp(`client\\.${call.replace(".", "\\.")}${typeArgument}\\(`))
    expect(run.files.has(`${folder}/${leaf}.contract.ts`)).toBe(true)
    expect(run.files.get(`${folder}/index.ts`)).toContain(`export * from "./${leaf}.handler.js"`)
  })

  it("exports every level as a PascalCase namespace, down to the endpoint", () => {
    expect(run.files.get("index.ts")).toContain('export * as TwoFactor from "./two-factor/index.js"')
    expect(run.files.get("two-factor/index.ts")).toContain('export * as Totp from "./totp/index.js"')
    expect(run.files.get("two-factor/totp/index.ts")).toContain('export * as GetUri from "./get-uri/index.js"')
    expect(run.files.get("index.ts")).toContain('export * as MultiSession from "./multi-session/index.js"')
  })

  it("skips what a client handler cannot use, each with a reason", () => {
    const skipped = new Map(run.raw.model.skipped.map((s) => [`${s.method} ${s.path}`, s.reason]))
    // verify-email is generated for its JSON answer; its redirecting callbackURL form is navigation-only.
    expect(skipped.has("GET /verify-email")).toBe(false)
    expect(run.raw.model.endpoints.find((e) => e.path === "/verify-email")?.folder).toEqual(["email-verification", "verify"])
    expect(skipped.get("GET /error")).toBeDefined()
    expect(skipped.get("POST /stripe/webhook")).toBeDefined()
    expect([...skipped.keys()].filter((k) => k.includes("/scim/") || k.includes("/callback")).length).toBeGreaterThan(10)
  })
})
