import type { Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import { userRange } from '../../lib/user-time-zone.js'
import { setsRepository } from './sets.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import type { ListWorkoutsInput } from './workouts.inputs.js'
import { toSummary, toWorkoutDto, toWorkoutExerciseDto, type WorkoutRow } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'
import type { WorkoutDto, WorkoutExerciseDto, WorkoutSummaryDto } from './workouts.schemas.js'

/**
 * A whole workout in three queries, whatever its size: the workout, its exercises joined with
 * their names and tracking, and all its sets. Run them in one transaction (a write's, or
 * inSnapshot) for a consistent answer: each is a statement of its own.
 */
export async function loadWorkout (db: Db, userId: string, id: string): Promise<WorkoutDto | undefined> {
  const row = await workoutsRepository.find(db, userId, id)
  if (row === undefined) return undefined
  const exercises = await workoutExercisesRepository.forWorkout(db, userId, id)
  const sets = await setsRepository.forWorkout(db, userId, id)
  return toWorkoutDto(row, exercises, sets)
}

/** Items grouped by a key, each group in the items' order. */
function groupBy<T> (items: T[], key: (item: T) => string | undefined): Map<string | undefined, T[]> {
  const groups = new Map<string | undefined, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group === undefined) groups.set(key(item), [item])
    else group.push(item)
  }
  return groups
}

/**
 * Whole workouts for a page of already owner-checked rows, in their order: three queries
 * however many workouts (loadWorkout's, batched; sets by their workout exercises' ids, which
 * plans well on PostgreSQL where a semi-join on workout ids did not). Read in one snapshot.
 */
export async function loadWorkouts (db: Db, userId: string, rows: WorkoutRow[]): Promise<WorkoutDto[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const exercises = await workoutExercisesRepository.forWorkouts(db, userId, ids)
  const workoutOf = new Map(exercises.map((e) => [e.id, e.workout_id]))
  const exercisesOf = groupBy(exercises, (e) => e.workout_id)
  const sets = await setsRepository.forWorkoutExercises(db, userId, exercises.map((e) => e.id))
  const setsOf = groupBy(sets, (s) => workoutOf.get(s.workout_exercise_id))
  return rows.map((r) => toWorkoutDto(r, exercisesOf.get(r.id) ?? [], setsOf.get(r.id) ?? []))
}

/** One workout exercise with its sets: two queries. */
export async function loadWorkoutExercise (
  db: Db,
  userId: string,
  workoutId: string,
  id: string
): Promise<WorkoutExerciseDto | undefined> {
  const row = await workoutExercisesRepository.findOne(db, userId, workoutId, id)
  return row === undefined ? undefined : toWorkoutExerciseDto(row, await setsRepository.forWorkoutExercise(db, id))
}

/** A page of summaries, newest start first (ties: id descending), in one query on workouts. */
export async function listWorkouts (
  db: Db,
  userId: string,
  q: ListWorkoutsInput
): Promise<{ items: WorkoutSummaryDto[], nextCursor: string | null }> {
  const limit = q.limit ?? 20
  const key = decodeCursor(q.cursor, 2)
  if (key !== undefined && !key.every((k) => typeof k === 'string')) {
    throw BadRequestError.field('/cursor', 'is not a valid cursor')
  }
  const range = await userRange(db, userId, q)
  const rows = await workoutsRepository.list(db, userId, {
    range,
    exerciseId: q.exerciseId,
    status: q.status,
    limit,
    after: key as [string, string] | undefined
  })
  return toPage(rows, limit, toSummary, (r) => [r.started_at, r.id])
}
