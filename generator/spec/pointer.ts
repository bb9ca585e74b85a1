/** JSON pointers (RFC 6901) for error and warning locations. */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export const escapeToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1")

/** Builds `#/a/b~1c` from raw tokens. */
export const pointer = (...tokens: ReadonlyArray<string | number>): string => `#/${tokens.map((t) => escapeToken(String(t))).join("/")}`

/** Appends tokens to an existing pointer. */
export const child = (base: string, ...tokens: ReadonlyArray<string | number>): string =>
  `${base}/${tokens.map((t) => escapeToken(String(t))).join("/")}`

/** The raw tokens of `#/a/b~1c/0` (`["a", "b/c", 0]`), array indices as numbers: a key path into a file. */
export const tokensOf = (at: string): ReadonlyArray<string | number> =>
  at
    .replace(/^#\/?/, "")
    .split("/")
    .filter((token) => token !== "")
    .map((token) => (/^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : token.replace(/~1/g, "/").replace(/~0/g, "~")))

/** The operation a pointer is inside, as `METHOD /path` (`#/paths/~1sign-in~1email/post/…` → `POST /sign-in/email`). */
export const operationOf = (at: string): string | undefined => {
  const [root, path, method] = at.replace(/^#\//, "").split("/")
  if (root !== "paths" || path === undefined || method === undefined) return undefined
  return `${method.toUpperCase()} ${path.replace(/~1/g, "/").replace(/~0/g, "~")}`
}
