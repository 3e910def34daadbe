import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import type { TimeRange } from '../../lib/time.js'
import { mondayOfWeek } from '../../rules/calendar.js'
import { roundDerived } from '../../rules/rounding.js'
import { periodKeySql, rangeFilter } from './stats.sql.js'
import { weeklyBreakdownsRepository } from './weekly-breakdowns.repository.js'

export type Period = 'week' | 'month'
export type GroupBy = 'none' | 'muscle' | 'exercise'

interface Row {
  pk: number | string
  key: string | null
  label: string | null
  volume: number
  sets: number
  reps: number
  workouts: number
}

/**
 * Volume per period of the user's calendar, from the totals kept by src/projections: the whole
 * history by week reads the weekly totals and breakdowns (one row per week and key); months and
 * ranges sum the per-workout totals (groupBy=none) or per-workout-exercise totals (a set counts
 * for each primary muscle of its exercise). Periods without data are simply absent, so an
 * absurd range costs nothing extra.
 */
export async function volumeSeries (db: Db, userId: string, period: Period, groupBy: GroupBy, range: TimeRange) {
  const pk = periodKeySql('w', period)
  const completed = sql`w.user_id = ${userId} and w.status = 'completed'${rangeFilter('w.started_at', range)}`
  let query
  if (period === 'week' && range.from === null && range.to === null) {
    if (groupBy !== 'none') {
      return toSeries(period, groupBy, await weeklyBreakdownsRepository.series(db, userId, groupBy))
    }
    query = sql<Row>`
      select week as pk, null as key, null as label, volume_kg as volume, sets, reps, workouts
      from weekly_totals where user_id = ${userId} order by week`
  } else if (groupBy === 'none') {
    query = sql<Row>`
      select ${pk} as pk, null as key, null as label, sum(w.volume_kg) as volume, sum(w.set_count) as sets,
             sum(w.reps) as reps, count(*) as workouts
      from workouts w where ${completed} group by 1 order by 1`
  } else if (groupBy === 'exercise') {
    query = sql<Row>`
      select ${pk} as pk, we.exercise_id as key, e.name as label, sum(we.volume_kg) as volume,
             sum(we.set_count) as sets, sum(we.reps) as reps, count(distinct w.id) as workouts
      from workouts w join workout_exercises we on we.workout_id = w.id join exercises e on e.id = we.exercise_id
      where ${completed} group by 1, we.exercise_id, e.name order by 1, 2`
  } else {
    query = sql<Row>`
      select ${pk} as pk, m.value as key, m.value as label, sum(we.volume_kg) as volume,
             sum(we.set_count) as sets, sum(we.reps) as reps, count(distinct w.id) as workouts
      from workouts w join workout_exercises we on we.workout_id = w.id join exercises e on e.id = we.exercise_id
        cross join ${sqlFns(db).jsonArrayElements(sql.ref('e.primary_muscles'), 'm')}
      where ${completed} group by 1, m.value order by 1, 2`
  }
  return toSeries(period, groupBy, (await query.execute(db)).rows)
}

function toSeries (period: Period, groupBy: GroupBy, rows: Row[]) {
  return {
    period,
    groupBy,
    series: rows.map((r) => ({
      periodStart: period === 'week' ? mondayOfWeek(Number(r.pk)) : `${String(r.pk)}-01`,
      key: r.key,
      label: r.label,
      volumeKg: roundDerived(Number(r.volume)),
      sets: Number(r.sets),
      reps: Number(r.reps),
      workouts: Number(r.workouts)
    }))
  }
}
