import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import { sqlFns } from '../db/sql.js'

export type Dimension = 'exercise' | 'muscle'
export const DIMENSIONS: Dimension[] = ['exercise', 'muscle']

/** `and <column> in (weeks)`, or nothing for every week. */
const inWeeks = (column: string, weeks: number[] | undefined): RawBuilder<unknown> =>
  weeks === undefined ? sql`` : sql` and ${sql.ref(column)} in (${sql.join(weeks)})`

/**
 * Per user and ISO week (in the user's time zone), the totals of completed workouts, and the
 * same by exercise and by primary muscle, summed from the maintained workout and workout
 * exercise totals: the summary, streaks and whole-history volume read one row per week (and
 * key), however many workouts a week holds. Each refreshed week is recomputed from its rows.
 * `weeks` undefined: all of the user's (a rebuild).
 */
export async function refreshWeeks (db: Db, userId: string, weeks?: number[]): Promise<void> {
  const list = weeks === undefined ? undefined : [...new Set(weeks)].sort((a, b) => a - b)
  if (list?.length === 0) return
  const fns = sqlFns(db)
  const duration = sql`${fns.epochSeconds(sql.ref('ended_at'))} - ${fns.epochSeconds(sql.ref('started_at'))}`
  await sql`delete from weekly_totals where user_id = ${userId}${inWeeks('week', list)}`.execute(db)
  await sql`insert into weekly_totals (user_id, week, workouts, sets, reps, volume_kg, duration_sec)
    select user_id, local_week, count(*), sum(set_count), sum(reps), sum(volume_kg), sum(${duration})
    from workouts
    where user_id = ${userId} and status = 'completed'${inWeeks('local_week', list)}
    group by user_id, local_week`.execute(db)
  await sql`delete from weekly_breakdowns where user_id = ${userId}${inWeeks('week', list)}`.execute(db)
  for (const dimension of DIMENSIONS) {
    const byMuscle = dimension === 'muscle'
    const key = byMuscle ? sql.ref('m.value') : sql.ref('we.exercise_id')
    const muscles = byMuscle
      ? sql`join exercises e on e.id = we.exercise_id
        cross join ${fns.jsonArrayElements(sql.ref('e.primary_muscles'), 'm')}`
      : sql``
    await sql`insert into weekly_breakdowns (user_id, week, dimension, key, volume_kg, sets, reps, workouts)
      select w.user_id, w.local_week, ${sql.lit(dimension)}, ${key}, sum(we.volume_kg), sum(we.set_count), sum(we.reps),
             count(distinct w.id)
      from workouts w join workout_exercises we on we.workout_id = w.id ${muscles}
      where w.user_id = ${userId} and w.status = 'completed'${inWeeks('w.local_week', list)}
      group by w.user_id, w.local_week, ${key}`.execute(db)
  }
}

/**
 * The weeks (per user) in which these exercises were trained in completed workouts: after an
 * exercise's muscles changed, its weekly volume by muscle is recomputed there. `userId`
 * undefined: every user's (a library change).
 */
export async function weeksUsing (db: Db, exerciseIds: string[], userId?: string): Promise<Map<string, number[]>> {
  const byUser = new Map<string, number[]>()
  if (exerciseIds.length === 0) return byUser
  const owner = userId === undefined ? sql`` : sql` and w.user_id = ${userId}`
  const { rows } = await sql<{ user_id: string, week: number }>`
    select distinct w.user_id, w.local_week as week from workouts w join workout_exercises we on we.workout_id = w.id
    where w.status = 'completed' and we.exercise_id in (${sql.join(exerciseIds)})${owner}`.execute(db)
  for (const r of rows) {
    const list = byUser.get(r.user_id)
    if (list === undefined) byUser.set(r.user_id, [Number(r.week)])
    else list.push(Number(r.week))
  }
  return byUser
}
