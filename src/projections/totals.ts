import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { sqlFns } from '../db/sql.js'

/** What the later steps need of a workout whose totals were just made current. */
export interface WorkoutState { id: string, status: string, startedAt: string, localWeek: number | null }

// Counted like the contract's summaries: completed sets and their reps, warm-ups included;
// volume without warm-ups. Each total is recomputed from its rows (≤ 100), never adjusted by a
// delta, so it is the same number a rebuild gets.
const exerciseTotals = (db: Db) => ({
  set_count: sql<number>`(select count(*) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1)`,
  reps: sql<number>`(select coalesce(sum(s.reps), 0) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1)`,
  volume_kg: sqlFns(db).roundDerived(sql`(select coalesce(sum(s.reps * s.weight_kg), 0) from sets s
    where s.workout_exercise_id = workout_exercises.id and s.completed = 1 and s.type <> 'warmup')`)
})

const workoutTotals = (db: Db) => ({
  exercise_count: sql<number>`(select count(*) from workout_exercises we where we.workout_id = workouts.id)`,
  set_count: sql<number>`(select coalesce(sum(we.set_count), 0) from workout_exercises we where we.workout_id = workouts.id)`,
  reps: sql<number>`(select coalesce(sum(we.reps), 0) from workout_exercises we where we.workout_id = workouts.id)`,
  volume_kg: sqlFns(db).roundDerived(sql`(select coalesce(sum(we.volume_kg), 0) from workout_exercises we where we.workout_id = workouts.id)`)
})

/** Recomputes the totals of these workout exercises (ids) or of all the user's (a rebuild). */
export async function refreshExerciseTotals (db: Db, userId: string, ids?: string[]): Promise<void> {
  if (ids?.length === 0) return
  let query = db.updateTable('workout_exercises').set(exerciseTotals(db)).where('user_id', '=', userId)
  if (ids !== undefined) query = query.where('id', 'in', [...new Set(ids)])
  await query.execute()
}

/**
 * Recomputes the totals of these workouts (or all the user's). With `revisedAt` it also bumps
 * their revision, which retires their stored documents (workout-documents.ts), and stamps
 * updatedAt, in the same statement.
 */
export async function refreshWorkoutTotals (db: Db, userId: string, ids: string[] | undefined, revisedAt?: string): Promise<WorkoutState[]> {
  if (ids?.length === 0) return []
  const revision = revisedAt === undefined ? {} : { revision: sql<number>`revision + 1`, updated_at: revisedAt }
  let query = db.updateTable('workouts')
    .set({ ...workoutTotals(db), ...revision })
    .where('user_id', '=', userId)
  if (ids !== undefined) query = query.where('id', 'in', [...new Set(ids)])
  const rows = await query.returning(['id', 'status', 'started_at', 'local_week']).execute()
  return rows.map((r) => ({ id: r.id, status: r.status, startedAt: r.started_at, localWeek: r.local_week === null ? null : Number(r.local_week) }))
}
