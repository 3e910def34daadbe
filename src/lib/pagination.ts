import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { BadRequestError } from './errors.js'

/**
 * Keyset pagination. A cursor is the sort key of the last item served (e.g. [startedAt, id]),
 * base64url-encoded JSON: opaque to clients, stable under inserts, and O(limit) to serve.
 */
export type CursorKey = Array<string | number | null>

export function encodeCursor (key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor (cursor: string | undefined, arity: number): CursorKey | undefined {
  if (cursor === undefined) return undefined
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((v) => v === null || ['string', 'number'].includes(typeof v))
    ) {
      return key as CursorKey
    }
  } catch {}
  throw BadRequestError.field('/cursor', 'is not a valid cursor')
}

/** Fetch limit + 1 rows, serve limit, and derive the next cursor from the last one served. */
export function toPage<Row, Item> (
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => CursorKey
): { items: Item[], nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(page[page.length - 1])) : null
  return { items: page.map(toItem), nextCursor }
}

/**
 * The keyset predicate of a page: rows strictly after the cursor's `[key, id]` in the list's
 * order (`<` for newest first, `>` for ascending), one row-value comparison that the
 * (owner, key, id) indexes serve.
 */
export function afterCursor (columns: [string, string], key: CursorKey, order: 'desc' | 'asc'): RawBuilder<SqlBool> {
  const [a, b] = columns
  return sql<SqlBool>`(${sql.ref(a)}, ${sql.ref(b)}) ${sql.raw(order === 'desc' ? '<' : '>')} (${key[0]}, ${key[1]})`
}
