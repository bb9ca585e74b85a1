/**
 * API keys through the generated handlers: creating a key (the secret shown once), reading and listing it
 * without the secret, updating and deleting it, with the typed failures for unknown keys and for
 * server-only fields sent by a browser.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()

describe("API keys", () => {
  it("creates a key, shows the secret once, and reads it back without it", async () => {
    const { actor, user } = await signUp(server)
    const created = await actor.run(
      SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({ name: "CI key 🔑", prefix: "ci_", expiresIn: 60 * 60 * 24 })),
    )
    expect(created.key.startsWith("ci_")).toBe(true)
    expect(created).toMatchObject({
      name: "CI key 🔑",
      prefix: "ci_",
      enabled: true,
      referenceId: user.id,
      metadata: null,
      permissions: null,
    })
    expect(created.expiresAt?.getTime()).toBeGreaterThan(Date.now())
    expect(created.start).toBe(created.key.slice(0, created.start?.length ?? 0))

    const read = await actor.run(SDK.ApiKey.Get.Handler(new SDK.ApiKey.Get.Payload({ id: created.id })))
    expect(read).toMatchObject({ id: created.id, name: "CI key 🔑", referenceId: user.id })
    expect("key" in read).toBe(false)

    const listed = await actor.run(SDK.ApiKey.List.Handler())
    expect(listed.total).toBe(1)
    expect(listed.apiKeys.map((k) => k.id)).toEqual([created.id])
  })

  it("pages and sorts the list, and deletes a key named with its configuration", async () => {
    const { actor } = await signUp(server)
    for (const name of ["b", "a", "c"]) await actor.run(SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({ name })))
    const sorted = await actor.run(SDK.ApiKey.List.Handler(new SDK.ApiKey.List.Payload({ sortBy: "name", sortDirection: "desc" })))
    expect(sorted.apiKeys.map((k) => k.name)).toEqual(["c", "b", "a"])
    const page = await actor.run(
      SDK.ApiKey.List.Handler(
        new SDK.ApiKey.List.Payload({ sortBy: "name", sortDirection: "asc", limit: 1, offset: 1, configId: "default" }),
      ),
    )
    expect(page.apiKeys.map((k) => k.name)).toEqual(["b"])
    expect(page.total).toBe(3)
    // A key without a name answers name null.
    const unnamed = await actor.run(SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({})))
    expect(unnamed.name).toBeNull()
    expect((await actor.run(SDK.ApiKey.List.Handler())).apiKeys.find((k) => k.id === unnamed.id)?.name).toBeNull()
    const [first] = sorted.apiKeys
    if (first === undefined) throw new Error("expected a key")
    expect(
      (await actor.run(SDK.ApiKey.Delete.Handler(new SDK.ApiKey.Delete.Payload({ keyId: first.id, configId: "default" })))).success,
    ).toBe(true)
  })

  it("updates and deletes a key", async () => {
    const { actor } = await signUp(server)
    const created = await actor.run(SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({ name: "old name" })))
    expect(created.name).toBe("old name")
    expect(created.expiresAt).toBeNull()
    const updated = await actor.run(
      SDK.ApiKey.Update.Handler(new SDK.ApiKey.Update.Payload({ keyId: created.id, name: "new name", enabled: false })),
    )
    expect(updated).toMatchObject({ id: created.id, name: "new name", enabled: false })

    const deleted = await actor.run(SDK.ApiKey.Delete.Handler(new SDK.ApiKey.Delete.Payload({ keyId: created.id })))
    expect(deleted.success).toBe(true)
    await actor.reject(SDK.ApiKey.Get.Handler(new SDK.ApiKey.Get.Payload({ id: created.id })), { code: "KEY_NOT_FOUND", status: 404 })
    expect((await actor.run(SDK.ApiKey.List.Handler())).total).toBe(0)
  })

  it("refuses server-only fields from a browser, and another user's key", async () => {
    const owner = await signUp(server)
    const created = await owner.actor.run(SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({ name: "mine" })))
    const other = await signUp(server)
    await other.actor.reject(SDK.ApiKey.Get.Handler(new SDK.ApiKey.Get.Payload({ id: created.id })), { code: "KEY_NOT_FOUND", status: 404 })
    // The server refuses fields it documents as server-only (SERVER_ONLY_PROPERTY, 400), so the client
    // payload leaves them out (the serverOnly rule): sending one is a compile error.
    expect(Object.keys(SDK.ApiKey.Create.Payload.fields)).not.toContain("remaining")
    expect(Object.keys(SDK.ApiKey.Create.Payload.fields)).not.toContain("userId")
    // better-auth.config.ts leaves key metadata disabled.
    const metadata = await other.actor.reject(
      SDK.ApiKey.Create.Handler(new SDK.ApiKey.Create.Payload({ name: "x", metadata: { env: "test" } })),
      {
        code: "METADATA_DISABLED",
        status: 400,
      },
    )
    expect(metadata.message).toBe("Metadata is disabled.")
  })
})
