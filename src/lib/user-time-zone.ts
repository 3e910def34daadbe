import type { Db } from '../db/schema.js'
import { DEFAULT_TIME_ZONE } from '../rules/calendar.js'
import { parseRange, type TimeRange } from './time.js'

/**
 * The user's IANA time zone: the calendar their dates and weeks are in. A write that files a
 * workout under it cannot race a change of zone: a change locks the user's workouts and then
 * the user's row FOR UPDATE, so it waits for writes that hold either (a new workout's insert
 * holds a KEY SHARE on the user through its foreign key), and they wait for it.
 */
export async function userTimeZone (db: Db, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirst()
  return row?.time_zone ?? DEFAULT_TIME_ZONE
}

/** `from`/`to` of a query as instants: dates are days in the user's time zone, read only when a bound is a date. */
export async function userRange (db: Db, userId: string, query: { from?: string, to?: string }): Promise<TimeRange> {
  const isDate = (v: string | undefined): boolean => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v)
  return parseRange(query, isDate(query.from) || isDate(query.to) ? await userTimeZone(db, userId) : DEFAULT_TIME_ZONE)
}
