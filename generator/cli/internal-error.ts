/**
 * The last line of defence: an exception that no stage mapped to a user fault is a bug. It is printed
 * as one line with its own exit code. No dependencies, so main.ts's fast path stays light.
 */
/** The exit code of a bug in the generator (sysexits' EX_SOFTWARE), distinct from every user fault. */
export const INTERNAL_ERROR_EXIT = 70

/** One line for an exception nobody expected: what it says, and a request to report it; no stack trace. */
export const internalErrorLine = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const line = text.split(/\r\n|[\r\n\u2028\u2029]/).find((l) => l.trim() !== "") ?? "unknown failure"
  return `internal error: ${line.length > 300 ? `${line.slice(0, 300)}…` : line} (a bug in the generator: please report it with the command you ran)`
}
