/**
 * A real app adopts the SDK. Three apps, each with its own plugin set (email and password only; two
 * factor + organization + username; this repository's set without stripe), its own server and client
 * modules and config file, follow the README: `spec`, then `generate`, with no file of the generator
 * edited. Two keep the SDK in `src/auth`; the third is a monorepo whose `packages/auth` package serves
 * it through `exports` to the app, which imports `@app/auth`. Their code calls handlers as users write them and is type-checked with
 * ordinary tsconfigs: `moduleResolution: bundler` and `NodeNext` without `allowImportingTsExtensions`,
 * with and without `exactOptionalPropertyTypes`.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
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
  /** Where the client module and the SDK go; a workspace package when `packageName` is set. */
  readonly layout: { readonly client: string; readonly out: string; readonly packageName?: string }
  /** The app's own code: it calls the SDK as an app would. */
  readonly main: string
}

const mainImporting = (sdk: string) => `
import { Effect, Redacted } from "effect"
import * as Auth from "${sdk}"

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
const IN_APP = { client: "src/auth-client.ts", out: "src/auth" }

const APPS_UNDER_TEST: ReadonlyArray<App> = [
  {
    name: "email-only",
    server: `export const authOptions = { baseURL: "http://localhost:3000", secret: "a-test-secret-of-at-least-32-characters", emailAndPassword: { enabled: true } }\n`,
    client: `export const clientPlugins = []\n`,
    layout: IN_APP,
    main: mainImporting("./auth/index.js"),
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
    layout: { client: "packages/auth/client.ts", out: "packages/auth/sdk", packageName: "@app/auth" },
    main: `${mainImporting("@app/auth")}
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
    server: `import { authOptions as all } from ${rootImport("better-auth.config.js")}
export const authOptions = () => {
  const options = all()
  return { ...options, plugins: options.plugins.filter((plugin) => plugin.id !== "stripe") }
}
`,
    client: `import { clientPlugins as all } from ${rootImport("better-auth.client.js")}
export const clientPlugins = all.filter((plugin) => plugin.id !== "stripe-client")
`,
    layout: IN_APP,
    main: mainImporting("./auth/index.js"),
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
    compilerOptions: {
      target: "es2022",
      lib: ["es2023", "dom", "dom.iterable"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      noUnusedLocals: true,
      types: [],
      ...compilerOptions,
    },
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
    mkdirSync(dirname(join(dir, app.layout.client)), { recursive: true })
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: app.name, private: true, type: "module" }))
    writeFileSync(join(dir, "auth.server.ts"), app.server)
    writeFileSync(join(dir, app.layout.client), app.client)
    writeFileSync(join(dir, "src", "main.ts"), app.main)
    const { packageName } = app.layout
    if (packageName !== undefined) {
      // A workspace package: its exports point at the SDK's entry, and the app's node_modules links it.
      const pkg = dirname(join(dir, app.layout.client))
      const entry = `./${relative(pkg, join(dir, app.layout.out, "index.ts"))}`
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({ name: packageName, private: true, type: "module", exports: { ".": entry } }),
      )
      mkdirSync(dirname(join(dir, "node_modules", packageName)), { recursive: true })
      symlinkSync(relative(dirname(join(dir, "node_modules", packageName)), pkg), join(dir, "node_modules", packageName))
    }
    writeFileSync(
      join(dir, "better-auth-codegen.config.ts"),
      `import { defineConfig } from ${rootImport("generator/config.ts")}
export default defineConfig(${JSON.stringify({ spec: "auth-spec.json", out: app.layout.out, clientModule: app.layout.client, serverModule: "auth.server.ts" })})
`,
    )
  }
})
afterAll(() => rmSync(APPS, { recursive: true, force: true }))

describe.each(APPS_UNDER_TEST)("the $name app", (app) => {
  it("exports its spec and generates its SDK with no edits", () => {
    const spec = run(appDir(app), BUN, join(ROOT, "generator", "export", "export.ts"))
    expect(spec.code, spec.out).toBe(0)
    const generated = run(appDir(app), BUN, join(ROOT, "generator", "cli", "main.ts"), "--quiet")
    expect(generated.code, generated.out).toBe(0)
    expect(generated.out).toBe("")
    // Paths in the output come from the output folder: the runtime imports the app's client module.
    const out = join(appDir(app), app.layout.out)
    const client = readFileSync(join(out, "_runtime", "client.ts"), "utf8")
    const clientModule = relative(join(out, "_runtime"), join(appDir(app), app.layout.client)).replace(/\.ts$/, ".js")
    expect(client).toContain(`import { clientPlugins } from "${clientModule}";`)
    // Only what the app's plugins bring.
    const signUp = readFileSync(join(out, "sign-up", "email", "email.contract.ts"), "utf8")
    expect(signUp).not.toContain("stripeCustomerId")
    if (app.name === "email-only") {
      // As fields (an override's reason in a comment may name them).
      expect(signUp).not.toMatch(/^\s*(username|phoneNumber):/m)
      expect(existsSync(join(out, "two-factor"))).toBe(false)
    }
    if (app.name === "teams") expect(existsSync(join(out, "two-factor", "totp", "verify", "verify.handler.ts"))).toBe(true)
    // The server target beside it, typed by the app's own server module (type-checked below with the app).
    const server = readFileSync(join(`${out}-server`, "_runtime", "server.ts"), "utf8")
    const serverModule = relative(join(`${out}-server`, "_runtime"), join(appDir(app), "auth.server.ts")).replace(/\.ts$/, ".js")
    expect(server).toContain(`import type { authOptions } from "${serverModule}";`)
    expect(existsSync(join(`${out}-server`, "two-factor", "two-factor.group.ts"))).toBe(app.name !== "email-only")
  })
})

describe("the apps' code type-checks against their SDKs", () => {
  it("with moduleResolution bundler and exactOptionalPropertyTypes, every app at once", () => {
    const project = join(APPS, "tsconfig.bundler.json")
    writeFileSync(
      project,
      tsconfig(
        BUNDLER,
        APPS_UNDER_TEST.map((app) => `${app.name}/src/**/*.ts`),
      ),
    )
    const result = tsc(project)
    expect(result.out).toBe("")
    expect(result.code).toBe(0)
  })

  it.each([
    ["NodeNext, importing the workspace package", "teams", NODENEXT],
    ["bundler without exactOptionalPropertyTypes", "email-only", { ...BUNDLER, exactOptionalPropertyTypes: false }],
  ])("with %s", (_, name, options) => {
    const app = APPS_UNDER_TEST.find((a) => a.name === name)!
    const project = join(appDir(app), `tsconfig.${_.replace(/\W+/g, "-")}.json`)
    writeFileSync(project, tsconfig(options, ["src/**/*.ts"]))
    const result = tsc(project)
    expect(result.out).toBe("")
    expect(result.code).toBe(0)
  })
})
