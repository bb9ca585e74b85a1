export * from "./client.ts"
export * from "./errors.ts"
export * from "./handler.ts"
export * from "./schemas.ts"
