/**
 * Accent- and case-insensitive search that behaves the same on SQLite and PostgreSQL: names are
 * folded once in JS when written (search_name) and queries are folded the same way, so the
 * database only compares plain lower-case text with LIKE (never its own lower()/collation).
 */
export function foldName (text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Escapes LIKE wildcards; every pattern built from it must say ESCAPE '\'. */
export function escapeLike (text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `%"value"%` finds a value in a JSON text array column (vocabulary values never hold quotes). */
export const jsonArrayPattern = (value: string): string => `%${escapeLike(JSON.stringify(value))}%`
