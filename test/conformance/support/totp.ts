/** TOTP codes computed from the secret in an `otpauth://` URI, as an authenticator app would. */
import { base32 } from "@better-auth/utils/base32"
import { createOTP } from "@better-auth/utils/otp"

export const totpSecret = (totpURI: string) => {
  const secret = new URL(totpURI).searchParams.get("secret")
  if (secret === null) throw new Error(`no secret in ${totpURI}`)
  return new TextDecoder().decode(base32.decode(secret))
}

/** The current code for the URI's secret. */
export const totpCode = (totpURI: string) => createOTP(totpSecret(totpURI)).totp()

/** A six-digit code that is not the current one (nor its neighbours in the accepted window). */
export const wrongCode = async (totpURI: string) => {
  const otp = createOTP(totpSecret(totpURI))
  const counter = Math.floor(Date.now() / 30_000)
  const valid = new Set(await Promise.all([-1, 0, 1].map((i) => otp.hotp(counter + i))))
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code)) ?? "444444"
}
