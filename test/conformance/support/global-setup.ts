/** Global setup of each conformance project: forget the records its storage and target wrote in earlier runs. */
import type { TestProject } from "vitest/node"
import { clearRecords, STORAGES } from "./records.ts"

export default function setup(project: TestProject) {
  const storage = STORAGES.find((s) => s === project.config.provide["storage"])
  if (storage === undefined) throw new Error(`conformance project ${project.name} provides no storage`)
  clearRecords(storage, project.config.provide["target"] === "server" ? "server" : "client")
}
