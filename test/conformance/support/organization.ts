/** Organization set-ups shared by the organization and invitation flows. */
import * as SDK from "../../../generated/index.ts"
import type { ConformanceServer } from "./harness.ts"
import { type SignedUp, signUp } from "./users.ts"

let slugs = 0

/** A slug no other organization of the run has. */
export const freshSlug = () => `org-${++slugs}`

/** An owner with a new organization, which creating made active. */
export const withOrganization = async (server: ConformanceServer, name = "Acme Ltd") => {
  const owner = await signUp(server, { name: "Owner" })
  const slug = freshSlug()
  const organization = await owner.actor.run(
    SDK.Organization.Crud.Create.Handler(new SDK.Organization.Crud.Create.Payload({ name, slug, metadata: { plan: "pro" } })),
  )
  return { owner, organization, slug }
}

/** Invites a new user and has them accept; answers the new member. */
export const addMember = async (
  server: ConformanceServer,
  owner: SignedUp,
  organizationId: string,
  role: "member" | "admin" = "member",
) => {
  const invitee = await signUp(server, { name: "Invitee" })
  const invitation = await owner.actor.run(
    SDK.Organization.Invitations.Create.Handler(
      new SDK.Organization.Invitations.Create.Payload({ email: invitee.email, role, organizationId }),
    ),
  )
  const accepted = await invitee.actor.run(
    SDK.Organization.Invitations.Accept.Handler(new SDK.Organization.Invitations.Accept.Payload({ invitationId: invitation.id })),
  )
  return { invitee, member: accepted.member }
}
