/** Content hashes of generated files (node builtins only, so the CLI's fast path can use it without loading Effect). */
import { createHash } from "node:crypto"

/** A short content hash (64 bits of SHA-256): enough to notice an edit. */
export const hashOf = (content: string): string => createHash("sha256").update(content).digest("hex").slice(0, 16)
