/** An in-memory database for Better Auth's memory adapter, used by the spec export and live tests. */
import { getAuthTables } from "better-auth/db"

/** One empty array per model, as the memory adapter requires before the first call. */
export const memoryDatabase = (options: Parameters<typeof getAuthTables>[0]) =>
  Object.fromEntries(Object.values(getAuthTables(options)).map((table) => [table.modelName, [] as Array<unknown>]))
