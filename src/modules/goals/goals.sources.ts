import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.js'
import { progressRepository, type Point } from '../progress/progress.repository.js'
import { e1rmSql } from '../stats/stats.sql.js'
import { goalProgressRepository } from './goal-progress.repository.js'
import type { GoalRow } from './goals.repository.js'
import { BEST_KIND, isExerciseGoal, isoWeek } from './goals.rules.js'

/**
 * Where each goal type's current value comes from, combined with the goal's manual updates
 * (which count as data for every type):
 * - body_metric: the latest of the metric's logs and the manual updates, by time (a log wins a tie);
 * - exercise_*: the higher of the exercise's best (table exercise_bests, maintained by the workouts
 *   feature with the same definitions as newRecords) and the highest manual update (ties: the earlier);
 * - weekly_workouts: completed workouts started in the current ISO week, or the latest manual update
 *   recorded in that week when it is higher (a manual count of the week stands for sessions not logged);
 * - custom: the latest manual update.
 * `at` is the time of the data point behind the value (used as achievedAt). Undefined = no value.
 */
export async function currentOf (db: Db, goal: GoalRow, now: Date): Promise<Point | undefined> {
  if (goal.type === 'body_metric') {
    const log = await progressRepository.latest(db, goal.user_id, goal.metric ?? '')
    const manual = await goalProgressRepository.latest(db, goal.id)
    if (log === undefined || manual === undefined) return log ?? manual
    return manual.at > log.at ? manual : log
  }
  if (isExerciseGoal(goal.type)) {
    const best = await db.selectFrom('exercise_bests').select(['value', 'achieved_at as at'])
      .where('user_id', '=', goal.user_id).where('exercise_id', '=', goal.exercise_id ?? '').where('kind', '=', BEST_KIND[goal.type])
      .executeTakeFirst()
    const manual = await goalProgressRepository.highest(db, goal.id)
    if (best === undefined || manual === undefined) return best ?? manual
    return manual.value > best.value || (manual.value === best.value && manual.at < best.at) ? manual : best
  }
  if (goal.type === 'weekly_workouts') {
    const week = isoWeek(now)
    const row = await db.selectFrom('workouts')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('started_at').as('last')])
      .where('user_id', '=', goal.user_id).where('status', '=', 'completed')
      .where('started_at', '>=', week.start).where('started_at', '<', week.end)
      .executeTakeFirstOrThrow()
    const count = Number(row.count)
    const manual = await goalProgressRepository.latest(db, goal.id, { from: week.start, to: week.end })
    if (manual !== undefined && manual.value > count) return manual
    return { value: count, at: row.last ?? manual?.at ?? now.toISOString() }
  }
  return await goalProgressRepository.latest(db, goal.id)
}

/**
 * The goal's data points since it was created, oldest first, for its trend (projectedDate):
 * body_metric: logs; exercise goals: the best qualifying set of each workout; custom: nothing
 * derived. Manual updates are data for every type. weekly_workouts has no trend (its value resets
 * each week), so no points.
 */
export async function trendPoints (db: Db, goal: GoalRow): Promise<Point[]> {
  if (goal.type === 'weekly_workouts') return []
  const manual = await goalProgressRepository.since(db, goal.id, goal.created_at)
  let derived: Point[] = []
  if (goal.type === 'body_metric') derived = await progressRepository.pointsSince(db, goal.user_id, goal.metric ?? '', goal.created_at)
  if (isExerciseGoal(goal.type)) derived = await perWorkoutBests(db, goal.user_id, goal.exercise_id ?? '', BEST_KIND[goal.type], goal.created_at)
  return [...derived, ...manual].sort((a, b) => a.at < b.at ? -1 : a.at > b.at ? 1 : 0)
}

// The per-set value behind each record kind, with the statistics' Epley expression (one definition).
const SET_VALUE: Record<string, () => RawBuilder<number | null>> = {
  max_weight: () => sql<number | null>`${sql.ref('s.weight_kg')}`,
  max_reps: () => sql<number | null>`${sql.ref('s.reps')}`,
  best_e1rm: () => e1rmSql('s.reps', 's.weight_kg')
}

/** The best completed non-warm-up set value of each workout since `since`, by the workout's start. */
async function perWorkoutBests (db: Db, userId: string, exerciseId: string, kind: string, since: string): Promise<Point[]> {
  const best = sql<number | null>`max(${SET_VALUE[kind]()})`
  const rows = await db.selectFrom('sets as s')
    .innerJoin('workout_exercises as we', 'we.id', 's.workout_exercise_id')
    .innerJoin('workouts as w', 'w.id', 'we.workout_id')
    .select(['w.started_at as at', best.as('value')])
    .where('s.user_id', '=', userId).where('we.exercise_id', '=', exerciseId)
    .where('s.completed', '=', 1).where('s.type', '<>', 'warmup').where('w.started_at', '>=', since)
    .groupBy(['w.id', 'w.started_at'])
    .orderBy('w.started_at')
    .execute()
  return rows.filter((r): r is Point => r.value !== null).map((r) => ({ at: r.at, value: Number(r.value) }))
}
