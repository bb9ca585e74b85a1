/**
 * Where the live server keeps its data: the conformance suite runs once per storage (one vitest project
 * each, vitest.config.ts provides `storage`). The memory adapter answers what Better Auth's own tests
 * see; SQLite (better-sqlite3) and PostgreSQL (PGlite, a real Postgres compiled to WASM) answer what
 * deployments see. SQL schemas are created by Better Auth's own migrations for the configured plugins.
 */
import { PGlite } from "@electric-sql/pglite"
import type { BetterAuthOptions } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import Database from "better-sqlite3"
import { PGliteDialect } from "kysely-pglite-dialect"
import { inject } from "vitest"
import { type Storage, STORAGES, type SuiteTarget } from "./records.ts"

export { type Storage, STORAGES }

declare module "vitest" {
  export interface ProvidedContext {
    /** The storage of the conformance project running this file. */
    readonly storage: Storage
    /** The server target's projects run the flows through the generated server (absent: the client target). */
    readonly target?: SuiteTarget
  }
}

/** The target of the running conformance project. */
export const currentTarget = (): SuiteTarget => (inject("target") === "server" ? "server" : "client")

/** The storage of the running conformance project. */
export const currentStorage = (): Storage => {
  const storage = inject("storage")
  if (!STORAGES.includes(storage)) throw new Error(`no storage provided to this vitest project (got ${String(storage)})`)
  return storage
}

// One Postgres per worker (starting PGlite takes seconds): each server gets an emptied schema and a
// fresh migration. Files of a worker run one after another, so no server sees another's rows.
let postgres: Promise<PGlite> | undefined

const emptyPostgres = async (): Promise<PGlite> => {
  postgres ??= PGlite.create()
  const db = await postgres
  await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
  return db
}

/**
 * A new, empty SQL database with the tables of `options` (its plugins and additional fields), migrated by
 * Better Auth; undefined for the memory adapter, which the live server sets up itself.
 */
export const openDatabase = async (storage: Storage, options: BetterAuthOptions): Promise<BetterAuthOptions["database"]> => {
  const database: BetterAuthOptions["database"] =
    storage === "memory"
      ? undefined
      : storage === "sqlite"
        ? new Database(":memory:")
        : // Transactions are on: the dialect serializes PGlite's single connection.
          { dialect: new PGliteDialect(await emptyPostgres()), type: "postgres", transaction: true }
  if (database === undefined) return undefined
  const { runMigrations } = await getMigrations({ ...options, database })
  await runMigrations()
  return database
}
