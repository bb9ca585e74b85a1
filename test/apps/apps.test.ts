/**
 * A real app adopts the SDK. Three apps, each with its own plugin set (email and password only; two
 * factor + organization + username; this repository's set without stripe), its own server and client
 * modules and config file, follow the README: `spec`, then `generate` into `src/auth`, with no file of
 * the generator edited. Their code calls handlers as users write them and is type-checked with
 * ordinary tsconfigs: `moduleResolution: bundler` and `NodeNext` without `allowImportingTsExtensions`,
 * with and without `exactOptionalPropertyTypes`.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ROOT } from "../support/generate.ts"

const BUN = join(ROOT, "node_modules", ".bin", "bun")
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc")
/** Inside the repository, so the apps resolve `effect` and `better-auth` from its node_modules. */
const APPS = join(ROOT, ".cache", "test-apps")
/** An absolute import of a repository file (`.js` for a `.ts` file, as the apps' tsconfigs require). */
const rootImport = (file: string) => JSON.stringify(join(ROOT, file))

interface App {
  readonly name: string
  readonly server: string
  readonly client: string
  /** The app's own code: it calls the SDK as an app would. */
  readonly main: string
}

const COMMON_MAIN = `
import { Effect, Redacted } from "effect"
import * as Auth from "./auth/index.js"

export const program = Effect.gen(function* () {
  // Plain objects, as users write them; an instance works too.
  yield* Auth.SignUp.Email.Handler({ email: "ada@example.com", password: Redacted.make("a long password"), name: "Ada" })
  yield* Auth.SignIn.Email.Handler(new Auth.SignIn.Email.Payload({ email: "ada@example.com", password: Redacted.make("a long password") }))
  // @ts-expect-error the email is required
  yield* Auth.SignIn.Email.Handler({ password: Redacted.make("a long password") })
  const session = yield* Auth.Core.GetSession.Handler()
  yield* Auth.Core.SignOut.Handler()
  return session
}).pipe(
  Effect.catchTag("BetterAuthApiError", (error) => Effect.succeed({ failed: error.status })),
  Effect.provide(Auth.Runtime.layer({ baseURL: "https://app.example.com", fetchOptions: { credentials: "include" } })),
)
`

const APPS_UNDER_TEST: ReadonlyArray<App> = [
  {
    name: "email-only",
    server: `export const authOptions = { baseURL: "http://localhost:3000", secret: "a-test-secret-of-at-least-32-characters", emailAndPassword: { enabled: true } }\n`,
    client: `export const clientPlugins = []\n`,
    main: COMMON_MAIN,
  },
  {
    name: "teams",
    server: `import { organization, twoFactor, username } from "better-auth/plugins"
export const authOptions = () => ({
  baseURL: "http://localhost:3000",
  secret: "a-test-secret-of-at-least-32-characters",
  emailAndPassword: { enabled: true },
  plugins: [twoFactor(), organization(), username()],
})
`,
    client: `import { organizationClient, twoFactorClient, usernameClient } from "better-auth/client/plugins"
export const clientPlugins = [twoFactorClient(), organizationClient(), usernameClient()]
`,
    main: `${COMMON_MAIN}
export const team = Effect.gen(function* () {
  const created = yield* Auth.Organization.Crud.Create.Handler({ name: "Acme", slug: "acme" })
  yield* Auth.TwoFactor.Totp.Verify.Handler({ code: "123456" })
  yield* Auth.SignIn.Username.Handler({ username: "ada", password: Redacted.make("a long password") })
  // A GET whose query parameters are all optional: the argument may be left out, or given.
  yield* Auth.Organization.Members.List.Handler()
  yield* Auth.Organization.Members.List.Handler({ limit: 10 })
  // @ts-expect-error userId is server-only: the client payload leaves it out
  yield* Auth.Organization.Crud.Create.Handler({ name: "Acme", slug: "acme", userId: "someone-else" })
  return created.id
})
`,
  },
  {
    name: "no-stripe",
    server: `import { authOptions as all } from ${rootImport("better-auth.config.ts")}
export const authOptions = () => {
  const options = all()
  return { ...options, plugins: options.plugins.filter((plugin) => plugin.id !== "stripe") }
}
`,
    client: `import { clientPlugins as all } from ${rootImport("better-auth.client.js")}
export const clientPlugins = all.filter((plugin) => plugin.id !== "stripe-client")
`,
    main: COMMON_MAIN,
  },
]

