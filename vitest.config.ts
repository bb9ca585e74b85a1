import { configDefaults, defineConfig } from "vitest/config"
import { STORAGES } from "./test/conformance/support/records.ts"

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The email OTP suite calls a deprecated endpoint on purpose (to show it still answers).
    onConsoleLog: (log) => !log.startsWith("[Deprecation]"),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/conformance/**"] },
      },
      // Live conformance, once per storage: the generated handlers against an in-process Better Auth
      // server on the memory adapter, SQLite and PostgreSQL. Files share their worker's module graph
      // (importing Better Auth once per worker, not once per file); each file starts its own server.
      // Every file's exercised endpoints are recorded per storage for the coverage check.
      ...STORAGES.map((storage) => ({
        extends: true as const,
        test: {
          name: `conformance-${storage}`,
          include: ["test/conformance/**/*.test.ts"],
          isolate: false,
          provide: { storage },
          globalSetup: ["test/conformance/support/global-setup.ts"],
          setupFiles: ["test/conformance/support/record.ts"],
        },
      })),
      // The same flows through the generated server target: each request to a served endpoint becomes a
      // call of the HttpApiClient derived from generated-server/api.ts, served by generated-server/server.ts
      // in front of the same Better Auth (test/support/bridge.ts).
      ...STORAGES.map((storage) => ({
        extends: true as const,
        test: {
          name: `server-${storage}`,
          include: ["test/conformance/**/*.test.ts"],
          isolate: false,
          provide: { storage, target: "server" as const },
          globalSetup: ["test/conformance/support/global-setup.ts"],
          setupFiles: ["test/conformance/support/record.ts"],
        },
      })),
      {
        // Runs after every other project: compares generated/COVERAGE.md with what this run exercised.
        extends: true,
        test: {
          name: "coverage",
          include: ["test/conformance/coverage.check.ts", "test/conformance/server-coverage.check.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
