// The README's server-target examples ("Serving Better Auth from Effect"), compiled by `npm test`'s tsc;
// test/readme.test.ts checks that the README shows exactly the two blocks below the marker lines.
import { betterAuth } from "better-auth"
import { authOptions } from "../better-auth.config.ts"

const auth = betterAuth(authOptions())
declare const email: string, name: string, password: string

// README block: serve
import { HttpRouter, HttpServer } from "effect/http"
import { Layer } from "effect"
import { betterAuthLayer, layer } from "../generated-server/server.js"

const app = layer.pipe(Layer.provide(betterAuthLayer(auth)), Layer.provide(HttpServer.layerServices))
export const { handler } = HttpRouter.toWebHandler(app) // or HttpRouter.serve(app) on your platform's server
// README block: client
import { Effect, Redacted } from "effect"
import { HttpApiClient } from "effect/http-api"
import * as AuthApi from "../generated-server/index.js"

export const program = Effect.gen(function* () {
  const api = yield* HttpApiClient.make(AuthApi.Api, { baseUrl: "https://app.example.com" })
  yield* api.signUp.email({ payload: new AuthApi.SignUp.Email.Payload({ email, name, password: Redacted.make(password) }) })
  return yield* api.core.getSession({ query: new AuthApi.Core.GetSession.Payload({}) })
})
