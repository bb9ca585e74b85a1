/**
 * The one place user text becomes a comment. Descriptions come from the spec and overrides, so `*\/`
 * must never close the comment early.
 */

/** Makes text safe inside a block comment. */
export const escapeComment = (text: string): string => text.replace(/\*\//g, "*\\/").replace(/\r\n?/g, "\n")

/** A JSDoc block for `lines` (empty lines dropped at the ends), or "" when there is nothing to say. */
export const jsdoc = (lines: ReadonlyArray<string | undefined>, indent = ""): string => {
  const body = lines
    .filter((line): line is string => line !== undefined)
    .flatMap((line) => escapeComment(line).split("\n"))
    .map((line) => line.trimEnd())
  while (body.length > 0 && body[0] === "") body.shift()
  while (body.length > 0 && body.at(-1) === "") body.pop()
  if (body.length === 0) return ""
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`
  return `${indent}/**\n${body.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n")}\n${indent} */\n`
}
