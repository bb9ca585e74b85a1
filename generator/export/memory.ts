/** An in-memory database for Better Auth's memory adapter, used by the spec export and live tests. */
import { getAuthTables } from "better-auth/db"

/** One empty array per model of `getAuthTables`' answer, as the memory adapter requires before the first call. */
export const emptyTables = (tables: Readonly<Record<string, { readonly modelName: string }>>) =>
  Object.fromEntries(Object.values(tables).map((table) => [table.modelName, [] as Array<unknown>]))

/** One empty array per model, as the memory adapter requires before the first call. */
export const memoryDatabase = (options: Parameters<typeof getAuthTables>[0]) => emptyTables(getAuthTables(options))
