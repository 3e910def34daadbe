import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { TimeRange } from '../../lib/time.js'
import { localWeek, mondayOfWeek, startOfDay } from '../../rules/calendar.js'
import { roundDerived } from '../../rules/rounding.js'
import { rangeFilter } from './stats.sql.js'

const DEFAULT_WEEKS = 4

/**
 * Weekly hard sets per muscle, the figure lifters plan volume by: every completed, non-warm-up
 * set counts 1 for each primary muscle of its exercise and 0.5 for each secondary one. The
 * database counts sets per (week, exercise); the muscle weighting is applied to those few rows.
 * Without a range it covers the last four ISO weeks including the current one, in the user's
 * time zone (as the weeks of the series are).
 */
export async function hardSetsPerMuscle (
  db: Db,
  userId: string,
  range: TimeRange,
  timeZone: string,
  nowMs = Date.now()
) {
  const firstDefault = new Date(
    startOfDay(mondayOfWeek(localWeek(nowMs, timeZone) - DEFAULT_WEEKS + 1), timeZone)
  ).toISOString()
  const from = range.from ?? (range.to === null ? firstDefault : null)
  const bounded = { from, to: range.to }
  const { rows } = await sql<{ week: number, primary: string, secondary: string, sets: number }>`
    select w.local_week as week, e.primary_muscles as "primary", e.secondary_muscles as secondary, count(*) as sets
    from workouts w join workout_exercises we on we.workout_id = w.id
      join sets s on s.workout_exercise_id = we.id join exercises e on e.id = we.exercise_id
    where w.user_id = ${userId} and w.status = 'completed' and s.completed = 1 and s.type <> 'warmup'
      ${rangeFilter('w.started_at', bounded)}
    group by w.local_week, we.exercise_id, e.primary_muscles, e.secondary_muscles`.execute(db)

  const perWeek = new Map<string, number>()
  const totals = new Map<string, number>()
  let firstWeek = Infinity
  let lastWeek = -Infinity
  for (const row of rows) {
    const n = Number(row.sets)
    firstWeek = Math.min(firstWeek, Number(row.week))
    lastWeek = Math.max(lastWeek, Number(row.week))
    const weighted: Array<[string, number]> = [
      ...(JSON.parse(row.primary) as string[]).map((m): [string, number] => [m, n]),
      ...(JSON.parse(row.secondary) as string[]).map((m): [string, number] => [m, n * 0.5])
    ]
    for (const [muscle, sets] of weighted) {
      const key = `${row.week}|${muscle}`
      perWeek.set(key, (perWeek.get(key) ?? 0) + sets)
      totals.set(muscle, (totals.get(muscle) ?? 0) + sets)
    }
  }
  // Weeks in the range (or, if it is open-ended, the weeks the data spans).
  const startWeek = bounded.from !== null ? localWeek(Date.parse(bounded.from), timeZone) : firstWeek
  const endWeek = bounded.to !== null
    ? localWeek(Math.min(Date.parse(bounded.to), nowMs), timeZone)
    : Math.max(lastWeek, localWeek(nowMs, timeZone))
  const weeks = Number.isFinite(startWeek) && Number.isFinite(endWeek) ? Math.max(1, endWeek - startWeek + 1) : 0
  return {
    from: bounded.from,
    to: bounded.to,
    weeks,
    muscles: [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([muscle, hardSets]) => ({ muscle, hardSets, weeklyHardSets: roundDerived(hardSets / weeks) })),
    series: [...perWeek].map(([key, hardSets]) => {
      const [week, muscle] = key.split('|')
      return { weekStart: mondayOfWeek(Number(week)), muscle, hardSets }
    }).sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.muscle.localeCompare(b.muscle))
  }
}
