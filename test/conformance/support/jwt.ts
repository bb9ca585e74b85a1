/** Verifies a compact JWS against a JSON Web Key Set with node:crypto (no JOSE library needed). */
import { createPublicKey, type JsonWebKey, verify } from "node:crypto"

/** A published key as the JWKS contract decodes it (absent members may be null). */
type PublishedKey = { readonly kid: string; readonly kty: string } & { readonly [member: string]: string | null | undefined }

/** Drops null members: node:crypto wants a plain JWK. */
const toJwk = (key: PublishedKey): JsonWebKey =>
  Object.fromEntries(Object.entries(key).filter(([, value]) => value !== null && value !== undefined)) as JsonWebKey

const decodeSegment = (segment: string): Record<string, unknown> => JSON.parse(Buffer.from(segment, "base64url").toString("utf8"))

const algorithms: Readonly<Record<string, string | null>> = { EdDSA: null, ES256: "sha256", RS256: "sha256", PS256: "sha256" }

/** The token's claims when its signature verifies with the key its header names; throws otherwise. */
export const verifyJwt = (token: string, keys: ReadonlyArray<PublishedKey>): Record<string, unknown> => {
  const [header = "", payload = "", signature = ""] = token.split(".")
  const { alg, kid } = decodeSegment(header) as { alg?: string; kid?: string }
  const key = keys.find((candidate) => candidate.kid === kid)
  if (key === undefined || alg === undefined || !(alg in algorithms)) throw new Error(`no key ${kid} for ${alg}`)
  const publicKey = createPublicKey({ key: toJwk(key), format: "jwk" })
  const ok = verify(
    algorithms[alg] ?? null,
    Buffer.from(`${header}.${payload}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  )
  if (!ok) throw new Error("the signature does not verify")
  return decodeSegment(payload)
}
