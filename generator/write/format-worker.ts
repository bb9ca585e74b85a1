/** A worker thread of the formatter (format.ts): formats the texts it is given, in order, and posts them back. */
import { parentPort, workerData } from "node:worker_threads"
import * as prettier from "prettier"

const { texts, options } = workerData as { readonly texts: ReadonlyArray<string>; readonly options: prettier.Options }
const formatted: Array<string> = []
for (const text of texts) formatted.push(await prettier.format(text, options))
parentPort!.postMessage(formatted)
