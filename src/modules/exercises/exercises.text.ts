import { escapeLike, foldText } from '../../lib/search-text.js'

/**
 * search_name is the name folded (lower case, no accents): the list's sort key and the
 * duplicate-name check. Word search uses search_words (src/lib/search-text.ts).
 */
export const foldName = foldText
export { escapeLike }

/** `%"value"%` finds a value in a JSON text array column (vocabulary values never hold quotes). */
export const jsonArrayPattern = (value: string): string => `%${escapeLike(JSON.stringify(value))}%`
