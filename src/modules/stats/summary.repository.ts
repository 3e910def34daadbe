import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { isoWeekIndex, isoWeekIndexSql, sqlFns } from '../../db/sql.js'
import type { TimeRange } from './stats.range.js'
import { rangeFilter, tidy } from './stats.sql.js'

interface Totals { workouts: number, sets: number, reps: number, volume: number, duration: number, first: string | null, last: string | null }

/**
 * The summary reads the per-workout totals maintained on write (workouts.set_count, reps,
 * volume_kg): one row per completed workout, never the sets themselves.
 */
export async function summary (db: Db, userId: string, range: TimeRange, nowMs = Date.now()) {
  const epoch = sqlFns(db).epochSeconds
  const where = sql`user_id = ${userId} and status = 'completed'${rangeFilter('started_at', range)}`
  const { rows: [t] } = await sql<Totals>`
    select count(*) as workouts, coalesce(sum(set_count), 0) as sets, coalesce(sum(reps), 0) as reps,
           coalesce(sum(volume_kg), 0) as volume,
           coalesce(sum(${epoch(sql.ref('ended_at'))} - ${epoch(sql.ref('started_at'))}), 0) as duration,
           min(started_at) as first, max(started_at) as last
    from workouts where ${where}`.execute(db)
  // Streaks: gaps and islands over the distinct ISO weeks that hold a completed workout.
  const week = isoWeekIndexSql(epoch(sql.ref('started_at')))
  const currentWeek = isoWeekIndex(nowMs)
  const { rows: [s] } = await sql<{ longest: number | null, current: number | null }>`
    with weeks as (select distinct ${week} as n from workouts where ${where}),
    runs as (select count(*) as len, max(n) as last_week
             from (select n, n - row_number() over (order by n) as grp from weeks) islands group by grp)
    select max(len) as longest, max(case when last_week >= ${currentWeek - 1} then len end) as current from runs`.execute(db)

  const workouts = Number(t.workouts)
  const duration = Math.round(Number(t.duration) * 1000) / 1000
  const volume = tidy(Number(t.volume)) ?? 0
  const weeks = t.first === null || t.last === null ? 0 : isoWeekIndex(Date.parse(t.last)) - isoWeekIndex(Date.parse(t.first)) + 1
  const per = (total: number) => workouts === 0 ? 0 : tidy(total / workouts) ?? 0
  return {
    workouts,
    sets: Number(t.sets),
    reps: Number(t.reps),
    volumeKg: volume,
    durationSec: duration,
    avgWorkoutDurationSec: per(duration),
    avgVolumePerWorkoutKg: per(volume),
    avgSetsPerWorkout: per(Number(t.sets)),
    workoutsPerWeek: weeks === 0 ? 0 : tidy(workouts / weeks) ?? 0,
    currentStreakWeeks: Number(s?.current ?? 0),
    longestStreakWeeks: Number(s?.longest ?? 0),
    firstWorkoutAt: t.first,
    lastWorkoutAt: t.last
  }
}
