/**
 * The Stripe plugin through the generated handlers, as far as it runs without the Stripe API: listing
 * a user's subscriptions (the row written as Stripe's webhook would have), and the typed failures the
 * plugin answers before it would call Stripe.
 */
import { describe, expect, it } from "vitest"
import * as SDK from "../../generated/index.ts"
import { startServer } from "./support/harness.ts"
import { signUp } from "./support/users.ts"

const server = await startServer()

describe("subscriptions", () => {
  it("lists the user's subscriptions, none at first", async () => {
    const { actor, user } = await signUp(server)
    expect(await actor.run(SDK.Subscription.List.Handler())).toEqual([])

    // What the checkout.session.completed webhook stores; the webhook itself needs Stripe's signature.
    const context = await server.auth.$context
    const periodEnd = new Date(Date.now() + 30 * 86_400_000)
    await context.adapter.create({
      model: "subscription",
      data: {
        plan: "pro",
        referenceId: user.id,
        status: "active",
        stripeCustomerId: "cus_conformance",
        stripeSubscriptionId: "sub_conformance",
        periodStart: new Date(),
        periodEnd,
        cancelAtPeriodEnd: false,
        seats: 3,
      },
    })
    const [subscription, ...rest] = await actor.run(SDK.Subscription.List.Handler())
    expect(rest).toEqual([])
    expect(subscription).toMatchObject({
      plan: "pro",
      referenceId: user.id,
      status: "active",
      seats: 3,
      cancelAtPeriodEnd: false,
      trialStart: null,
    })
    expect(subscription?.periodEnd?.getTime()).toBe(periodEnd.getTime())
    // Named explicitly: the user's own reference, as a user customer.
    const mine = await actor.run(
      SDK.Subscription.List.Handler(new SDK.Subscription.List.Payload({ referenceId: user.id, customerType: "user" })),
    )
    expect(mine.map((s) => s.id)).toEqual([subscription?.id])
  })

  it("refuses an unknown plan and a subscription that does not exist, before calling Stripe", async () => {
    const { actor } = await signUp(server)
    await actor.reject(SDK.Subscription.Upgrade.Handler(new SDK.Subscription.Upgrade.Payload({ plan: "no-such-plan" })), {
      code: "SUBSCRIPTION_PLAN_NOT_FOUND",
      status: 400,
    })
    await actor.reject(SDK.Subscription.Restore.Handler(new SDK.Subscription.Restore.Payload({ subscriptionId: "sub_missing" })), {
      code: "SUBSCRIPTION_NOT_FOUND",
      status: 400,
    })
  })
})