const appDir = (app: App) => join(APPS, app.name)

const run = (cwd: string, command: string, ...args: ReadonlyArray<string>) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" })
  return { code: result.status, out: `${result.stdout}${result.stderr}` }
}

/** A tsconfig an app would have: strict, no `allowImportingTsExtensions`. */
const tsconfig = (compilerOptions: Record<string, unknown>, include: ReadonlyArray<string>) =>
  JSON.stringify({
    compilerOptions: { target: "es2022", lib: ["es2023", "dom", "dom.iterable"], strict: true, noEmit: true, skipLibCheck: true, noUnusedLocals: true, types: [], ...compilerOptions },
    include,
  })

const BUNDLER = { module: "esnext", moduleResolution: "bundler", exactOptionalPropertyTypes: true }
const NODENEXT = { module: "nodenext", moduleResolution: "nodenext", exactOptionalPropertyTypes: true }

const tsc = (project: string) => run(ROOT, process.execPath, TSC, "-p", project)

beforeAll(() => {
  rmSync(APPS, { recursive: true, force: true })
  for (const app of APPS_UNDER_TEST) {
    const dir = appDir(app)
    mkdirSync(join(dir, "src"), { recursive: true })
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: app.name, private: true, type: "module" }))
    writeFileSync(join(dir, "auth.server.ts"), app.server)
    writeFileSync(join(dir, "src", "auth-client.ts"), app.client)
    writeFileSync(join(dir, "src", "main.ts"), app.main)
    writeFileSync(
      join(dir, "better-auth-codegen.config.ts"),
      `import { defineConfig } from ${rootImport("generator/cli/config.ts")}
export default defineConfig({ spec: "auth-spec.json", out: "src/auth", clientModule: "src/auth-client.ts", serverModule: "auth.server.ts" })
`,
    )
  }
})
afterAll(() => rmSync(APPS, { recursive: true, force: true }))

describe.each(APPS_UNDER_TEST)("the $name app", (app) => {
  it("exports its spec and generates its SDK with no edits", () => {
    const spec = run(appDir(app), BUN, join(ROOT, "generator", "spec", "export.ts"))
    expect(spec.code, spec.out).toBe(0)
    const generated = run(appDir(app), BUN, join(ROOT, "generator", "cli", "main.ts"), "--quiet")
    expect(generated.code, generated.out).toBe(0)
    expect(generated.out).toBe("")
    // Paths in the output come from the output folder: the runtime imports the app's client module.
    const client = readFileSync(join(appDir(app), "src", "auth", "_runtime", "client.ts"), "utf8")
    expect(client).toContain('import { clientPlugins } from "../../auth-client.js";')
    // Only what the app's plugins bring.
    const signUp = readFileSync(join(appDir(app), "src", "auth", "sign-up", "email", "email.contract.ts"), "utf8")
    expect(signUp).not.toContain("stripeCustomerId")
    if (app.name === "email-only") {
      expect(signUp).not.toMatch(/username|phoneNumber/)
      expect(existsSync(join(appDir(app), "src", "auth", "two-factor"))).toBe(false)
    }
    if (app.name === "teams") expect(existsSync(join(appDir(app), "src", "auth", "two-factor", "totp", "verify", "verify.handler.ts"))).toBe(true)
  })
})

describe("the apps' code type-checks against their SDKs", () => {
  it("with moduleResolution bundler and exactOptionalPropertyTypes, every app at once", () => {
    const project = join(APPS, "tsconfig.bundler.json")
    writeFileSync(project, tsconfig(BUNDLER, APPS_UNDER_TEST.map((app) => `${app.name}/src/**/*.ts`)))
    const result = tsc(project)
    expect(result.out).toBe("")
    expect(result.code).toBe(0)
  })

  it.each([
    ["NodeNext", NODENEXT],
    ["bundler without exactOptionalPropertyTypes", { ...BUNDLER, exactOptionalPropertyTypes: false }],
  ])("with %s", (_, options) => {
    const app = APPS_UNDER_TEST.find((a) => a.name === "email-only")!
    const project = join(appDir(app), `tsconfig.${_.replace(/\W+/g, "-")}.json`)
    writeFileSync(project, tsconfig(options, ["src/**/*.ts"]))
    const result = tsc(project)
    expect(result.out).toBe("")
    expect(result.code).toBe(0)
  })
})
