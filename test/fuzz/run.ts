/**
 * `npm run fuzz -- [--runs N] [--seed S]`: the property of test/fuzz.test.ts over many cases (default
 * 3000, a random seed). Prints the outcome counts; exits 1 on a crash, an unlocated error or a type error.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { ROOT } from "../support/generate.ts"
import { fuzz } from "./drive.ts"

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3000" }, seed: { type: "string" }, keep: { type: "boolean", default: false } },
})
const runs = Number(values.runs)
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
// Inside the project, so that the outputs resolve `effect` from its node_modules.
const dir = mkdtempSync(join(ROOT, "test", ".fuzz-"))
const started = performance.now()
console.log(`fuzz: ${runs} cases, seed ${seed}, outputs in ${dir}`)
const report = await fuzz({ runs, seed, dir, log: (line) => console.log(`  ${line}`) })
const seconds = Math.round((performance.now() - started) / 1000)
console.log(
  `fuzz: ${report.runs} cases in ${seconds} s: ${report.accepted} accepted (${report.checked} distinct outputs type-checked), ${report.rejected} rejected with located errors`,
)
if (report.failure !== undefined) console.error(report.failure)
for (const error of report.typeErrors.slice(0, 20)) console.error(`type error: ${error}`)
const failed = report.failure !== undefined || report.typeErrors.length > 0
if (!failed && !values.keep) rmSync(dir, { recursive: true, force: true })
process.exitCode = failed ? 1 : 0
