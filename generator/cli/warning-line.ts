/** One printed warning: code, operation, file and JSON pointer, message. */
import type { Warning } from "../errors.ts"
import { operationOf } from "../spec/pointer.ts"

export const warningLine = (w: Warning, spec: string) => {
  const operation = operationOf(w.at)
  return `warning[${w.code}] ${operation === undefined ? "" : `${operation} `}${w.file ?? spec}${w.at}: ${w.message}`
}
