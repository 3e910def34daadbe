import type { Db } from '../../db/schema.js'
import { CHANNELS } from '../../lib/channels.js'
import type { EventBus } from '../../lib/event-bus.js'
import { NotFoundError } from '../../lib/errors.js'
import { evaluateGoalsAfterTraining } from '../goals/goals.evaluator.js'
import { weeklyTotalsRepository } from '../stats/weekly-totals.repository.js'
import type { WorkoutRow } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { workoutDocuments } from './workout-documents.js'

/**
 * What a write changed: the workout (published after commit), the data goals look at, and
 * the start the workout had before when the write moved, reopened or deleted it (its old
 * week's totals change too).
 */
export interface Touched {
  workoutId: string
  exerciseIds: string[]
  at: string
  previousStartedAt?: string
  /** The workout's status when the writer already knows it did not change (saves a lookup). */
  status?: string
}
export interface WriteOutcome<T> { result: T, touched?: Touched }
export interface WriteDeps {
  db: Db
  bus: EventBus
  /** SQLite runs one transaction at a time, so only PostgreSQL needs the workout row lock. */
  dialect: 'sqlite' | 'postgres'
  log?: { warn: (obj: object, msg: string) => void }
}

/** Tells listeners (the guided workout) that a workout, its exercises or sets changed. */
export async function publishWorkoutChanged (bus: EventBus, workoutId: string, userId: string): Promise<void> {
  await bus.publish(CHANNELS.workoutChanged, JSON.stringify({ workoutId, userId }))
}

/** SQLite and PostgreSQL unique-key violations: a concurrent create with the same client id. */
export function isUniqueViolation (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/**
 * Runs one write in one transaction: the change, the bests (inside `fn`), then the workout's
 * revision bump (retiring its stored document), the weekly totals and the goal evaluation, then
 * commit, then the workoutChanged event. A create that lost a race for its client id runs again
 * once, and then finds the stored row (replay) or its owner (409).
 */
export async function writeWorkout<T> (deps: WriteDeps, userId: string, fn: (trx: Db) => Promise<WriteOutcome<T>>): Promise<T> {
  const attempt = async (): Promise<WriteOutcome<T>> => await deps.db.transaction().execute(async (trx) => {
    const outcome = await fn(trx)
    if (outcome.touched !== undefined) {
      await workoutDocuments.invalidate(trx, userId, outcome.touched.workoutId)
      await refreshWeeklyTotals(trx, userId, outcome.touched)
      await evaluateGoalsAfterTraining(trx, userId, { exerciseIds: outcome.touched.exerciseIds, at: outcome.touched.at })
    }
    return outcome
  })
  let outcome: WriteOutcome<T>
  try {
    outcome = await attempt()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    outcome = await attempt()
  }
  if (outcome.touched !== undefined) {
    // The data is committed; a lost notification must not turn the answer into an error.
    await publishWorkoutChanged(deps.bus, outcome.touched.workoutId, userId)
      .catch((err: unknown) => deps.log?.warn({ err }, 'workoutChanged not published'))
  }
  return outcome.result
}

/**
 * Keeps weekly_totals exact. Only completed workouts count there, so a change to a running
 * workout that did not move or reopen it (the set-logging path) costs one indexed lookup.
 */
async function refreshWeeklyTotals (trx: Db, userId: string, touched: Touched): Promise<void> {
  if (touched.status === 'in_progress' && touched.previousStartedAt === undefined) return
  const now = await trx.selectFrom('workouts').select(['started_at', 'status'])
    .where('id', '=', touched.workoutId).where('user_id', '=', userId).executeTakeFirst()
  const instants = [
    ...(now?.status === 'completed' ? [now.started_at] : []),
    ...(touched.previousStartedAt !== undefined ? [touched.previousStartedAt] : [])
  ]
  if (instants.length > 0) await weeklyTotalsRepository.refresh(trx, userId, instants)
}

export type LockedWorkout = Pick<WorkoutRow, 'id' | 'started_at' | 'status'>

/** Locks the user's workout for this write (404 when it is not theirs). */
export async function lockWorkout (trx: Db, userId: string, workoutId: string): Promise<LockedWorkout> {
  const workout = await workoutsRepository.lock(trx, userId, workoutId)
  if (workout === undefined) throw new NotFoundError('Workout')
  return workout
}

/** The time of data logged now: now while the workout runs, its start once it is completed. */
export const dataTime = (workout: LockedWorkout, now: string): string => workout.status === 'completed' ? workout.started_at : now

export const recordWorkout = (w: LockedWorkout) => ({ id: w.id, startedAt: w.started_at })

/** Locks for a write below one workout exercise: it (with its workout), 404 unless both are the user's. One query on SQLite. */
export async function lockWorkoutExercise (trx: Db, deps: WriteDeps, userId: string, workoutId: string, workoutExerciseId: string) {
  if (deps.dialect === 'postgres') await lockWorkout(trx, userId, workoutId)
  const parent = await workoutExercisesRepository.findOne(trx, userId, workoutId, workoutExerciseId)
  if (parent === undefined) throw new NotFoundError('Workout exercise')
  const workout: LockedWorkout = { id: workoutId, started_at: parent.workout_started_at, status: parent.workout_status }
  return { parent, workout }
}
