/** Writes generated trees to disk and type-checks them in one ts-morph program (one compiler pass). */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { Project } from "ts-morph"
import { ROOT } from "./generate.ts"

/** Writes `files` (output-relative path → content) below `dir`. */
export const writeTree = (dir: string, files: ReadonlyMap<string, string> | Iterable<readonly [string, string]>): void => {
  for (const [path, content] of files) {
    const target = join(dir, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
}

/**
 * The compiler's messages for the contracts and shared schemas below the given output folders, as
 * `file:line: message` (empty: they compile). Handlers and barrels are left out: they are checked
 * against the real Better Auth client, which knows none of a made-up document's endpoints.
 */
export const typeErrors = (dirs: ReadonlyArray<string>): ReadonlyArray<string> => {
  const project = new Project({ tsConfigFilePath: join(ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true })
  for (const dir of dirs) project.addSourceFilesAtPaths([join(dir, "**", "*.contract.ts"), join(dir, "_common", "*.ts")])
  project.resolveSourceFileDependencies()
  return project.getPreEmitDiagnostics().map((d) => {
    const text = d.getMessageText()
    const message = typeof text === "string" ? text : text.getMessageText()
    return `${d.getSourceFile()?.getFilePath() ?? "?"}:${d.getLineNumber() ?? 0}: ${message}`
  })
}
