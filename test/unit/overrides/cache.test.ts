import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeEach, describe, expect, it } from "vitest"
import { loadOverridesCached, overridesCacheFile } from "../../../generator/overrides/cache.ts"
import { type LoadedOverrides, loadOverrides } from "../../../generator/overrides/load.ts"
import { ROOT } from "../../support/generate.ts"

const work = mkdtempSync(join(tmpdir(), "overrides-cache-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let dir = ""
let cacheDir = ""
let cacheFile = ""
beforeEach(() => {
  const case_ = mkdtempSync(join(work, "case-"))
  dir = join(case_, "overrides")
  cacheDir = join(case_, "cache")
  cacheFile = overridesCacheFile(cacheDir, dir)
  cpSync(join(ROOT, "builtin-overrides"), dir, { recursive: true })
})

const cached = () => Effect.runPromise(loadOverridesCached(dir, {}, cacheDir))
const values = (loaded: LoadedOverrides) => ({
  endpoints: loaded.endpoints.map(({ file, override, reasons, builtin }) => ({ file, override, reasons, builtin })),
  defaults: loaded.defaults.map(({ file, defaults, builtin }) => ({ file, defaults, builtin })),
})
const signOut = () => join(dir, "sign-out.yaml")

describe("loadOverridesCached", () => {
  it("loads what loadOverrides loads, then the same from its cache, with the same positions", async () => {
    const fresh = await Effect.runPromise(loadOverrides(dir))
    const first = await cached()
    const second = await cached()
    expect(values(first)).toEqual(values(fresh))
    expect(values(second)).toEqual(values(fresh))
    // The stated reasons (comments) come back from the cache too.
    expect(second.endpoints.filter((e) => e.reasons?.file !== undefined).length).toBeGreaterThan(0)
    for (const [i, endpoint] of fresh.endpoints.entries())
      expect(second.endpoints[i]!.locate(["endpoint"]), endpoint.file).toBe(endpoint.locate(["endpoint"]))
    expect(second.defaults.length).toBe(1)
    expect(second.defaults[0]!.locate(["rules"])).toBe(fresh.defaults[0]!.locate(["rules"]))
  })

  it("answers from the cache while the files are unchanged, and reads them again when one changes", async () => {
    await cached()
    // Mark the cached value: an unchanged folder gets the marked value back, so nothing was parsed.
    const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as { endpoints: Array<{ override: { description?: string } }> }
    cache.endpoints[0]!.override.description = "from the cache"
    writeFileSync(cacheFile, JSON.stringify(cache))
    expect((await cached()).endpoints[0]!.override.description).toBe("from the cache")
    writeFileSync(signOut(), `${readFileSync(signOut(), "utf8")}description: edited\n`)
    const reloaded = await cached()
    expect(reloaded.endpoints[0]!.override.description).not.toBe("from the cache")
    expect(reloaded.endpoints.find((e) => e.file.endsWith("sign-out.yaml"))?.override.description).toBe("edited")
  })

  it("reports the errors of a broken file on every run (a failed load is not cached)", async () => {
    await cached()
    writeFileSync(signOut(), `${readFileSync(signOut(), "utf8")}mutatesSesion: true\n`)
    for (let run = 0; run < 2; run++) {
      const result = await Effect.runPromise(Effect.result(loadOverridesCached(dir, {}, cacheDir)))
      expect(result._tag).toBe("Failure")
      if (result._tag === "Failure")
        expect(result.failure.map(String).join("\n")).toMatch(/sign-out\.yaml:\d+:\d+.*unknown key "mutatesSesion"/)
    }
  })

  it("keeps a shipped layer shipped (builtin, named by its label), and never answers a user's layer with it", async () => {
    const layer = { builtin: true, label: "builtin-overrides" }
    const fresh = await Effect.runPromise(loadOverridesCached(dir, layer, cacheDir))
    const again = await Effect.runPromise(loadOverridesCached(dir, layer, cacheDir))
    expect(values(again)).toEqual(values(fresh))
    expect(again.endpoints.every((e) => e.builtin && e.file.startsWith("builtin-overrides/"))).toBe(true)
    // The same folder as a user's layer is another key: strict, named relative to the working directory.
    expect((await cached()).endpoints.some((e) => e.builtin)).toBe(false)
  })

  it("reports a missing folder named explicitly, as loadOverrides does", async () => {
    const result = await Effect.runPromise(Effect.result(loadOverridesCached(join(dir, "nowhere"), { required: true }, cacheDir)))
    expect(result._tag === "Failure" ? result.failure.map(String).join("\n") : "loaded").toMatch(/the overrides folder does not exist/)
  })

  it("parses afresh when the cache file is not JSON", async () => {
    await cached()
    writeFileSync(cacheFile, "{ not json")
    expect(values(await cached())).toEqual(values(await Effect.runPromise(loadOverrides(dir))))
  })
})
