/**
 * Organization invitations through the generated handlers: invited by email (captured from the
 * invitation callback), read, listed, accepted, rejected and canceled, and refused to a plain member.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { addMember, withOrganization } from "./support/organization.ts"
import { freshEmail, signUp, verifyEmail } from "./support/users.ts"

const server = await startServer()

describe("invitations", () => {
  it("invites by email; the invitee reads, lists and accepts the invitation", async () => {
    const { owner, organization } = await withOrganization(server, "Invite Co")
    const invitee = await signUp(server, { name: "Invitee" })
    await verifyEmail(server, invitee)
    const invitation = await owner.actor.run(
      SDK.Organization.Invitations.Create.Handler(
        new SDK.Organization.Invitations.Create.Payload({ email: invitee.email, role: "admin", organizationId: organization.id }),
      ),
    )
    expect(invitation).toMatchObject({
      email: invitee.email,
      role: "admin",
      status: "pending",
      organizationId: organization.id,
      inviterId: owner.user.id,
    })
    expect(invitation.teamId).toBeNull()
    expect(invitation.expiresAt.getTime()).toBeGreaterThan(invitation.createdAt.getTime())
    expect(server.latest("onInvitation", (mail) => mail.email === invitee.email).id).toBe(invitation.id)

    const mine = await invitee.actor.run(SDK.Organization.ListUserInvitations.Handler())
    expect(mine.map((i) => [i.id, i.organizationName])).toEqual([[invitation.id, "Invite Co"]])
    // The server's email parameter is for server-side calls only, so the handler has no payload.
    const byEmail = await invitee.actor.fetch(
      `http://localhost:3000/api/auth/organization/list-user-invitations?email=${encodeURIComponent(invitee.email)}`,
      { method: "GET" },
    )
    expect(byEmail.status).toBe(400)
    expect(((await byEmail.json()) as { message: string }).message).toBe("User email cannot be passed for client side API calls.")
    const read = await invitee.actor.run(
      SDK.Organization.GetInvitation.Handler(new SDK.Organization.GetInvitation.Payload({ id: invitation.id })),
    )
    expect(read).toMatchObject({
      id: invitation.id,
      organizationName: "Invite Co",
      organizationSlug: organization.slug,
      inviterEmail: owner.email,
    })
    expect(read.expiresAt).toBeInstanceOf(Date)

    const accepted = await invitee.actor.run(
      SDK.Organization.Invitations.Accept.Handler(new SDK.Organization.Invitations.Accept.Payload({ invitationId: invitation.id })),
    )
    expect(accepted.invitation.status).toBe("accepted")
    expect(accepted.member).toMatchObject({ userId: invitee.user.id, role: "admin", organizationId: organization.id })
    const session = await invitee.actor.run(SDK.Core.GetSession.Handler())
    expect(session?.session.activeOrganizationId).toBe(organization.id)
  })

  it("lets the invitee reject, and the inviter cancel and list", async () => {
    const { owner, organization } = await withOrganization(server)
    const invitee = await signUp(server)
    const invite = (email: string) =>
      owner.actor.run(
        SDK.Organization.Invitations.Create.Handler(
          new SDK.Organization.Invitations.Create.Payload({ email, role: "member", organizationId: organization.id }),
        ),
      )
    const toReject = await invite(invitee.email)
    const toCancel = await invite(freshEmail("never"))

    const rejected = await invitee.actor.run(
      SDK.Organization.Invitations.Reject.Handler(new SDK.Organization.Invitations.Reject.Payload({ invitationId: toReject.id })),
    )
    expect(rejected.invitation?.status).toBe("rejected")
    expect(rejected.member).toBeNull()

    const canceled = await owner.actor.run(
      SDK.Organization.Invitations.Cancel.Handler(new SDK.Organization.Invitations.Cancel.Payload({ invitationId: toCancel.id })),
    )
    expect(canceled).toMatchObject({ id: toCancel.id, status: "canceled" })

    const listed = await owner.actor.run(
      SDK.Organization.Invitations.List.Handler(new SDK.Organization.Invitations.List.Payload({ organizationId: organization.id })),
    )
    expect(listed.map((i) => [i.id, i.status]).sort()).toEqual(
      [
        [toReject.id, "rejected"],
        [toCancel.id, "canceled"],
      ].sort(),
    )

    await invitee.actor.reject(
      SDK.Organization.Invitations.Accept.Handler(new SDK.Organization.Invitations.Accept.Payload({ invitationId: toReject.id })),
      { code: "INVITATION_NOT_FOUND", status: 400 },
    )
  })

  it("refuses an invitation from a plain member", async () => {
    const { owner, organization } = await withOrganization(server)
    const { invitee } = await addMember(server, owner, organization.id)
    await invitee.actor.reject(
      SDK.Organization.Invitations.Create.Handler(
        new SDK.Organization.Invitations.Create.Payload({ email: freshEmail(), role: "member", organizationId: organization.id }),
      ),
      { code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION", status: 403 },
    )
  })
})
