/**
 * Bundle-size app (c): app (b)'s five calls made on the Better Auth client directly, built with the same
 * client plugins as the SDK: the baseline the SDK's overhead is measured against.
 */
import { createAuthClient } from "better-auth/client"
import { clientPlugins } from "../better-auth.client.ts"

const client = createAuthClient({ baseURL: location.origin, plugins: clientPlugins, fetchOptions: { credentials: "include" } })

export const flow = async (name: string, email: string, password: string) => {
  await client.signUp.email({ name, email, password })
  await client.signIn.email({ email, password })
  const session = await client.getSession()
  const sessions = await client.listSessions()
  await client.signOut()
  return { session, sessions }
}
