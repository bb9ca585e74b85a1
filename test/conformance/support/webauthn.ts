/**
 * A software WebAuthn authenticator (ES256, "none" attestation) built on node:crypto, so passkey
 * registration and authentication run without a browser: it answers the JSON a browser's
 * navigator.credentials.create()/get() would hand to the passkey client.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto"

// ---- a minimal CBOR encoder (RFC 8949): unsigned/negative integers, byte and text strings, maps ----
type Cbor = number | string | Uint8Array | ReadonlyMap<Cbor, Cbor>

const head = (major: number, length: number): Buffer => {
  if (length < 24) return Buffer.from([(major << 5) | length])
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length])
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff])
  throw new Error("CBOR length too large for this encoder")
}

const cbor = (value: Cbor): Buffer => {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value)
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)])
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value])
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])])
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest()
const b64url = (data: Uint8Array | string) => Buffer.from(data).toString("base64url")
const uint32 = (n: number) => {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(n)
  return bytes
}

const FLAG_USER_PRESENT = 0x01
const FLAG_USER_VERIFIED = 0x04
const FLAG_ATTESTED_DATA = 0x40

/** One credential on one authenticator, for the relying party `rpId` at `origin`. */
export const softwareAuthenticator = (rpId: string, origin: string) => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
  const jwk = publicKey.export({ format: "jwk" })
  const credentialId = randomBytes(32)
  let signCount = 0

  const clientData = (type: "webauthn.create" | "webauthn.get", challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))

  /** What navigator.credentials.create() answers for registration options carrying `challenge`. */
  const register = (challenge: string) => {
    const coseKey = new Map<Cbor, Cbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x ?? "", "base64url")],
      [-3, Buffer.from(jwk.y ?? "", "base64url")],
    ])
    const idLength = Buffer.alloc(2)
    idLength.writeUInt16BE(credentialId.length)
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_DATA]),
      uint32(signCount),
      Buffer.alloc(16), // AAGUID: unknown authenticator
      idLength,
      credentialId,
      cbor(coseKey),
    ])
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]),
    )
    return {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: "public-key" as const,
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData("webauthn.create", challenge)),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
    }
  }

  /** What navigator.credentials.get() answers for authentication options carrying `challenge`. */
  const authenticate = (challenge: string, userHandle?: string) => {
    signCount += 1
    const authenticatorData = Buffer.concat([sha256(rpId), Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]), uint32(signCount)])
    const clientDataJSON = clientData("webauthn.get", challenge)
    const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), privateKey)
    return {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: "public-key" as const,
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        ...(userHandle === undefined ? {} : { userHandle }),
      },
    }
  }

  return { credentialId: b64url(credentialId), register, authenticate }
}
