/**
 * Word search that behaves the same on SQLite and PostgreSQL: text is normalised once in JS,
 * both when it is written (a stored `search_words` column) and when it is searched, so the
 * database only compares plain lower-case text with LIKE — never its own lower(), unaccent or
 * collation. Importers that match names (CSV, other apps) share it.
 */

/** Lower case with accents stripped (NFD, combining marks dropped). */
export function foldText (text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

// Apostrophes join ("Farmer's" is "farmers"); every other non-letter, non-digit separates.
const APOSTROPHES = /['’ʼ`]/g
const SEPARATOR = /[^\p{L}\p{N}]+/u

/** The words of a text, in order, as a query or an exact comparison sees them. */
export function words (text: string): string[] {
  return foldText(text).replace(APOSTROPHES, '').split(SEPARATOR).filter((w) => w !== '')
}

/**
 * Every word a text can be found by: its words, plus each hyphenated (or otherwise punctuated)
 * compound joined up, so "Pull-Up" is found by `pull up`, `pull-up` and `pullup` alike.
 */
export function indexWords (text: string): string[] {
  const found: string[] = []
  for (const chunk of foldText(text).replace(APOSTROPHES, '').split(/\s+/u)) {
    const parts = chunk.split(SEPARATOR).filter((w) => w !== '')
    found.push(...parts)
    if (parts.length > 1) found.push(parts.join(''))
  }
  return found
}

/**
 * The stored search column of several texts (a name and its aliases): their distinct index
 * words, each preceded by a space, so `like '% word%'` finds exactly the words starting with it.
 */
export function searchWords (texts: string[]): string {
  return [...new Set(texts.flatMap(indexWords))].map((w) => ` ${w}`).join('')
}

/** Whether every query word starts some index word of the text (any order, a word may serve twice). */
export function matchesWords (query: string[], text: string): boolean {
  const index = indexWords(text)
  return query.every((q) => index.some((w) => w.startsWith(q)))
}

/** Escapes LIKE wildcards; every pattern built from it must say ESCAPE '\'. */
export function escapeLike (text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `like` patterns: a stored `searchWords` column holds every one of them for a matching row. */
export const wordPatterns = (query: string[]): string[] => [...new Set(query)].map((q) => `% ${escapeLike(q)}%`)

/**
 * How well a matching name answers a query, best first: 0 the whole name, 1 the start of the
 * name, 2 words of the name in any order, 3 only through an alias (or another searched text).
 * Hyphens join here too: `pullup` is the whole name "Pull-Up".
 */
export function matchRank (query: string[], name: string): number {
  const nameWords = words(name)
  if (nameWords.join('') === query.join('')) return 0
  if (nameWords.join(' ').startsWith(query.join(' ')) || nameWords.join('').startsWith(query.join(''))) return 1
  return matchesWords(query, name) ? 2 : 3
}
