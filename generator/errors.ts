/**
 * The generator's failures. User faults (`SpecError`) carry the file and the place in it (a JSON pointer
 * or line:column) and print as one line; anything else is a bug and keeps its stack for a report.
 */
import * as Data from "effect/Data"

/** Errors print as one line whatever they quote (an engine's multi-line message, a file name). */
const oneLine = (text: string): string => text.replace(/\s*(?:\r\n|[\r\n\u2028\u2029])\s*/g, " ")

/** A fault in the OpenAPI document the user gave us. */
export class SpecError extends Data.TaggedError("SpecError")<{
  readonly file: string
  /** JSON pointer (`#/paths/~1sign-in~1email/post`) or `line:column`. */
  readonly at: string
  readonly message: string
}> {
  override toString() {
    return oneLine(`${this.file}:${this.at}: ${this.message}`)
  }
}

/** A fault in an override YAML file: where (file:line:col and key path), what, and how to fix it. */
export class OverrideError extends Data.TaggedError("OverrideError")<{
  readonly file: string
  /** `line:column` in the file; empty for a fault of the whole file or folder (unreadable, not a folder). */
  readonly at: string
  /** Dotted key path inside the file, e.g. `payload.fields.id`. */
  readonly path: string
  readonly message: string
  readonly hint: string
}> {
  override toString() {
    return oneLine(
      `${this.file}${this.at === "" ? "" : `:${this.at}`}: ${this.path === "" ? "" : `${this.path}: `}${this.message} (${this.hint})`,
    )
  }
}

/** Every spec and override fault of a run, reported together. */
export class OverrideErrors extends Data.TaggedError("OverrideErrors")<{ readonly errors: ReadonlyArray<OverrideError | SpecError> }> {}

/** A template folder that cannot be read (missing folder or template file). */
export class TemplateError extends Data.TaggedError("TemplateError")<{ readonly dir: string; readonly message: string }> {
  override toString() {
    return `${this.dir}: ${this.message}`
  }
}

/** Writing the output failed (disk full, permissions); generated/ was left as it was. */
export class WriteError extends Data.TaggedError("WriteError")<{ readonly path: string; readonly message: string }> {
  override toString() {
    return `${this.path}: ${this.message}`
  }
}

/**
 * Files the generator cannot prove it wrote would be overwritten or deleted (`--force` allows it):
 * `files` were edited by hand since the last generation; `unrecorded` are not in a readable previous
 * manifest (a user's own file at a path the generator needs, or any file when manifest.json is gone).
 */
export class EditedFiles extends Data.TaggedError("EditedFiles")<{
  readonly out: string
  readonly files: ReadonlyArray<string>
  readonly unrecorded?: ReadonlyArray<string>
}> {
  override toString() {
    const list = (files: ReadonlyArray<string>) => files.map((f) => `${this.out}/${f}`).join(", ")
    const unrecorded = this.unrecorded ?? []
    return [
      ...(this.files.length === 0
        ? []
        : [
            `${list(this.files)}: edited by hand since the last generation; move the change into overrides/ or templates/, or run with --force to overwrite`,
          ]),
      ...(unrecorded.length === 0
        ? []
        : [
            `${list(unrecorded)}: not written by the generator (no readable ${this.out}/manifest.json records them); move your own file away, or run with --force to overwrite`,
          ]),
    ].join("; ")
  }
}

/** `--strict`: the run had warnings. */
export class StrictWarnings extends Data.TaggedError("StrictWarnings")<{ readonly warnings: ReadonlyArray<Warning> }> {
  override toString() {
    return `${this.warnings.length} warning(s) with --strict; fix them with overrides or drop --strict`
  }
}

/** A warning with a stable kebab-case code, printed by the CLI (never by the core). */
export interface Warning {
  readonly code:
    | "missing-response-schema"
    | "untyped-field"
    | "naming-collision"
    | "nullable-in-3.1"
    | "unsupported-schema"
    | "spec-without-provenance"
    | "spec-without-markers"
    | "spec-without-error-codes"
    | "spec-version-mismatch"
    | "parameter-skipped"
    | "override-field-gone"
    | "override-hides-document"
    | "override-redundant"
  readonly message: string
  /** JSON pointer into `file`. */
  readonly at: string
  /** The file the pointer is in, when it is not the spec (an override's inline schema). */
  readonly file?: string
}
