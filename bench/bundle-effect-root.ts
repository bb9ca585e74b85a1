/**
 * Bundle-size reference (e): what the handler runtime uses of Effect (a Schema class, a decode, a service,
 * a layer, a tagged error), imported from the `effect` root module as the generated code does.
 */
import { Context, Data, Effect, Layer, Schema } from "effect"

class Answer extends Schema.Class<Answer>("Answer")({ id: Schema.String }) {}
class Failure extends Data.TaggedError("Failure")<{ readonly message: string }> {}
class Client extends Context.Service<Client, { readonly get: () => Promise<unknown> }>()("Client") {}

export const run = (get: () => Promise<unknown>) =>
  Effect.gen(function* () {
    const client = yield* Client
    const raw = yield* Effect.tryPromise({ try: client.get, catch: (cause) => new Failure({ message: String(cause) }) })
    return yield* Schema.decodeUnknownEffect(Answer)(raw)
  }).pipe(Effect.provide(Layer.succeed(Client, { get })), Effect.runPromise)
