import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { userTimeZone } from '../lib/user-time-zone.js'
import { localDate, weekOfDate } from '../rules/calendar.js'

/** A workout's start in the user's calendar. */
export interface LocalStart { id: string, localDate: string, localWeek: number }

const CHUNK = 200

/**
 * Files workouts under the date and ISO week their start has in the user's time zone
 * (workouts.local_date, local_week): what weekly totals, breakdowns, streaks, monthly volume
 * and weekly goals group by. `ids` undefined: every workout of the user (a new time zone).
 * Answers the workouts whose filing changed, with the week they had before.
 */
export async function fileWorkouts (
  db: Db,
  userId: string,
  ids?: string[]
): Promise<Array<LocalStart & { weekBefore: number | null }>> {
  if (ids?.length === 0) return []
  const timeZone = await userTimeZone(db, userId)
  let query = db.selectFrom('workouts')
    .select(['id', 'started_at', 'local_date', 'local_week'])
    .where('user_id', '=', userId)
  if (ids !== undefined) query = query.where('id', 'in', ids)
  const changed: Array<LocalStart & { weekBefore: number | null }> = []
  for (const row of await query.execute()) {
    const date = localDate(Date.parse(row.started_at), timeZone)
    if (date === row.local_date && row.local_week !== null) continue
    changed.push({
      id: row.id,
      localDate: date,
      localWeek: weekOfDate(date),
      weekBefore: row.local_week === null ? null : Number(row.local_week)
    })
  }
  for (let i = 0; i < changed.length; i += CHUNK) await writeFiling(db, changed.slice(i, i + CHUNK))
  return changed
}

/** One statement per chunk: a CASE on the id sets each row's own date and week. */
async function writeFiling (db: Db, rows: LocalStart[]): Promise<void> {
  const dates = sql.join(rows.map((r) => sql`when ${r.id} then ${r.localDate}`), sql` `)
  const weeks = sql.join(rows.map((r) => sql`when ${r.id} then cast(${r.localWeek} as integer)`), sql` `)
  await sql`update workouts set local_date = case id ${dates} end, local_week = case id ${weeks} end
    where id in (${sql.join(rows.map((r) => r.id))})`.execute(db)
}
