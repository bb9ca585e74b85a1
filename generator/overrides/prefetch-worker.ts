/**
 * The override worker (started by prefetch.ts): lists and reads each overrides folder, sends the files,
 * then reads them up to validation (readSyntax), taking each file's index from a counter it shares with
 * the main thread, which reads the rest itself once it needs the layer. Any failure (a folder that
 * cannot be listed, a file that cannot be read) is sent as such: the main thread then loads that layer
 * as if there were no worker, and reports the error.
 */
import { readFileSync } from "node:fs"
import { parentPort, workerData } from "node:worker_threads"
import { isDefaultsFile, listYaml, shownName } from "./files.ts"
import { readSyntax } from "./syntax.ts"
import type { WorkerData, WorkerMessage } from "./prefetch.ts"

const { layers, counters } = workerData as WorkerData
const claims = new Int32Array(counters)
const post = (message: WorkerMessage) => parentPort!.postMessage(message)

for (const [layer, { dir, label }] of layers.entries()) {
  // Synchronous reads: this thread has nothing else to do, and a thread-pool round trip per file costs more.
  const files = await listYaml(dir)
    .then((paths) =>
      paths.map((path) => ({ file: shownName(dir, path, label), text: readFileSync(path, "utf8"), isDefaults: isDefaultsFile(dir, path) })),
    )
    .catch(() => undefined)
  post({ layer, files })
  if (files === undefined) continue
  for (let index = Atomics.add(claims, layer, 1); index < files.length; index = Atomics.add(claims, layer, 1)) {
    const file = files[index]!
    post({ layer, index, syntax: readSyntax(file.text, file.isDefaults ? "defaults" : "endpoint").syntax })
  }
}
