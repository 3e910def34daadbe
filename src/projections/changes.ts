import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { conditionalContext, etagOf, matchesStrong } from '../lib/conditional.js'
import { PreconditionFailedError } from '../lib/errors.js'

/** The kinds of resource the change feed carries (shared/API.md, Sync). */
export type ChangeType = 'workout' | 'progress_log' | 'goal' | 'plan' | 'exercise' | 'user'
export interface ChangeRef { type: ChangeType, id: string, op?: 'upsert' | 'delete' }

/** Tombstones are kept at least this long; a cursor from before the oldest one pruned has expired. */
export const TOMBSTONE_DAYS = 30
const DAY_MS = 86_400_000

const key = (type: string, id: string): string => `${type}:${id}`
/** Six values a row: well under both databases' limits on values in one statement. */
const ROWS_PER_STATEMENT = 1000

/**
 * The numbers every write gives its changes (docs/sync.md). Called by every write, inside its
 * own transaction and as its LAST lock: the user's counter row. On PostgreSQL that row lock is
 * held until commit, so a second writer of the same user gets the next number only after the
 * first committed: numbers follow commit order and a reader never sees number n + 1 without n,
 * on any instance. Nothing else locks the counter, and nothing is locked after it, so it cannot
 * take part in a deadlock. (SQLite has one writer.)
 */
export const changes = {
  async record (trx: Db, userId: string, refs: ChangeRef[]): Promise<void> {
    const unique = new Map(refs.map((r) => [key(r.type, r.id), r]))
    const { rows: [counter] } = await sql<{ seq: number }>`insert into change_counters (user_id, seq, pruned_seq)
      values (${userId}, 1, 0)
      on conflict (user_id) do update set seq = change_counters.seq + 1
      returning seq`.execute(trx)
    const seq = Number(counter.seq)
    await checkIfMatch(trx, userId)
    if (unique.size === 0) return
    const now = new Date().toISOString()
    // SQL text: this runs in every write (logging a set), where building a query cost more than running it.
    // In chunks: an import records thousands, and a statement takes at most 32,766 (SQLite) or 65,535 values.
    const refsList = [...unique.values()]
    for (let i = 0; i < refsList.length; i += ROWS_PER_STATEMENT) {
      const values = refsList.slice(i, i + ROWS_PER_STATEMENT)
        .map((r) => sql`(${userId}, ${r.type}, ${r.id}, ${seq}, ${r.op ?? 'upsert'}, ${now})`)
      await sql`insert into changes (user_id, type, resource_id, seq, op, changed_at) values ${sql.join(values)}
        on conflict (user_id, type, resource_id)
        do update set seq = excluded.seq, op = excluded.op, changed_at = excluded.changed_at`.execute(trx)
    }
    const context = conditionalContext.getStore()
    for (const [k, r] of unique) context?.recorded.set(k, r.op === 'delete' ? undefined : seq)
    // A second write of the same request (after this one committed) must not fail on this one's own number.
    const want = context?.ifMatch
    if (want !== undefined && unique.has(key(want.type, want.id))) want.ownSeq = seq
    if ([...unique.values()].some((r) => r.op === 'delete')) await pruneTombstones(trx, userId, now)
  },

  /** The user's workouts and plans that show these exercises (their name and tracking are in the shape). */
  async showing (db: Db, userId: string, exerciseIds: string[]): Promise<ChangeRef[]> {
    const workouts = await db.selectFrom('workout_exercises').select('workout_id').distinct()
      .where('user_id', '=', userId).where('exercise_id', 'in', exerciseIds).execute()
    const plans = await db.selectFrom('plan_items').select('plan_id').distinct()
      .where('user_id', '=', userId).where('exercise_id', 'in', exerciseIds).execute()
    return [
      ...workouts.map((w): ChangeRef => ({ type: 'workout', id: w.workout_id })),
      ...plans.map((p): ChangeRef => ({ type: 'plan', id: p.plan_id }))
    ]
  },

  /**
   * The number of a resource's latest change (its ETag), or undefined when it has none. A delete's number too:
   * an archived custom exercise is still readable by id, with the ETag of its delete.
   */
  async seqOf (db: Db, userId: string, type: ChangeType, id: string): Promise<number | undefined> {
    const row = await db.selectFrom('changes').select('seq')
      .where('user_id', '=', userId).where('type', '=', type).where('resource_id', '=', id)
      .executeTakeFirst()
    return row === undefined ? undefined : Number(row.seq)
  }
}

/**
 * The request's If-Match, judged after the counter lock: every other write of this user has
 * committed or waits, so the number read is the resource's latest. A stale tag throws, and the
 * whole write rolls back.
 */
async function checkIfMatch (trx: Db, userId: string): Promise<void> {
  const want = conditionalContext.getStore()?.ifMatch
  if (want === undefined) return
  const seq = await changes.seqOf(trx, userId, want.type as ChangeType, want.id)
  if (seq !== undefined && seq === want.ownSeq) return
  if (!matchesStrong(want.tags, seq === undefined ? undefined : etagOf(seq))) throw new PreconditionFailedError()
}

/** Tombstones older than TOMBSTONE_DAYS go; the counter remembers the highest number gone. */
async function pruneTombstones (trx: Db, userId: string, now: string): Promise<void> {
  const cutoff = new Date(Date.parse(now) - TOMBSTONE_DAYS * DAY_MS).toISOString()
  const old = trx.selectFrom('changes').select((eb) => eb.fn.max('seq').as('seq'))
    .where('user_id', '=', userId).where('op', '=', 'delete').where('changed_at', '<', cutoff)
  const { seq } = await old.executeTakeFirstOrThrow()
  if (seq === null) return
  await trx.deleteFrom('changes').where('user_id', '=', userId).where('op', '=', 'delete')
    .where('changed_at', '<', cutoff).execute()
  await trx.updateTable('change_counters').set({ pruned_seq: Number(seq) })
    .where('user_id', '=', userId).where('pruned_seq', '<', Number(seq)).execute()
}
