/**
 * Organization teams through the generated handlers: create, list, update and remove teams, add and
 * remove team members, the user's teams and the active team, and the typed failure of a plain member
 * creating a team.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { addMember, withOrganization } from "./support/organization.ts"

const server = await startServer()

/** An owner with an active organization, and a second user who accepted an invitation. */
const organizationWithMember = async () => {
  const { owner, organization } = await withOrganization(server, "Teams Inc")
  const { invitee: member } = await addMember(server, owner, organization.id)
  return { owner, organization, member }
}

describe("teams", () => {
  it("creates, lists, renames and removes a team", async () => {
    const { owner, organization } = await organizationWithMember()
    const team = await owner.actor.run(SDK.Organization.CreateTeam.Handler(new SDK.Organization.CreateTeam.Payload({ name: "Platform 🛠" })))
    expect(team).toMatchObject({ name: "Platform 🛠", organizationId: organization.id })
    expect(team.createdAt).toBeInstanceOf(Date)

    const teams = await owner.actor.run(
      SDK.Organization.ListTeams.Handler(new SDK.Organization.ListTeams.Payload({ organizationId: organization.id })),
    )
    // Creating an organization also creates a default team named after it, never updated (updatedAt null).
    expect(teams.map((t) => t.name).sort()).toEqual(["Platform 🛠", "Teams Inc"])
    expect(teams.find((t) => t.name === "Teams Inc")?.updatedAt).toBeNull()

    const renamed = await owner.actor.run(
      SDK.Organization.UpdateTeam.Handler(new SDK.Organization.UpdateTeam.Payload({ teamId: team.id, data: { name: "Infrastructure" } })),
    )
    expect(renamed).toMatchObject({ id: team.id, name: "Infrastructure" })
    expect(renamed.updatedAt.getTime()).toBeGreaterThanOrEqual(team.createdAt.getTime())

    const removed = await owner.actor.run(SDK.Organization.RemoveTeam.Handler(new SDK.Organization.RemoveTeam.Payload({ teamId: team.id })))
    expect(removed.message).toBe("Team removed successfully.")
    const left = await owner.actor.run(SDK.Organization.ListTeams.Handler(new SDK.Organization.ListTeams.Payload({})))
    expect(left.map((t) => t.id)).not.toContain(team.id)
  })

  it("adds a member to a team, who lists it, makes it active and sees its members", async () => {
    const { owner, organization, member } = await organizationWithMember()
    const team = await owner.actor.run(SDK.Organization.CreateTeam.Handler(new SDK.Organization.CreateTeam.Payload({ name: "Design" })))
    const added = await owner.actor.run(
      SDK.Organization.AddTeamMember.Handler(new SDK.Organization.AddTeamMember.Payload({ teamId: team.id, userId: member.user.id })),
    )
    expect(added).toMatchObject({ teamId: team.id, userId: member.user.id })

    const mine = await member.actor.run(
      SDK.Organization.ListUserTeams.Handler(new SDK.Organization.ListUserTeams.Payload({ organizationId: organization.id })),
    )
    expect(mine.map((t) => t.id)).toEqual([team.id])

    const active = await member.actor.run(
      SDK.Organization.SetActiveTeam.Handler(new SDK.Organization.SetActiveTeam.Payload({ teamId: team.id })),
    )
    expect(active?.id).toBe(team.id)
    expect((await member.actor.run(SDK.Core.GetSession.Handler()))?.session.activeTeamId).toBe(team.id)
    // Clearing the active team answers null.
    expect(
      await member.actor.run(SDK.Organization.SetActiveTeam.Handler(new SDK.Organization.SetActiveTeam.Payload({ teamId: null }))),
    ).toBeNull()
    expect((await member.actor.run(SDK.Core.GetSession.Handler()))?.session.activeTeamId).toBeNull()
    await member.actor.run(SDK.Organization.SetActiveTeam.Handler(new SDK.Organization.SetActiveTeam.Payload({ teamId: team.id })))

    const members = await member.actor.run(SDK.Organization.ListTeamMembers.Handler(new SDK.Organization.ListTeamMembers.Payload({})))
    expect(members.map((m) => m.userId)).toEqual([member.user.id])
    expect(members[0]?.createdAt).toBeInstanceOf(Date)

    const removed = await owner.actor.run(
      SDK.Organization.RemoveTeamMember.Handler(new SDK.Organization.RemoveTeamMember.Payload({ teamId: team.id, userId: member.user.id })),
    )
    expect(removed.message).toBe("Team member removed successfully.")
    expect(
      await member.actor.run(
        SDK.Organization.ListUserTeams.Handler(new SDK.Organization.ListUserTeams.Payload({ organizationId: organization.id })),
      ),
    ).toEqual([])
  })

  it("refuses a team created by a plain member", async () => {
    const { organization, member } = await organizationWithMember()
    await member.actor.reject(
      SDK.Organization.CreateTeam.Handler(new SDK.Organization.CreateTeam.Payload({ name: "Rogue", organizationId: organization.id })),
      { code: "YOU_ARE_NOT_ALLOWED_TO_CREATE_TEAMS_IN_THIS_ORGANIZATION", status: 403 },
    )
  })
})
