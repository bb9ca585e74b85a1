/**
 * `--typecheck`: the written output is type-checked against the installed client, and each error is one
 * line naming the endpoint, the file and place, the first line of tsc's message, and what to change.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { runGenerate } from "../generator/cli/run.ts"
import { ROOT } from "./support/generate.ts"

// Inside the repository, so the output resolves effect and better-auth from its node_modules.
const dir = mkdtempSync(join(ROOT, "test", ".typecheck-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("generate --typecheck", () => {
  it("reports a wrong client method as one line naming the endpoint and the override to change", async () => {
    const overrides = join(dir, "overrides")
    cpSync(join(ROOT, "test", "golden", "small", "overrides"), overrides, { recursive: true })
    writeFileSync(join(overrides, "sign-in-email.yaml"), 'endpoint: "POST /sign-in/email"\nclientCall: signIn.emial\n')
    const outcome = await Effect.runPromise(
      runGenerate({
        spec: join(ROOT, "test", "golden", "small", "spec.json"),
        out: join(dir, "generated"),
        templates: undefined,
        overrides,
        overridesExplicit: true,
        builtinOverrides: false,
        clientModule: join(ROOT, "better-auth.client.ts"),
        importExtension: ".js",
        mode: "write",
        strict: false,
        force: false,
        report: undefined,
        cacheDir: undefined,
        log: () => {},
        typecheck: true,
      }),
    )
    const handler = relative(process.cwd(), join(dir, "generated", "sign-in", "email", "email.handler.ts"))
    expect(outcome.typeErrors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^POST /sign-in/email \\(${handler.replace(/[.]/g, "\\.")}:\\d+:\\d+\\): Property 'emial' does not exist on type '…'\\. Did you mean 'email'\\?; change ${relative(process.cwd(), join(overrides, "sign-in-email.yaml")).replace(/[.]/g, "\\.")}$`,
        ),
      ),
    ])
  })
})
