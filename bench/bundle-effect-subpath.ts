/**
 * Bundle-size reference (e′): reference (e) with Effect imported by subpath (`effect/Schema`, ...), which
 * lets a bundler leave out the modules the code does not use.
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

class Answer extends Schema.Class<Answer>("Answer")({ id: Schema.String }) {}
class Failure extends Data.TaggedError("Failure")<{ readonly message: string }> {}
class Client extends Context.Service<Client, { readonly get: () => Promise<unknown> }>()("Client") {}

export const run = (get: () => Promise<unknown>) =>
  Effect.gen(function* () {
    const client = yield* Client
    const raw = yield* Effect.tryPromise({ try: client.get, catch: (cause) => new Failure({ message: String(cause) }) })
    return yield* Schema.decodeUnknownEffect(Answer)(raw)
  }).pipe(Effect.provide(Layer.succeed(Client, { get })), Effect.runPromise)
