import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { sqlFns } from '../db/sql.js'
import { DEFAULT_TIME_ZONE } from '../rules/calendar.js'
import { parseRange, type TimeRange } from './time.js'

/**
 * The user's IANA time zone: the calendar their dates and weeks are in. A write that files data
 * under it passes `forWrite`, which locks the user's row until commit (PostgreSQL), so a change
 * of zone re-files after that write, or the write sees the new zone. Writes lock their workout
 * first and the user's row after it (as the statistics version bump does), and a change of zone
 * locks in the same order, so the two never deadlock.
 */
export async function userTimeZone (db: Db, userId: string, forWrite = false): Promise<string> {
  const lock = forWrite ? sqlFns(db).forUpdate() : sql``
  const { rows: [row] } = await sql<{ time_zone: string }>`select time_zone from users where id = ${userId}${lock}`.execute(db)
  return row?.time_zone ?? DEFAULT_TIME_ZONE
}

/** `from`/`to` of a query as instants: dates are days in the user's time zone, read only when a bound is a date. */
export async function userRange (db: Db, userId: string, query: { from?: string, to?: string }): Promise<TimeRange> {
  const isDate = (v: string | undefined): boolean => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v)
  return parseRange(query, isDate(query.from) || isDate(query.to) ? await userTimeZone(db, userId) : DEFAULT_TIME_ZONE)
}
