import { BASE_ERROR_CODES } from "@better-auth/core/error"
import { twoFactorClient, usernameClient } from "better-auth/client/plugins"
import { twoFactor, username } from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import { collectErrorCodes, pluginErrorCodes } from "../../../generator/export/error-codes.ts"

describe("collectErrorCodes", () => {
  it("merges the core's codes with the server and client plugins' $ERROR_CODES, sorted, code → message", () => {
    const codes = collectErrorCodes([
      BASE_ERROR_CODES,
      ...pluginErrorCodes([twoFactor(), username()]),
      ...pluginErrorCodes([twoFactorClient(), usernameClient()]),
    ])
    expect(codes["INVALID_EMAIL_OR_PASSWORD"]).toBe("Invalid email or password")
    expect(codes["INVALID_BACKUP_CODE"]).toBe("Invalid backup code")
    expect(codes["INVALID_USERNAME"]).toBe("Username is invalid")
    const keys = Object.keys(codes)
    expect(keys).toEqual([...keys].sort())
    expect(keys.length).toBe(
      new Set([...Object.keys(BASE_ERROR_CODES), ...Object.keys(twoFactor().$ERROR_CODES), ...Object.keys(username().$ERROR_CODES)]).size,
    )
  })

  it("reads tables of plain messages (older Better Auth), skips plugins without codes, keeps a code's first message", () => {
    expect(collectErrorCodes([{ B: "second", A: { code: "A", message: "first" } }, undefined, { A: "again" }, { C: 3 }])).toEqual({
      A: "first",
      B: "second",
    })
  })
})
