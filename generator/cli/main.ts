/**
 * `bun run generate`: argv → flags, then either the fast path (the inputs and the output are exactly
 * those of the last successful run: print its summary, load nothing else) or the full run in
 * program.ts, loaded only then. No generation logic lives here.
 */
import { CACHE_DIR, type Flags, HELP, parseFlags } from "./args.ts"
import { ConfigError, type ResolvedConfig, resolveConfig } from "../config.ts"
import { INTERNAL_ERROR_EXIT, internalErrorLine } from "./internal-error.ts"
import { fingerprint, outputMatches, readState } from "../write/fingerprint.ts"
import type { Job } from "./program.ts"
import { summaryLine, warningOutput } from "./summary.ts"
import { BUILTIN_LABEL, BUILTIN_OVERRIDES } from "../overrides/builtin.ts"
import { prefetchOverrides } from "../overrides/prefetch.ts"

/**
 * JavaScriptCore's optimizing JIT (DFG, and FTL above it) costs a run of a few seconds more than it gains
 * back: its compiler thread took over a quarter of a cold run's CPU. Without it a cold run took about a
 * third less CPU, at 200 and at 2,000 operations alike. Under Bun the CLI therefore replaces itself
 * (execve: the same process, pid, arguments and standard streams) with one that has
 * `BUN_JSC_useDFGJIT=0`, unless the variable is set already (`BUN_JSC_useDFGJIT=1` keeps that JIT). Not
 * with `--typecheck`: it runs TypeScript's checker in this process for seconds, where the JIT pays.
 */
const JIT_VARIABLE = "BUN_JSC_useDFGJIT"
/** `process.execve` (Bun, Node 22.15+; not on Windows), which @types/node 20 does not declare. */
const { execve } = process as { execve?: (file: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv) => never }
if (
  process.versions["bun"] !== undefined &&
  process.env[JIT_VARIABLE] === undefined &&
  execve !== undefined &&
  !process.argv.includes("--typecheck")
)
  execve.call(process, process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    ...process.env,
    [JIT_VARIABLE]: "0",
  })

const main = async (): Promise<number> => {
  const started = performance.now()
  let values
  try {
    values = parseFlags(process.argv.slice(2))
  } catch (error) {
    console.error(`error: ${(error as Error).message} (see --help)`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  if (values.doctor) {
    const { doctor } = await import("./doctor.ts")
    const findings = doctor(process.cwd())
    for (const f of findings) console.error(`problem: ${f.problem}\n  fix: ${f.fix}`)
    if (findings.length > 0) return 1
    if (!values.quiet)
      console.log("node_modules: one better-auth, one @better-auth/core, one better-call; every Better Auth package's peers match")
    return 0
  }
  if (values.check && values["dry-run"]) {
    console.error("error: --check and --dry-run exclude each other (see --help)")
    return 2
  }
  let config
  try {
    config = await resolveConfig(values)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`error: ${error.message}`)
    return 2
  }
  let code = 0
  for (const target of config.targets) {
    const out = target === "client" ? config.out : config.serverOut
    // With both outputs, the server's report goes beside the client's: UPGRADE.md and UPGRADE.server.md.
    const report =
      values.report === undefined || target === "client" || config.targets.length === 1 ? values.report : serverReport(values.report)
    // The warnings are the document's and the overrides': printed with the first output only.
    const warnings = target === config.targets[0]
    code = Math.max(code, await runTarget(values, config, { target, out, report, warnings }, started))
    // Bad input (2) or an unwritable disk (3) fails every target alike: say it once.
    if (code >= 2) break
  }
  return code
}

/** `UPGRADE.md` → `UPGRADE.server.md`. */
const serverReport = (file: string): string => (/\.md$/i.test(file) ? file.replace(/\.md$/i, ".server.md") : `${file}.server`)

/** One output: the fast path when its inputs and files are those of its last successful run, else the full run. */
const runTarget = async (values: Flags, config: ResolvedConfig, job: Job, started: number): Promise<number> => {
  // The inputs' fingerprint, taken before the run: the full run records it once it succeeds.
  const print = await fingerprint({ ...config, out: job.out, target: job.target }).catch(() => undefined)
  // A report compares with the previous manifest and --force may have work to do: both take the full run.
  if (job.report === undefined && !values.force && !values.typecheck && print !== undefined) {
    const state = await readState(CACHE_DIR, job.out)
    if (
      state !== undefined &&
      print === state.fingerprint &&
      !(values.strict && state.warnings.length > 0) &&
      (await outputMatches(job.out, state))
    ) {
      if (!values.quiet && job.warnings) for (const line of warningOutput(state.warnings, values.verbose)) console.error(line)
      const ms = Math.round(performance.now() - started)
      const files = Object.keys(state.files).length
      if (values.quiet) return 0
      if (values.check) console.log(`${job.out}/ is up to date (${files} files, ${ms} ms)`)
      else {
        console.log(
          summaryLine({
            out: job.out,
            endpoints: state.endpoints,
            skipped: state.skipped,
            counts: { create: 0, update: 0, unchanged: files, delete: 0 },
            warnings: state.warnings.length,
            ms,
          }),
        )
      }
      return 0
    }
  }
  // The override YAML is read on a worker thread while the pipeline's modules load (the largest cost of a cold run).
  prefetchOverrides(CACHE_DIR, [
    ...(config.builtinOverrides ? [{ dir: BUILTIN_OVERRIDES, options: { builtin: true, label: BUILTIN_LABEL } }] : []),
    { dir: config.overrides, options: { required: config.overridesExplicit } },
  ])
  const { runCli } = await import("./program.ts")
  return runCli(values, config, job, started, print)
}

// Anything main did not map to an exit code is a bug: one line and its own exit code, never a stack trace.
process.exitCode = await main().catch((error: unknown) => {
  console.error(internalErrorLine(error))
  return INTERNAL_ERROR_EXIT
})
