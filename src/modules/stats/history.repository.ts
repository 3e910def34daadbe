import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { TimeRange } from '../../lib/time.js'
import { roundDerived, roundDerivedOrNull } from '../../rules/rounding.js'
import { e1rmSql, rangeFilter } from './stats.sql.js'

interface Row {
  workoutId: string
  date: string
  top: number | null
  e1rm: number | null
  volume: number
  sets: number
  reps: number
}

/**
 * One row per completed workout that holds the exercise, oldest first (completed sets only);
 * `date` is the workout's start date in the user's time zone (filed by src/projections).
 */
export async function exerciseHistory (db: Db, userId: string, exerciseId: string, range: TimeRange) {
  const work = sql`s.type <> 'warmup'`
  const { rows } = await sql<Row>`
    select w.id as "workoutId", w.local_date as date,
           max(case when ${work} then s.weight_kg end) as top,
           max(case when ${work} then ${e1rmSql('s.reps', 's.weight_kg')} end) as e1rm,
           coalesce(sum(case when ${work} then s.reps * s.weight_kg end), 0) as volume,
           count(*) as sets, coalesce(sum(s.reps), 0) as reps
    from workout_exercises we
      join workouts w on w.id = we.workout_id
      join sets s on s.workout_exercise_id = we.id
    where we.user_id = ${userId} and we.exercise_id = ${exerciseId} and w.status = 'completed' and s.completed = 1
      ${rangeFilter('w.started_at', range)}
    group by w.id, w.local_date, w.started_at order by w.started_at, w.id`.execute(db)
  return rows.map((r) => ({
    workoutId: r.workoutId,
    date: r.date,
    topSetWeightKg: r.top === null ? null : Number(r.top),
    bestE1rmKg: roundDerivedOrNull(r.e1rm),
    volumeKg: roundDerived(Number(r.volume)),
    sets: Number(r.sets),
    reps: Number(r.reps)
  }))
}
