import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { GoneError } from '../../lib/errors.js'
import { decodePosition, encodePosition, type FeedPosition } from './sync.cursor.js'
import { LOADERS } from './sync.loaders.js'
import { DEFAULT_FEED_LIMIT, type CHANGE_TYPES } from './sync.schemas.js'

type ChangeType = typeof CHANGE_TYPES[number]
interface ChangeRow { type: string, resource_id: string, seq: number, op: string, changed_at: string }

const EXPIRED = 'This cursor has expired (deletes older than 30 days are forgotten): start again without since'

/** Rows after a position, in feed order (number, then type and id within one write). */
async function rowsAfter (db: Db, userId: string, from: FeedPosition | undefined, limit: number): Promise<ChangeRow[]> {
  const after = from === undefined
    ? sql``
    : from.after === undefined
      ? sql` and seq > ${from.seq}`
      : sql` and (seq, type, resource_id) > (${from.seq}, ${from.after.type}, ${from.after.id})`
  const { rows } = await sql<ChangeRow>`select type, resource_id, seq, op, changed_at from changes
    where user_id = ${userId}${after} order by seq, type, resource_id limit ${limit + 1}`.execute(db)
  return rows
}

/** The changes' data, by type, as JSON text. */
async function dataOf (db: Db, userId: string, rows: ChangeRow[]): Promise<Map<string, string>> {
  const data = new Map<string, string>()
  const byType = new Map<ChangeType, string[]>()
  for (const r of rows) {
    if (r.op === 'upsert') byType.set(r.type as ChangeType, [...byType.get(r.type as ChangeType) ?? [], r.resource_id])
  }
  for (const [type, ids] of byType) {
    for (const [id, text] of await LOADERS[type](db, userId, ids)) data.set(`${type}:${id}`, text)
  }
  return data
}

/**
 * GET /sync/changes (docs/sync.md): one page of the user's change feed, read in one snapshot, as
 * JSON text. The counter read in the same snapshot bounds what the page can have missed: with
 * nothing more to read, the next cursor is that number, so a poll moves on past pruned tombstones.
 */
export async function changesPage (
  db: Db,
  userId: string,
  since: string | undefined,
  limit = DEFAULT_FEED_LIMIT
): Promise<string> {
  const from = since === undefined ? undefined : decodePosition(since, userId)
  // A poll with nothing new (the common case): the counter alone says so, without a transaction.
  if (from !== undefined && from.after === undefined) {
    const counter = await db.selectFrom('change_counters').select(['seq', 'pruned_seq'])
      .where('user_id', '=', userId).executeTakeFirst()
    if (Number(counter?.seq ?? 0) === from.seq && Number(counter?.pruned_seq ?? 0) <= from.seq) {
      return `{"changes":[],"nextCursor":"${encodePosition(from)}","hasMore":false}`
    }
  }
  return await inSnapshot(db, async (trx) => {
    const counter = await trx.selectFrom('change_counters').select(['seq', 'pruned_seq'])
      .where('user_id', '=', userId).executeTakeFirst()
    const last = Number(counter?.seq ?? 0)
    if (from !== undefined && (from.seq < Number(counter?.pruned_seq ?? 0) || from.seq > last)) {
      throw new GoneError(EXPIRED)
    }
    const rows = await rowsAfter(trx, userId, from, limit)
    const page = rows.slice(0, limit)
    const hasMore = rows.length > limit
    const data = await dataOf(trx, userId, page)
    const end = page[page.length - 1]
    const next: FeedPosition = hasMore
      ? { userId, seq: Number(end.seq), after: { type: end.type, id: end.resource_id } }
      : { userId, seq: Math.max(last, from?.seq ?? 0) }
    const changes = page.map((r) => {
      // A resource gone although its row says upsert cannot happen in one snapshot; a delete it is then.
      const body = r.op === 'upsert' ? data.get(`${r.type}:${r.resource_id}`) : undefined
      const op = body === undefined ? 'delete' : 'upsert'
      return `{"type":"${r.type}","id":${JSON.stringify(r.resource_id)},"op":"${op}","data":${body ?? 'null'},` +
        `"changedAt":${JSON.stringify(r.changed_at)}}`
    })
    return `{"changes":[${changes.join(',')}],"nextCursor":"${encodePosition(next)}","hasMore":${String(hasMore)}}`
  })
}
