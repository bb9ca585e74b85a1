/**
 * Organizations through the generated handlers: CRUD and the active organization, members and roles,
 * and permission checks, with the typed failures of a member acting beyond its role.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { addMember, freshSlug, withOrganization } from "./support/organization.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()

describe("organization CRUD", () => {
  it("creates an organization with its owner as first member", async () => {
    const owner = await signUp(server)
    const slug = freshSlug()
    const created = await owner.actor.run(
      SDK.Organization.Crud.Create.Handler(
        new SDK.Organization.Crud.Create.Payload({ name: "Ünïcødé Org 🏢", slug, logo: null, metadata: { plan: "pro", seats: 3 } }),
      ),
    )
    expect(created.name).toBe("Ünïcødé Org 🏢")
    expect(created.slug).toBe(slug)
    expect(created.logo).toBeNull()
    expect(created.metadata).toEqual({ plan: "pro", seats: 3 })
    expect(created.createdAt).toBeInstanceOf(Date)
    expect(created.members.map((m) => [m.userId, m.role])).toEqual([[owner.user.id, "owner"]])

    const listed = await owner.actor.run(SDK.Organization.Crud.List.Handler())
    expect(listed.map((o) => o.id)).toEqual([created.id])
    // Outside create and update, metadata comes back as the stored JSON string.
    expect(JSON.parse(String(listed[0]?.metadata))).toEqual({ plan: "pro", seats: 3 })
  })

  it("checks slugs, refusing one already taken", async () => {
    const { owner, slug } = await withOrganization(server)
    const free = await owner.actor.run(SDK.Organization.CheckSlug.Handler(new SDK.Organization.CheckSlug.Payload({ slug: freshSlug() })))
    expect(free.status).toBe(true)
    await owner.actor.reject(SDK.Organization.CheckSlug.Handler(new SDK.Organization.CheckSlug.Payload({ slug })), {
      code: "ORGANIZATION_SLUG_ALREADY_TAKEN",
      status: 400,
    })
  })

  it("answers null for the full organization while none is active", async () => {
    const { actor } = await signUp(server)
    expect(await actor.run(SDK.Organization.Crud.GetFull.Handler(new SDK.Organization.Crud.GetFull.Payload({})))).toBeNull()
  })

  it("sets the active organization and reads it in full", async () => {
    const { owner, organization } = await withOrganization(server)
    const active = await owner.actor.run(
      SDK.Organization.Crud.SetActive.Handler(new SDK.Organization.Crud.SetActive.Payload({ organizationId: organization.id })),
    )
    expect(active?.id).toBe(organization.id)
    const session = await owner.actor.run(SDK.Core.GetSession.Handler())
    expect(session?.session.activeOrganizationId).toBe(organization.id)

    const full = await owner.actor.run(SDK.Organization.Crud.GetFull.Handler(new SDK.Organization.Crud.GetFull.Payload({})))
    expect(full?.id).toBe(organization.id)
    expect(full?.members.map((m) => [m.user.email, m.role])).toEqual([[owner.email, "owner"]])
    expect(full?.members[0]?.user.image).toBeNull()
    expect(full?.invitations).toEqual([])
    expect(full?.teams?.map((t) => t.name)).toEqual([organization.name])

    const byId = await owner.actor.run(
      SDK.Organization.GetOrganization.Handler(new SDK.Organization.GetOrganization.Payload({ organizationId: organization.id })),
    )
    expect(byId?.slug).toBe(organization.slug)

    const cleared = await owner.actor.run(
      SDK.Organization.Crud.SetActive.Handler(new SDK.Organization.Crud.SetActive.Payload({ organizationId: null })),
    )
    expect(cleared).toBeNull()
    // Without an active organization and without an id, there is no organization to answer.
    expect(await owner.actor.run(SDK.Organization.GetOrganization.Handler(new SDK.Organization.GetOrganization.Payload({})))).toBeNull()
  })

  it("updates name, slug and logo, and deletes the organization", async () => {
    const { owner, organization } = await withOrganization(server)
    const slug = freshSlug()
    const long = "Long name ".repeat(30).trim()
    const updated = await owner.actor.run(
      SDK.Organization.Crud.Update.Handler(
        new SDK.Organization.Crud.Update.Payload({
          organizationId: organization.id,
          data: { name: long, slug, logo: "https://example.com/logo.png" },
        }),
      ),
    )
    expect(updated).toMatchObject({ id: organization.id, name: long, slug, logo: "https://example.com/logo.png" })

    const deleted = await owner.actor.run(
      SDK.Organization.Crud.Delete.Handler(new SDK.Organization.Crud.Delete.Payload({ organizationId: organization.id })),
    )
    expect(deleted.id).toBe(organization.id)
    expect(await owner.actor.run(SDK.Organization.Crud.List.Handler())).toEqual([])
  })
})

describe("members", () => {
  it("lists members with their users, reads the active member and its role", async () => {
    const { owner, organization } = await withOrganization(server)
    const { invitee, member } = await addMember(server, owner, organization.id)
    expect(member.userId).toBe(invitee.user.id)
    expect(member.role).toBe("member")

    const listed = await owner.actor.run(
      SDK.Organization.Members.List.Handler(new SDK.Organization.Members.List.Payload({ organizationId: organization.id })),
    )
    expect(listed.total).toBe(2)
    expect(listed.members.map((m) => m.user.email).sort()).toEqual([owner.email, invitee.email].sort())

    await invitee.actor.run(
      SDK.Organization.Crud.SetActive.Handler(new SDK.Organization.Crud.SetActive.Payload({ organizationId: organization.id })),
    )
    const active = await invitee.actor.run(SDK.Organization.GetActiveMember.Handler())
    expect(active).toMatchObject({ id: member.id, userId: invitee.user.id, role: "member", user: { email: invitee.email } })
    expect(active.createdAt).toBeInstanceOf(Date)
    const role = await invitee.actor.run(SDK.Organization.GetActiveMemberRole.Handler(new SDK.Organization.GetActiveMemberRole.Payload({})))
    expect(role.role).toBe("member")
  })

  it("updates a member's role; a plain member may not", async () => {
    const { owner, organization } = await withOrganization(server)
    const { invitee, member } = await addMember(server, owner, organization.id)
    await invitee.actor.reject(
      SDK.Organization.Members.UpdateRole.Handler(
        new SDK.Organization.Members.UpdateRole.Payload({ memberId: member.id, role: "admin", organizationId: organization.id }),
      ),
      { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER", status: 403 },
    )
    const updated = await owner.actor.run(
      SDK.Organization.Members.UpdateRole.Handler(
        new SDK.Organization.Members.UpdateRole.Payload({ memberId: member.id, role: "admin", organizationId: organization.id }),
      ),
    )
    expect(updated).toMatchObject({ id: member.id, role: "admin", userId: invitee.user.id })
  })

  it("removes a member, and lets a member leave", async () => {
    const { owner, organization } = await withOrganization(server)
    const first = await addMember(server, owner, organization.id)
    const second = await addMember(server, owner, organization.id)
    const removed = await owner.actor.run(
      SDK.Organization.Members.Remove.Handler(
        new SDK.Organization.Members.Remove.Payload({ memberIdOrEmail: first.invitee.email, organizationId: organization.id }),
      ),
    )
    expect(removed.member).toMatchObject({ id: first.member.id, userId: first.invitee.user.id, user: { email: first.invitee.email } })

    // By member id, the server answers the member without its user.
    const third = await addMember(server, owner, organization.id)
    const byId = await owner.actor.run(
      SDK.Organization.Members.Remove.Handler(
        new SDK.Organization.Members.Remove.Payload({ memberIdOrEmail: third.member.id, organizationId: organization.id }),
      ),
    )
    expect(byId.member).toMatchObject({ id: third.member.id, userId: third.invitee.user.id })

    const left = await second.invitee.actor.run(
      SDK.Organization.Leave.Handler(new SDK.Organization.Leave.Payload({ organizationId: organization.id })),
    )
    expect(left).toMatchObject({ id: second.member.id, userId: second.invitee.user.id, user: { email: second.invitee.email } })

    const listed = await owner.actor.run(
      SDK.Organization.Members.List.Handler(new SDK.Organization.Members.List.Payload({ organizationId: organization.id })),
    )
    expect(listed.members.map((m) => m.userId)).toEqual([owner.user.id])
  })

  it("checks permissions by role", async () => {
    const { owner, organization } = await withOrganization(server)
    const { invitee } = await addMember(server, owner, organization.id)
    const check = new SDK.Organization.HasPermission.Payload({ permissions: { member: ["delete"] } })
    await owner.actor.run(
      SDK.Organization.Crud.SetActive.Handler(new SDK.Organization.Crud.SetActive.Payload({ organizationId: organization.id })),
    )
    await invitee.actor.run(
      SDK.Organization.Crud.SetActive.Handler(new SDK.Organization.Crud.SetActive.Payload({ organizationId: organization.id })),
    )
    expect(await owner.actor.run(SDK.Organization.HasPermission.Handler(check))).toMatchObject({ success: true, error: null })
    expect((await invitee.actor.run(SDK.Organization.HasPermission.Handler(check))).success).toBe(false)
  })
})
