import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.js'
import { isoWeekIndexSql, sqlFns } from '../../db/sql.js'

export type Dimension = 'exercise' | 'muscle'
export const DIMENSIONS: Dimension[] = ['exercise', 'muscle']

export interface WeeklyBreakdownsTable {
  user_id: string
  week: number
  /** exercise: key is the exercise id; muscle: key is a primary muscle of the exercises trained. */
  dimension: string
  key: string
  volume_kg: number
  sets: number
  reps: number
  /** Completed workouts that week holding the exercise (or any exercise for the muscle). */
  workouts: number
}

/**
 * The weekly volume by exercise or by primary muscle of the completed workouts matching `where`,
 * as rows of weekly_breakdowns: the same sums of the maintained workout-exercise totals as a
 * ranged GET /stats/volume computes, grouped by ISO week. Used per week by every write that
 * refreshes weekly_totals, and by the migration that filled the table for existing histories.
 */
export function breakdownRows (db: Db, dimension: Dimension, where: RawBuilder<unknown>): RawBuilder<unknown> {
  const fns = sqlFns(db)
  const week = isoWeekIndexSql(fns.epochSeconds(sql.ref('w.started_at')))
  const byMuscle = dimension === 'muscle'
  const key = byMuscle ? sql.ref('m.value') : sql.ref('we.exercise_id')
  const muscles = byMuscle ? sql`join exercises e on e.id = we.exercise_id cross join ${fns.jsonArrayElements(sql.ref('e.primary_muscles'), 'm')}` : sql``
  return sql`select w.user_id, ${week}, ${sql.lit(dimension)}, ${key}, sum(we.volume_kg), sum(we.set_count), sum(we.reps), count(distinct w.id)
    from workouts w join workout_exercises we on we.workout_id = w.id ${muscles}
    where w.status = 'completed' and ${where}
    group by w.user_id, ${week}, ${key}`
}

export const weeklyBreakdownsRepository = {
  /** Recomputes one user's week (in the caller's transaction, after the totals are up to date). */
  async refreshWeek (db: Db, userId: string, week: number, range: { from: string, to: string }): Promise<void> {
    await sql`delete from weekly_breakdowns where user_id = ${userId} and week = ${week}`.execute(db)
    const inWeek = sql`w.user_id = ${userId} and w.started_at >= ${range.from} and w.started_at < ${range.to}`
    for (const dimension of DIMENSIONS) await this.insert(db, dimension, inWeek)
  },

  async insert (db: Db, dimension: Dimension, where: RawBuilder<unknown>): Promise<void> {
    await sql`insert into weekly_breakdowns (user_id, week, dimension, key, volume_kg, sets, reps, workouts)
      ${breakdownRows(db, dimension, where)}`.execute(db)
  },

  /** The whole history by week and exercise or muscle, ordered like GET /stats/volume. */
  async series (db: Db, userId: string, dimension: Dimension) {
    const label = dimension === 'exercise' ? sql`e.name` : sql`b.key`
    const names = dimension === 'exercise' ? sql`join exercises e on e.id = b.key` : sql``
    const { rows } = await sql<{ pk: number, key: string, label: string, volume: number, sets: number, reps: number, workouts: number }>`
      select b.week as pk, b.key, ${label} as label, b.volume_kg as volume, b.sets, b.reps, b.workouts
      from weekly_breakdowns b ${names}
      where b.user_id = ${userId} and b.dimension = ${dimension} order by b.week, b.key`.execute(db)
    return rows
  }
}
