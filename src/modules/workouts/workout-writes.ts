import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import { CHANNELS } from '../../lib/channels.js'
import { retryTransient } from '../../lib/client-id.js'
import type { EventBus } from '../../lib/event-bus.js'
import { NotFoundError } from '../../lib/errors.js'
import { projections, type TrainingChange } from '../../projections/index.js'
import type { NewRecord } from '../../rules/records.js'
import type { WorkoutExerciseRow as WorkoutExercisesRow, WorkoutExerciseWithRef } from './workouts.mappers.js'

/**
 * How every write to a workout, its exercises or its sets runs: one transaction that locks
 * the workout, makes the change, and hands what it changed to src/projections (totals, bests,
 * weeks, goals, the stored document), then, once committed, tells listeners (the guided
 * workout's streams) that the workout changed.
 */
export interface WriteDeps {
  db: Db
  bus: EventBus
  /** SQLite runs one transaction at a time, so only PostgreSQL needs the workout row lock. */
  dialect: 'sqlite' | 'postgres'
  log?: { warn: (obj: object, msg: string) => void }
}

/**
 * What a write made or found, and what it changed (none for a replay). `read` builds the
 * answer after the derived state is up to date (totals), still inside the transaction.
 */
export type WriteOutcome<T> =
  { result: T, change?: TrainingChange } | { read: (trx: Db) => Promise<T>, change: TrainingChange }

/** Tells listeners (the guided workout) that a workout, its exercises or sets changed. */
export async function publishWorkoutChanged (bus: EventBus, workoutId: string, userId: string): Promise<void> {
  await bus.publish(CHANNELS.workoutChanged, JSON.stringify({ workoutId, userId }))
}

/**
 * Runs one write in one transaction, then publishes. A create that lost a race for its client
 * id runs again, and then finds the stored row (replay) or its owner (409); so does a write
 * PostgreSQL chose as a deadlock victim.
 */
export async function writeWorkout<T> (
  deps: WriteDeps,
  userId: string,
  fn: (trx: Db) => Promise<WriteOutcome<T>>
): Promise<{ result: T, newRecords: NewRecord[] }> {
  const attempt = async () => await deps.db.transaction().execute(async (trx) => {
    const outcome = await fn(trx)
    const { newRecords } = outcome.change === undefined
      ? { newRecords: [] }
      : await projections.training(trx, userId, outcome.change)
    const result = 'read' in outcome ? await outcome.read(trx) : outcome.result
    return { result, change: outcome.change, newRecords }
  })
  const done = await retryTransient(attempt)
  for (const { id } of done.change?.workouts ?? []) {
    // The data is committed; a lost notification must not turn the answer into an error.
    await publishWorkoutChanged(deps.bus, id, userId)
      .catch((err: unknown) => deps.log?.warn({ err }, 'workoutChanged not published'))
  }
  return { result: done.result, newRecords: done.newRecords }
}

/** A workout as its writes need it: locked for the write's transaction. */
export interface LockedWorkout {
  id: string
  started_at: string
  ended_at: string | null
  status: string
  local_week: number | null
}

/** The row a workout's change starts from, as projections want it in `before`. */
export const beforeOf = (w: LockedWorkout) => ({
  startedAt: w.started_at,
  status: w.status,
  localWeek: w.local_week === null ? null : Number(w.local_week)
})

/** Locks the user's workout for this write (404 when it is not theirs). */
export async function lockWorkout (trx: Db, userId: string, workoutId: string): Promise<LockedWorkout> {
  const { rows: [row] } = await sql<LockedWorkout>`select id, started_at, ended_at, status, local_week from workouts
    where id = ${workoutId} and user_id = ${userId}${sqlFns(trx).forUpdate()}`.execute(trx)
  if (row === undefined) throw new NotFoundError('Workout')
  return row
}

export type LockedWorkoutExercise = WorkoutExerciseWithRef & { has_goals: boolean }

/**
 * Locks for a write below one workout exercise, in one statement: the workout exercise with its
 * exercise, its workout (locked until commit on PostgreSQL; SQLite has one writer) and whether
 * the user has a goal the write could move. 404 unless both are the user's. How many sets it
 * holds is read by the statements that need it, after the lock, so concurrent writes to one
 * workout see each other's sets.
 */
export async function lockWorkoutExercise (
  trx: Db,
  userId: string,
  workoutId: string,
  workoutExerciseId: string
): Promise<{ parent: LockedWorkoutExercise, workout: LockedWorkout }> {
  // SQL text: this lookup starts every set write (the hottest write), where building it cost more than running it.
  const { rows: [row] } = await sql<WorkoutExercisesRow & {
    exercise_name: string
    exercise_tracking: string
    goal_count: number
  } & WorkoutColumns>`
    select we.*, e.name as exercise_name, e.tracking as exercise_tracking,
           w.started_at as w_started_at, w.ended_at as w_ended_at, w.status as w_status, w.local_week as w_local_week,
           (select count(*) from goals g where g.user_id = we.user_id and g.status <> 'abandoned') as goal_count
    from workout_exercises we join exercises e on e.id = we.exercise_id join workouts w on w.id = we.workout_id
    where we.id = ${workoutExerciseId} and we.workout_id = ${workoutId}
      and we.user_id = ${userId}${sqlFns(trx).forUpdate('w')}`.execute(trx)
  if (row === undefined) throw new NotFoundError('Workout exercise')
  const {
    exercise_name: name,
    exercise_tracking: tracking,
    goal_count: goals,
    w_started_at: startedAt,
    w_ended_at: endedAt,
    w_status: status,
    w_local_week: week,
    ...we
  } = row
  return {
    parent: { ...we, has_goals: Number(goals) > 0, exercise: { id: we.exercise_id, name, tracking } },
    workout: { id: workoutId, started_at: startedAt, ended_at: endedAt, status, local_week: week }
  }
}

interface WorkoutColumns {
  w_started_at: string
  w_ended_at: string | null
  w_status: string
  w_local_week: number | null
}

/** When a set created or completed now happened: now while the workout runs, its start once it is completed. */
export const completionTime = (workout: LockedWorkout, now: string): string =>
  workout.status === 'completed' ? workout.started_at : now
