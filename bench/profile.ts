/**
 * `bun bench/profile.ts [--spec F] [--overrides DIR] [--project DIR]`: one cold generation under
 * `bun --cpu-prof`, then its CPU samples split by phase (a sample goes to the first phase whose code is
 * on its stack). The raw profile stays in bench/.out/profile/ for Chrome DevTools or speedscope.
 */
import { spawnSync } from "node:child_process"
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** Frames that load or evaluate a module. */
const LOADING = new Set(["require", "bound require", "importModule", "(module)", "moduleEvaluation", "loadModule", "requestImportModule"])
const isPrettier = (f: ProfileNode["callFrame"]) => f.url.includes("/node_modules/prettier/")
const isLoading = (f: ProfileNode["callFrame"]) => LOADING.has(f.functionName)

/** Phases in priority order: a sample goes to the first phase that matches its stack. */
const PHASES: ReadonlyArray<readonly [string, (stack: ReadonlyArray<ProfileNode["callFrame"]>) => boolean]> = [
  ["prettier: loading its modules and plugins", (s) => s.some(isPrettier) && s.some(isLoading)],
  ["prettier: formatting", (s) => s.some(isPrettier)],
  [
    "oxfmt: formatting (main thread only; its native threads are not profiled)",
    (s) => s.some((f) => f.url.includes("/node_modules/oxfmt/")),
  ],
  ["module loading (other imports)", (s) => s.some(isLoading)],
  ["writing files (generator/write/write.ts)", (s) => s.some((f) => f.url.includes("/generator/write/write.ts"))],
  [
    "templates (handlebars, generator/render)",
    (s) => s.some((f) => f.url.includes("/node_modules/handlebars/") || f.url.includes("/generator/render/")),
  ],
  [
    "model (spec, overrides, generator/model, yaml)",
    (s) => s.some((f) => /\/generator\/(model|spec|overrides)\//.test(f.url) || f.url.includes("/node_modules/yaml/")),
  ],
  ["effect runtime", (s) => s.some((f) => f.url.includes("/node_modules/effect/"))],
  [
    "main thread in Worker calls (format workers; workers are not profiled)",
    (s) => s.some((f) => f.url.includes("worker_threads") || f.functionName === "terminate"),
  ],
  ["idle / gc / program", (s) => s.some((f) => ["(idle)", "(garbage collector)", "(program)"].includes(f.functionName))],
]

/** Milliseconds per phase, from a parsed .cpuprofile. */
export const phases = (profile: Profile): Map<string, number> => {
  const parent = new Map<number, ProfileNode>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node)
  const totals = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const stack: Array<ProfileNode["callFrame"]> = []
    for (let node = byId.get(id); node !== undefined; node = parent.get(node.id)) stack.push(node.callFrame)
    const phase = PHASES.find(([, test]) => test(stack))?.[0] ?? "other"
    totals.set(phase, (totals.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return totals
}

if (resolve(process.argv[1] ?? "") === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      spec: { type: "string" },
      overrides: { type: "string" },
      project: { type: "string", default: resolve(import.meta.dirname, "..") },
    },
    strict: true,
  })
  const project = resolve(values.project)
  const dir = join(import.meta.dirname, ".out", "profile")
  const out = join(dir, "generated")
  for (const path of [dir, join(project, ".cache")]) rmSync(path, { recursive: true, force: true })
  const spec = resolve(values.spec ?? join(project, "better-auth-api-spec.json"))
  const overrides = resolve(values.overrides ?? join(project, "builtin-overrides"))
  const args = [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    "generator/cli/main.ts",
    "--spec",
    spec,
    "--overrides",
    overrides,
    "--no-builtin-overrides",
    "--out",
    out,
    "--target",
    "client",
    "--quiet",
  ]
  const result = spawnSync(join(project, "node_modules/.bin/bun"), args, { cwd: project, stdio: "inherit" })
  if (result.status !== 0) process.exit(result.status ?? 1)
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`)
  const totals = phases(JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile)
  const all = [...totals.values()].reduce((a, b) => a + b, 0)
  console.log(`| phase | CPU time | share |\n|---|---|---|`)
  for (const [phase, ms] of [...totals].sort((a, b) => b[1] - a[1]))
    console.log(`| ${phase} | ${(ms / 1000).toFixed(2)} s | ${((100 * ms) / all).toFixed(1)}% |`)
  console.log(`\nprofile: ${join(dir, file)}`)
}
