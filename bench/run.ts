/**
 * `npm run bench [-- --runs N] [--tsc-runs N] [--project DIR] [--generation-only]`: installs the peers,
 * makes the 10× document, then times every generator and every `tsc` as whole processes, interleaved
 * within each iteration so machine noise hits all of them alike, and measures the browser bundle sizes
 * (bench/bundle.ts); prints the markdown table and writes it to bench/RESULTS.md. `--generation-only`
 * times the generators alone (no `tsc`, no bundles: minutes instead of half an hour) and prints the
 * table without writing RESULTS.md.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { cpus, loadavg, totalmem } from "node:os"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"
import { measureBundles } from "./bundle.ts"
import { type Command, measure, median, rssMethod, type Sample } from "./measure.ts"
import { writeMultiplied, writeMultipliedOverrides } from "./multiply.ts"
import { effectGenerator, ensurePeers, openapiTypescript, PEER_OUT, peerVersions } from "./peers.ts"
import { type Figures, type Line, renderReport, type Target } from "./report.ts"
import { aliasBenchPrefixes, type Compiler, tscCommand, tscErrors } from "./typecheck.ts"

const BENCH = import.meta.dirname
const OUT = join(BENCH, ".out")
const TIMES = 10

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "tsc-runs": { type: "string" },
    project: { type: "string", default: resolve(BENCH, "..") },
    "generation-only": { type: "boolean", default: false },
  },
  strict: true,
})
const RUNS = Number(values.runs)
const GENERATION_ONLY = values["generation-only"]
const TSC_RUNS = GENERATION_ONLY ? 0 : Number(values["tsc-runs"] ?? values.runs)
const PROJECT = resolve(values.project)
const SPEC = join(PROJECT, "better-auth-api-spec.json")

/**
 * What a cold run deletes first: the project's cache folder (none exists yet; `.cache/` in the project
 * root is where one would go) and the output folder (in case a cache is kept there).
 */
const COLD_RESET_PATHS = (outDir: string): ReadonlyArray<string> => [join(PROJECT, ".cache"), outDir]

/**
 * Where a cold reset moves what it removes; deleted once the timings are done. Deleting instead would
 * charge the harness's own deletions to the next timed run on a file system without a journal (ext4
 * without one, like the machine bench/RESULTS.md comes from): there, allocating an inode skips every
 * inode freed in the last minute or more, one at a time, so creating the 10× output's 5,000 files right
 * after deleting the previous 5,000 took 1.5-4 s instead of about 0.15 s (kernel time in
 * `recently_deleted`, seen with `perf`). The peers write one file each and never pay it. The 10× overrides
 * folder the bench rewrites at its start is moved aside too, for the same reason. Deletions by other
 * processes shortly before a run (a test suite's temporary folders) still cost it the same way.
 */
const TRASH = join(OUT, "trash")
let trashed = 0
const setAside = (path: string): void => {
  if (!existsSync(path)) return
  mkdirSync(TRASH, { recursive: true })
  renameSync(path, join(TRASH, `${process.pid}-${trashed++}`))
}

const ours = (spec: string, overrides: string, outDir: string): Command => ({
  cmd: join(PROJECT, "node_modules/.bin/bun"),
  args: [
    "generator/cli/main.ts",
    "--spec",
    spec,
    "--out",
    outDir,
    "--templates",
    "templates",
    "--overrides",
    overrides,
    "--no-builtin-overrides",
    "--client-module",
    "better-auth.client.ts",
    // The peers generate a client: so does ours here (the server target is a second output).
    "--target",
    "client",
    "--quiet",
  ],
  cwd: PROJECT,
})

const samples = new Map<string, Array<Sample>>()
const lastOutput = new Map<string, string>()

const run = async (key: string, command: Command, failOnError: boolean): Promise<void> => {
  const sample = await measure(command)
  if (failOnError && sample.code !== 0) throw new Error(`${key} exited ${sample.code}:\n${sample.stderr.slice(-3000)}`)
  samples.set(key, [...(samples.get(key) ?? []), sample])
  lastOutput.set(key, sample.stdout + sample.stderr)
  console.error(
    `  ${key.padEnd(18)} ${(sample.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(sample.rssMiB).toString().padStart(6)} MiB`,
  )
}

const ms = (key: string) => median((samples.get(key) ?? []).map((s) => s.ms))
const cpu = (key: string) => median((samples.get(key) ?? []).map((s) => s.cpuMs))
const rss = (key: string) => median((samples.get(key) ?? []).map((s) => s.rssMiB))
/** Median over iterations of a/b within the same iteration (paired, so drift in machine load cancels). */
const paired = (a: string, b: string) => {
  const [as, bs] = [samples.get(a) ?? [], samples.get(b) ?? []]
  return median(as.slice(0, bs.length).map((s, i) => s.ms / bs[i]!.ms))
}

const SIZES = [
  { size: "1x", spec: SPEC, overrides: join(PROJECT, "builtin-overrides") },
  { size: "10x", spec: join(OUT, "spec-10x.json"), overrides: join(OUT, "overrides-10x") },
] as const

