/**
 * Stage 1c (reasons): what an override file says about itself, read from its YAML comments, so the
 * generated JSDoc can carry the reason beside the provenance line.
 */
import { type Document, isMap, isNode, isScalar, visit } from "yaml"

/**
 * Why an override changes what it changes, in its own words: its comments. `file` is the comment at the
 * top (after the `# yaml-language-server` line); `payload` and `success` the first comment inside that
 * key (the file's comment when it has none: a comment above the key may be about something else, such
 * as why there is no payload). Lines are joined by spaces.
 */
export interface StatedReasons {
  readonly file?: string | undefined
  readonly payload?: string | undefined
  readonly success?: string | undefined
}

/** A YAML comment as one line of text, without the editor's schema directive; undefined when nothing is left. */
const commentText = (comment: string | null | undefined): string | undefined => {
  const text = (comment ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("yaml-language-server:"))
    .join(" ")
  return text === "" ? undefined : text
}

/** The reasons an override file's comments give (see StatedReasons). */
export const statedReasons = (doc: Document): StatedReasons => {
  const pairs = isMap(doc.contents) ? doc.contents.items : []
  const commentOf = (node: unknown) => (isNode(node) ? commentText(node.commentBefore) : undefined)
  const file = commentText(doc.commentBefore) ?? commentOf(doc.contents) ?? commentOf(pairs[0]?.key)
  const side = (name: "payload" | "success") => {
    const index = pairs.findIndex((pair) => isScalar(pair.key) && pair.key.value === name)
    if (index < 0) return undefined
    const pair = pairs[index]!
    let found: string | undefined
    if (isNode(pair.value))
      visit(pair.value, {
        Node(_, node) {
          found = commentText(node.commentBefore)
          return found === undefined ? undefined : visit.BREAK
        },
      })
    return found ?? file
  }
  return { file, payload: side("payload"), success: side("success") }
}

/** The comment above each key under `rules:` of a defaults file (see LoadedDefaults.reasons). */
export const ruleReasons = (doc: Document): Readonly<Record<string, string>> => {
  const rules = isMap(doc.contents) ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === "rules")?.value : undefined
  if (!isMap(rules)) return {}
  return Object.fromEntries(
    rules.items.flatMap((pair, index) => {
      if (!isScalar(pair.key)) return []
      // The first key's comment belongs to the map.
      const reason = commentText(pair.key.commentBefore) ?? (index === 0 ? commentText(rules.commentBefore) : undefined)
      return reason === undefined ? [] : [[String(pair.key.value), reason] as const]
    }),
  )
}
