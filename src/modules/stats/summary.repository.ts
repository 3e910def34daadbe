import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import type { TimeRange } from '../../lib/time.js'
import { localWeek } from '../../rules/calendar.js'
import { roundDerived } from '../../rules/rounding.js'
import { rangeFilter } from './stats.sql.js'

interface Totals {
  workouts: number
  sets: number
  reps: number
  volume: number
  duration: number
  first: string | null
  last: string | null
}

const completed = (userId: string) => sql`user_id = ${userId} and status = 'completed'`
const edge = (userId: string, order: 'asc' | 'desc') =>
  sql`(select started_at from workouts where ${completed(userId)} order by started_at ${sql.raw(order)} limit 1)`

/**
 * The whole history reads weekly_totals (one row per active week, kept by src/projections), so
 * its cost does not grow with the number of workouts; first and last come from the ends of the
 * (user_id, status, started_at) index. A from/to range reads the per-workout totals in range.
 * Weeks are the user's: the weeks workouts are filed under in their time zone.
 */
async function totals (
  db: Db,
  userId: string,
  range: TimeRange
): Promise<{ totals: Totals, weeks: RawBuilder<unknown> }> {
  const epoch = sqlFns(db).epochSeconds
  if (range.from === null && range.to === null) {
    const { rows: [t] } = await sql<Totals>`
      select coalesce(sum(workouts), 0) as workouts, coalesce(sum(sets), 0) as sets, coalesce(sum(reps), 0) as reps,
             coalesce(sum(volume_kg), 0) as volume, coalesce(sum(duration_sec), 0) as duration,
             ${edge(userId, 'asc')} as first, ${edge(userId, 'desc')} as last
      from weekly_totals where user_id = ${userId}`.execute(db)
    return { totals: t, weeks: sql`select week as n from weekly_totals where user_id = ${userId}` }
  }
  const where = sql`${completed(userId)}${rangeFilter('started_at', range)}`
  const { rows: [t] } = await sql<Totals>`
    select count(*) as workouts, coalesce(sum(set_count), 0) as sets, coalesce(sum(reps), 0) as reps,
           coalesce(sum(volume_kg), 0) as volume,
           coalesce(sum(${epoch(sql.ref('ended_at'))} - ${epoch(sql.ref('started_at'))}), 0) as duration,
           min(started_at) as first, max(started_at) as last
    from workouts where ${where}`.execute(db)
  return { totals: t, weeks: sql`select distinct local_week as n from workouts where ${where}` }
}

export async function summary (db: Db, userId: string, range: TimeRange, timeZone: string, nowMs = Date.now()) {
  const { totals: t, weeks } = await totals(db, userId, range)
  // Streaks: gaps and islands over the ISO weeks that hold a completed workout. The current one
  // is the run up to this week (or up to last week while this one has none yet); weeks after this
  // one, of workouts dated in the future, are not part of it.
  const thisWeek = localWeek(nowMs, timeZone)
  const { rows: [s] } = await sql<{
    longest: number | null
    current: number | null
    first: number | null
    last: number | null
  }>`
    with weeks as (${weeks}),
    runs as (select count(*) as len, min(n) as first_week, max(n) as last_week
             from (select n, n - row_number() over (order by n) as grp from weeks) islands group by grp)
    select max(len) as longest,
           max(case when first_week <= ${thisWeek} and last_week >= ${thisWeek - 1}
                    then (case when last_week > ${thisWeek} then ${thisWeek} else last_week end) - first_week + 1
               end) as current,
           (select min(n) from weeks) as first, (select max(n) from weeks) as last
    from runs`.execute(db)

  const workouts = Number(t.workouts)
  const duration = roundDerived(Number(t.duration))
  const volume = roundDerived(Number(t.volume))
  const weekSpan = s?.first === null || s?.first === undefined || s.last === null
    ? 0
    : Number(s.last) - Number(s.first) + 1
  const per = (total: number): number => workouts === 0 ? 0 : roundDerived(total / workouts)
  return {
    workouts,
    sets: Number(t.sets),
    reps: Number(t.reps),
    volumeKg: volume,
    durationSec: duration,
    avgWorkoutDurationSec: per(duration),
    avgVolumePerWorkoutKg: per(volume),
    avgSetsPerWorkout: per(Number(t.sets)),
    workoutsPerWeek: weekSpan === 0 ? 0 : roundDerived(workouts / weekSpan),
    currentStreakWeeks: Number(s?.current ?? 0),
    longestStreakWeeks: Number(s?.longest ?? 0),
    firstWorkoutAt: t.first,
    lastWorkoutAt: t.last
  }
}