ensurePeers()
mkdirSync(OUT, { recursive: true })
mkdirSync(PEER_OUT, { recursive: true })
const { before: opsOne, after: opsTen } = await writeMultiplied(SPEC, SIZES[1].spec, TIMES)
setAside(SIZES[1].overrides)
await writeMultipliedOverrides(SIZES[0].overrides, SIZES[1].overrides, TIMES)
const load = loadavg()[0]!.toFixed(2)

for (let i = 1; i <= RUNS; i++) {
  console.error(`generation, run ${i}/${RUNS}`)
  for (const { size, spec, overrides } of SIZES) {
    const outDir = join(OUT, `ours-${size}`)
    for (const path of COLD_RESET_PATHS(outDir)) setAside(path)
    await run(`ours cold ${size}`, ours(spec, overrides, outDir), true)
    await run(`effect ${size}`, effectGenerator(spec, join(PEER_OUT, `effect-${size}.ts`), PROJECT), true)
    await run(`ours warm ${size}`, ours(spec, overrides, outDir), true)
    await run(`oats ${size}`, openapiTypescript(spec, join(PEER_OUT, `oats-${size}.ts`), PROJECT), true)
  }
}

rmSync(TRASH, { recursive: true, force: true })

const aliased = aliasBenchPrefixes(join(OUT, "ours-10x"), TIMES - 1)
const TSC_TARGETS = [
  ["ours 1x", join(OUT, "ours-1x")],
  ["effect 1x", join(PEER_OUT, "effect-1x.ts")],
  ["oats 1x", join(PEER_OUT, "oats-1x.ts")],
  ["ours 10x", join(OUT, "ours-10x")],
  ["effect 10x", join(PEER_OUT, "effect-10x.ts")],
  ["oats 10x", join(PEER_OUT, "oats-10x.ts")],
] as const
/** Keys of tsc samples: `tsc ours 1x` (TypeScript 5.9, the project's), `tsc7 ours 1x` (TypeScript 7). */
const tscKey = (compiler: Compiler, name: string) => `${compiler === "5" ? "tsc" : "tsc7"} ${name}`
for (let i = 1; i <= TSC_RUNS; i++) {
  console.error(`tsc, run ${i}/${TSC_RUNS}`)
  for (const [name, target] of TSC_TARGETS)
    for (const compiler of ["5", "7"] as const) await run(tscKey(compiler, name), tscCommand(PROJECT, target, compiler), false)
}

/** Endpoint counts from our output's manifest.json, and the number of files in the output folder. */
const outputSummary = (outDir: string) => {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as { generated?: unknown; skipped?: unknown }
  const count = (list: unknown) => (Array.isArray(list) ? list.length : Number.NaN)
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
  return { endpoints: count(manifest.generated), skipped: count(manifest.skipped), files: String(files) }
}
const [oursOne, oursTen] = [outputSummary(join(OUT, "ours-1x")), outputSummary(join(OUT, "ours-10x"))]
const gen = (key: string, extra: string): Figures => ({ ms: ms(key), cpuMs: cpu(key), rssMiB: rss(key), extra })
const tsc = (key: string): Figures | undefined =>
  samples.has(key) ? { ms: ms(key), cpuMs: cpu(key), rssMiB: rss(key), extra: tscErrors(lastOutput.get(key) ?? "").summary } : undefined
const generation: ReadonlyArray<Line> = [
  { name: "ours, cold (no cache, fresh output folder)", one: gen("ours cold 1x", oursOne.files), ten: gen("ours cold 10x", oursTen.files) },
  { name: "ours, warm (same output, nothing changed)", one: gen("ours warm 1x", oursOne.files), ten: gen("ours warm 10x", oursTen.files) },
  { name: "@effect/openapi-generator (one unformatted file)", one: gen("effect 1x", "1"), ten: gen("effect 10x", "1") },
  { name: "openapi-typescript (types only)", one: gen("oats 1x", "1"), ten: gen("oats 10x", "1") },
]
const typecheckBy = (compiler: Compiler): ReadonlyArray<Line> => [
  { name: "ours", one: tsc(tscKey(compiler, "ours 1x")), ten: tsc(tscKey(compiler, "ours 10x")) },
  { name: "@effect/openapi-generator", one: tsc(tscKey(compiler, "effect 1x")), ten: tsc(tscKey(compiler, "effect 10x")) },
  { name: "openapi-typescript", one: tsc(tscKey(compiler, "oats 1x")), ten: tsc(tscKey(compiler, "oats 10x")) },
]
const endpointGrowth = oursTen.endpoints / oursOne.endpoints
const targets: ReadonlyArray<Target> = [
  { what: `ours cold / effect-generator, ${opsOne} ops`, value: paired("ours cold 1x", "effect 1x"), limit: 1, stretch: 0.5 },
  { what: `ours cold / effect-generator, ${opsTen.toLocaleString("en")} ops`, value: paired("ours cold 10x", "effect 10x"), limit: 1 },
  { what: `ours warm / effect-generator, ${opsOne} ops`, value: paired("ours warm 1x", "effect 1x"), limit: 0.3 },
  { what: `ours warm / effect-generator, ${opsTen.toLocaleString("en")} ops`, value: paired("ours warm 10x", "effect 10x"), limit: 0.3 },
  { what: `tsc ours / tsc effect-generator, ${opsOne} ops`, value: paired("tsc ours 1x", "tsc effect 1x"), limit: 1 },
  {
    what: `tsc ours / tsc effect-generator, ${opsTen.toLocaleString("en")} ops`,
    value: paired("tsc ours 10x", "tsc effect 10x"),
    limit: 1,
  },
  { what: "ours cold 10× / 1× time", value: paired("ours cold 10x", "ours cold 1x"), limit: 11 },
  {
    what: `tsc ours 10× / 1× time (limit: endpoints ${oursTen.endpoints}/${oursOne.endpoints})`,
    value: paired("tsc ours 10x", "tsc ours 1x"),
    limit: Number(endpointGrowth.toFixed(2)),
  },
]

