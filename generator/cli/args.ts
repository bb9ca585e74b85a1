/** The generate command's flags, parsed by node:util parseArgs, and its help text. No dependencies. */
import { parseArgs } from "node:util"

export const HELP = `Generate the Effect SDK from the Better Auth OpenAPI document.

usage: bun run generate [-- options]

  --config FILE       the config file (default better-auth-codegen.config.ts, if present); flags override it
  --spec FILE         the OpenAPI document (default better-auth-api-spec.json)
  --overrides DIR     your override YAML files (default overrides)
  --no-builtin-overrides
                      do not apply the shipped overrides (document corrections, feature layout)
  --out DIR           the client output folder (default generated)
  --server-out DIR    the server output folder (default: the client's with -server appended)
  --target NAME       write only this output: client or server (repeatable; default both)
  --templates DIR     templates that replace shipped ones by name (handler.hbs, runtime/client.ts, ...)
  --client-module M   the module exporting clientPlugins that the SDK imports: a path or a package
                      specifier (default better-auth.client.ts)
  --import-extension E
                      how relative imports end: .js (default), .ts or none
  --identifier-prefix P
                      what Schema.Class identifiers start with, joined by / (default @better-auth-effect,
                      giving "@better-auth-effect/two-factor/totp/verify/Payload"; "" for bare paths)
  --formatter NAME    oxfmt (default; native, same bytes as prettier for this output) or prettier (the
                      reference, slower); either uses the prettier config that applies to the output folder
  --check             write nothing; exit 1 and list missing, changed and stale files if the output is not up to date
  --dry-run           write nothing; list what would be created, updated and deleted
  --strict            warnings are errors
  --force             overwrite generated files that were edited by hand
  --report FILE       write a markdown change report for the upgrade PR
  --doctor            check the installed Better Auth (one core, one better-call, peers that match) and exit
  --typecheck         type-check the output against the installed client; one line per error (exit 1)
  --quiet             print errors only
  --verbose           print each phase and each file change
  --help              this text

exit codes: 0 ok, 1 check failed, hand-edited files in the way, --doctor found a problem or --typecheck
an error, 2 bad input (config, spec, overrides, templates, flags, warnings with --strict), 3 the output
folder cannot be written, 70 internal error (a bug: please report it)`

export const OPTIONS = {
  config: { type: "string" },
  spec: { type: "string" },
  overrides: { type: "string" },
  "no-builtin-overrides": { type: "boolean", default: false },
  out: { type: "string" },
  "server-out": { type: "string" },
  target: { type: "string", multiple: true },
  templates: { type: "string" },
  "client-module": { type: "string" },
  "import-extension": { type: "string" },
  formatter: { type: "string" },
  "identifier-prefix": { type: "string" },
  check: { type: "boolean", default: false },
  "dry-run": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  report: { type: "string" },
  doctor: { type: "boolean", default: false },
  typecheck: { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const

/** The cache folder (formatting cache, last run's state), relative to the working directory. */
export const CACHE_DIR = ".cache/better-auth-effect-codegen"

export type Flags = ReturnType<typeof parseFlags>

/** Parses argv; throws with parseArgs' message on an unknown flag or a missing value. */
export const parseFlags = (argv: ReadonlyArray<string>) =>
  parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values
