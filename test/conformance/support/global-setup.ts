/** Global setup of the conformance project: forget the records of earlier runs. */
import { clearRecords } from "./records.ts"

export default function setup() {
  clearRecords()
}
