/**
 * Makes the 10× benchmark input: the committed spec's paths unchanged plus 9 copies under /bench1 …
 * /bench9 (operationIds suffixed so they stay unique), and an overrides folder with each endpoint's
 * override copied for every copy. Run alone (defaults into bench/.out/):
 * `bun bench/multiply.ts [--spec F] [--out F] [--times N] [--overrides DIR] [--overrides-out DIR]`.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises"
import { basename, dirname, join, resolve } from "node:path"
import { parseArgs } from "node:util"
import { parseDocument } from "yaml"

type Json = { [key: string]: unknown }

/** Returns a document with `times - 1` prefixed copies of every path added after the originals. */
export const multiplyDocument = (document: Json, times: number): Json => {
  const paths = document["paths"] as Record<string, Record<string, Json>>
  const out: Record<string, unknown> = { ...paths }
  for (let copy = 1; copy < times; copy++) {
    for (const [path, item] of Object.entries(paths)) {
      const cloned = structuredClone(item)
      for (const operation of Object.values(cloned)) {
        // `x-better-auth-client-method` is an HTTP method ("GET"/"POST"), not a name: copies keep it.
        if (typeof operation["operationId"] === "string") operation["operationId"] = `${operation["operationId"]}Bench${copy}`
      }
      out[`/bench${copy}${path}`] = cloned
    }
  }
  return { ...document, paths: out }
}

/** Counts operations (HTTP methods under paths). */
export const countOperations = (document: Json): number =>
  Object.values(document["paths"] as Record<string, Record<string, unknown>>).reduce(
    (sum, item) =>
      sum + Object.keys(item).filter((k) => ["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(k)).length,
    0,
  )

/** Reads `spec`, writes the multiplied document to `out`, returns the operation counts. */
export const writeMultiplied = async (spec: string, out: string, times: number): Promise<{ before: number; after: number }> => {
  const document = JSON.parse(await readFile(spec, "utf8")) as Json
  const multiplied = multiplyDocument(document, times)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, JSON.stringify(multiplied, null, 2))
  return { before: countOperations(document), after: countOperations(multiplied) }
}

/**
 * Copies an overrides folder and adds, for every endpoint file, one copy per prefix under benchN/ with
 * the endpoint (and `folder`, `clientCall` when set) moved under the prefix, so copies get the same
 * corrections as the originals. Files starting with `_` (global defaults) are copied unchanged.
 */
export const writeMultipliedOverrides = async (from: string, to: string, times: number): Promise<number> => {
  const files = (await readdir(from, { recursive: true })).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
  let written = 0
  const put = async (path: string, text: string) => {
    await mkdir(dirname(join(to, path)), { recursive: true })
    await writeFile(join(to, path), text)
    written++
  }
  for (const file of files) {
    const text = await readFile(join(from, file), "utf8")
    await put(file, text)
    if (basename(file).startsWith("_")) continue
    for (let copy = 1; copy < times; copy++) {
      const doc = parseDocument(text)
      const endpoint = String(doc.get("endpoint"))
      doc.set("endpoint", endpoint.replace(" /", ` /bench${copy}/`))
      if (doc.has("folder")) doc.set("folder", `bench${copy}/${String(doc.get("folder"))}`)
      if (doc.has("clientCall")) doc.set("clientCall", `bench${copy}.${String(doc.get("clientCall"))}`)
      await put(join(`bench${copy}`, file), doc.toString())
    }
  }
  return written
}

if (resolve(process.argv[1] ?? "") === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: "better-auth-api-spec.json" },
      out: { type: "string", default: "bench/.out/spec-10x.json" },
      times: { type: "string", default: "10" },
      overrides: { type: "string", default: "builtin-overrides" },
      "overrides-out": { type: "string", default: "bench/.out/overrides-10x" },
    },
    strict: true,
  })
  const { before, after } = await writeMultiplied(values.spec, values.out, Number(values.times))
  console.log(`${values.out}: ${after} operations (${before} × ${values.times})`)
  const files = await writeMultipliedOverrides(values.overrides, values["overrides-out"], Number(values.times))
  console.log(`${values["overrides-out"]}/: ${files} override files`)
}
