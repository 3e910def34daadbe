import type { Db } from '../../db/schema.js'
import { goalsRepository, type GoalRow } from './goals.repository.js'
import { BEST_KIND, reaches } from './goals.rules.js'
import { currentOf } from './goals.sources.js'

/**
 * The one place a goal turns achieved. Every write of goal data (progress logs, training, manual
 * updates, a goal's creation, target change or reopening) calls it in its own transaction.
 * An active goal whose current value reaches its target becomes `achieved` with achievedAt = `at`
 * (the time of the written data) or, without one, the time of the data point behind the current
 * value. Nothing here ever turns a goal back.
 */
export async function evaluateGoal (db: Db, goal: GoalRow, now = new Date(), at?: string): Promise<GoalRow> {
  if (goal.status !== 'active') return goal
  const current = await currentOf(db, goal, now)
  if (current === undefined || !reaches(goal.direction, current.value, goal.target_value)) return goal
  const achievedAt = at ?? current.at
  const updatedAt = now.toISOString()
  await goalsRepository.markAchieved(db, goal.user_id, goal.id, achievedAt, updatedAt)
  return { ...goal, status: 'achieved', achieved_at: achievedAt, updated_at: updatedAt }
}

/**
 * Called by every route that writes training data (workouts, exercises in them, sets), inside
 * the same transaction, after the write and after the exercise bests are up to date.
 * `at` is the time of the data that changed (the set's completion time or the workout's start);
 * a goal reached by this change gets achievedAt = at. Re-evaluates the user's active goals on
 * those exercises and their weekly_workouts goals.
 */
export async function evaluateGoalsAfterTraining (trx: Db, userId: string, change: { exerciseIds: string[], at: string }): Promise<void> {
  const goals = await goalsRepository.active(trx, userId, { types: [...Object.keys(BEST_KIND), 'weekly_workouts'], exerciseIds: change.exerciseIds })
  const now = new Date()
  for (const goal of goals) await evaluateGoal(trx, goal, now, change.at)
}

/** Called inside every progress-log write (create, edit, delete) for the metric it touched. */
export async function evaluateGoalsAfterProgressLog (trx: Db, userId: string, metric: string): Promise<void> {
  const goals = await goalsRepository.active(trx, userId, { types: ['body_metric'], metric })
  const now = new Date()
  for (const goal of goals) await evaluateGoal(trx, goal, now)
}