const version = (dir: string, name: string) =>
  (JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT, encoding: "utf8" }).stdout.trim() || "unknown"
const nodeVersion = spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim()
const context = [
  `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; project at commit ${commit} (plus any uncommitted changes)`,
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${load} at start; node ${nodeVersion}, bun ${process.versions["bun"] ?? "?"}`,
  `versions: typescript ${version(PROJECT, "typescript")}, prettier ${version(PROJECT, "prettier")}, effect ${version(PROJECT, "effect")} (ours); peers ${Object.entries(
    peerVersions(),
  )
    .map(([n, v]) => `${n} ${v}`)
    .join(", ")}`,
  `documents: ${opsOne} operations (the committed spec) and ${opsTen.toLocaleString("en")} (bench/multiply.ts: its paths plus 9 copies under /bench1 … /bench9); ours generates ${oursOne.endpoints} endpoints (${oursOne.skipped} skipped) and ${oursTen.endpoints} (${oursTen.skipped} skipped)`,
  `medians of ${RUNS} generation runs and ${TSC_RUNS} tsc runs, whole processes; peak RSS by ${rssMethod}`,
]
const notes = [
  "Ratios are medians of per-iteration ratios: each iteration runs ours and the peers back to back, so they share the machine's load.",
  "Cold: COLD_RESET_PATHS of bench/run.ts (the project's .cache/ and the output folder) moved aside before the run (deleted after the timings: see TRASH in bench/run.ts). Warm: the same command again into the same output folder.",
  `Our output is every file formatted (${oursOne.files} files at ${opsOne} ops; by oxfmt, byte-identical to prettier); the effect generator prints one unformatted file; openapi-typescript writes one file of types.`,
  "CPU: user + system time of the whole process (every thread), which moves less with the machine's load than wall time.",
  `tsc: one tsconfig per output (strict, exactOptionalPropertyTypes, skipLibCheck, lib es2023+dom), checked by the project's TypeScript ${version(PROJECT, "typescript")} and by TypeScript ${peerVersions()["typescript-7"]} (bench/peers) with --singleThreaded: its default of four checkers doubles the CPU time on two cores and gains no wall time.`,
  `The effect generator's output is checked against its own effect ${peerVersions()["effect"]} (bench/peers), since effect ${version(PROJECT, "effect")} no longer has the effect/unstable/http modules it imports.`,
  aliased
    ? "tsc ours 10×: the copies' handlers call client.bench1…bench9, which the Better Auth client lacks; the bench widens AuthClientInstance in the output's _runtime/client.ts with benchN properties typed as the real client, so copies are checked exactly like the originals."
    : "tsc ours 10×: AuthClientInstance was not found in _runtime/client.ts, so the copies' calls to client.bench1…bench9 count as tsc errors (and are checked less deeply than real calls).",
  "The 10× run uses bench/.out/overrides-10x: overrides/ plus each endpoint override copied for /bench1 … /bench9 (bench/multiply.ts), so copies get the same corrections; only the mutatesSession path rules of _defaults.yaml (anchored at ^/) do not match copies.",
]
const bundles = GENERATION_ONLY ? undefined : await measureBundles()
const typecheckNative = {
  title: `TypeScript ${peerVersions()["typescript-7"]} (native, \`tsc --singleThreaded --noEmit\`) over the output`,
  lines: typecheckBy("7"),
}
const markdown = renderReport({
  context,
  ops: { one: opsOne, ten: opsTen },
  generation,
  typecheck: typecheckBy("5"),
  typecheckNative,
  targets,
  notes,
  bundles,
})
console.log(markdown)
if (!GENERATION_ONLY)
  writeFileSync(
    join(BENCH, "RESULTS.md"),
    `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts); reproduce with \`npm run bench -- --runs ${RUNS}\`.\n\n${markdown}`,
  )
