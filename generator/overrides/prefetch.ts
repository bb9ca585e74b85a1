/**
 * Stage 1c, started early: reading the override YAML is the largest single cost of a cold run (about
 * 0.2 s of CPU for the shipped 131 files, ten times that for ten times the files). The CLI starts a
 * worker thread (prefetch-worker.ts) on its second core as soon as it knows the overrides folders, before
 * it loads Effect and the rest of the pipeline; when the pipeline reaches a layer, the main thread reads
 * the files the worker has not taken yet itself (both take the next file from one shared counter), then
 * validates them all as without the worker. The result is the same: the same code reads each file, only
 * on another thread; positions in a file are parsed again only when an error or warning points into it.
 * Skipped for a folder whose validated overrides are cached (cache.ts answers without reading YAML), and
 * outside Bun (the worker is TypeScript).
 */
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { Worker } from "node:worker_threads"
import { overridesCacheFile } from "./files.ts"
import type { LoadOptions } from "./load.ts"
import type { Syntax } from "./syntax.ts"

/** An override file as read from its folder. */
export interface OverrideText {
  readonly file: string
  readonly text: string
  readonly isDefaults: boolean
}

export interface WorkerData {
  readonly layers: ReadonlyArray<{ readonly dir: string; readonly label: string | undefined }>
  /** One Int32 per layer: the index of the next file to read, taken by whichever thread gets there first. */
  readonly counters: SharedArrayBuffer
}

/** A layer's files (undefined: they could not be read), or one file's syntax. */
export type WorkerMessage =
  | { readonly layer: number; readonly files: ReadonlyArray<OverrideText> | undefined }
  | { readonly layer: number; readonly index: number; readonly syntax: Syntax }

/** A prefetched layer: its files, and a way to have every one read up to validation. */
export interface Prefetched {
  readonly files: ReadonlyArray<OverrideText>
  /** Reads the files the worker has not taken (on this thread), waits for the others. */
  readonly syntaxes: () => Promise<ReadonlyArray<Syntax>>
}

interface Layer {
  readonly files: Promise<ReadonlyArray<OverrideText> | undefined>
  /** Resolves `files` (undefined: the worker could not read them, or stopped). */
  readonly settle: (files: ReadonlyArray<OverrideText> | undefined) => void
  readonly received: Map<number, Syntax>
  /** Called when a file's syntax arrives or the worker stops. */
  wake: () => void
}

const newLayer = (): Layer => {
  let settle: Layer["settle"] = () => {}
  const files = new Promise<ReadonlyArray<OverrideText> | undefined>((resolveFiles) => (settle = resolveFiles))
  return { files, settle, received: new Map(), wake: () => {} }
}

/** Reads a file on this thread (yaml is loaded only then: not on the CLI's no-op path). */
const syntaxReader = async () => {
  const { readSyntax } = await import("./syntax.ts")
  return (file: OverrideText): Syntax => readSyntax(file.text, file.isDefaults ? "defaults" : "endpoint").syntax
}

const layers = new Map<string, { readonly take: () => Promise<Prefetched | undefined> }>()

const keyOf = (dir: string, options: LoadOptions) => `${resolve(dir)}\0${options.label ?? ""}\0${options.builtin === true}`

/**
 * Starts reading these overrides folders on a worker thread, in this order (the order the pipeline loads
 * them). A folder with a cache file under `cacheDir` is left out. Does nothing outside Bun.
 */
export const prefetchOverrides = (
  cacheDir: string | undefined,
  folders: ReadonlyArray<{ readonly dir: string; readonly options: LoadOptions }>,
): void => {
  if (process.versions["bun"] === undefined) return
  const wanted = folders.filter(
    ({ dir, options }) => !layers.has(keyOf(dir, options)) && (cacheDir === undefined || !existsSync(overridesCacheFile(cacheDir, dir))),
  )
  if (wanted.length === 0) return
  const counters = new SharedArrayBuffer(4 * wanted.length)
  const claims = new Int32Array(counters)
  const data: WorkerData = { layers: wanted.map(({ dir, options }) => ({ dir: resolve(dir), label: options.label })), counters }
  let worker: Worker
  try {
    worker = new Worker(new URL("./prefetch-worker.ts", import.meta.url), { workerData: data })
  } catch {
    return
  }
  // The worker never keeps the process alive on its own; it does while the pipeline waits for it.
  worker.unref()
  let stopped = false
  const state = wanted.map(newLayer)
  worker.on("message", (message: WorkerMessage) => {
    if ("files" in message) state[message.layer]!.settle(message.files)
    else {
      state[message.layer]!.received.set(message.index, message.syntax)
      state[message.layer]!.wake()
    }
  })
  const stop = () => {
    stopped = true
    for (const layer of state) {
      layer.settle(undefined)
      layer.wake()
    }
  }
  worker.on("error", stop)
  worker.on("exit", stop)
  wanted.forEach(({ dir, options }, index) => {
    const layer = state[index]!
    const take = async (): Promise<Prefetched | undefined> => {
      worker.ref()
      const files = await layer.files.finally(() => worker.unref())
      if (files === undefined) return undefined
      const syntaxes = async () => {
        const syntaxOf = await syntaxReader()
        // Read what the worker has not taken, then wait for what it has.
        for (let i = Atomics.add(claims, index, 1); i < files.length; i = Atomics.add(claims, index, 1)) {
          layer.received.set(i, syntaxOf(files[i]!))
        }
        worker.ref()
        while (layer.received.size < files.length && !stopped) await new Promise<void>((wake) => (layer.wake = wake))
        worker.unref()
        // A worker that stopped half-way leaves its files to this thread.
        return files.map((file, i) => layer.received.get(i) ?? syntaxOf(file))
      }
      return { files, syntaxes }
    }
    layers.set(keyOf(dir, options), { take })
  })
}

/** The prefetched layer of this folder, once (undefined when it was not prefetched or could not be read). */
export const takePrefetched = (dir: string, options: LoadOptions): Promise<Prefetched | undefined> | undefined => {
  const key = keyOf(dir, options)
  const layer = layers.get(key)
  if (layer === undefined) return undefined
  layers.delete(key)
  return layer.take()
}
