import type { Db } from '../../db/schema.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import { BadRequestError } from '../../lib/errors.js'
import { setsRepository } from './sets.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import type { ListWorkoutsInput } from './workouts.inputs.js'
import { toSummary, toWorkoutDto, toWorkoutExerciseDto } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'
import { bound } from './workouts.rules.js'
import type { WorkoutDto, WorkoutExerciseDto, WorkoutSummaryDto } from './workouts.schemas.js'

/**
 * A whole workout in three queries, whatever its size: the workout, its exercises joined with
 * their names and tracking, and all its sets. Each filters by user, so they run side by side.
 */
export async function loadWorkout (db: Db, userId: string, id: string): Promise<WorkoutDto | undefined> {
  const [row, exercises, sets] = await Promise.all([
    workoutsRepository.find(db, userId, id),
    workoutExercisesRepository.forWorkout(db, userId, id),
    setsRepository.forWorkout(db, userId, id)
  ])
  return row === undefined ? undefined : toWorkoutDto(row, exercises, sets)
}

/** One workout exercise with its sets: two queries. */
export async function loadWorkoutExercise (db: Db, userId: string, workoutId: string, id: string): Promise<WorkoutExerciseDto | undefined> {
  const [row, sets] = await Promise.all([
    workoutExercisesRepository.findOne(db, userId, workoutId, id),
    setsRepository.forWorkoutExercise(db, id)
  ])
  return row === undefined ? undefined : toWorkoutExerciseDto(row, sets)
}

/** A page of summaries, newest start first (ties: id descending), in one query on workouts. */
export async function listWorkouts (db: Db, userId: string, q: ListWorkoutsInput): Promise<{ items: WorkoutSummaryDto[], nextCursor: string | null }> {
  const limit = q.limit ?? 20
  const key = decodeCursor(q.cursor, 2)
  if (key !== undefined && !key.every((k) => typeof k === 'string')) throw BadRequestError.field('/cursor', 'is not a valid cursor')
  const rows = await workoutsRepository.list(db, userId, {
    from: q.from === undefined ? undefined : bound(q.from, 'from', '/from'),
    to: q.to === undefined ? undefined : bound(q.to, 'to', '/to'),
    exerciseId: q.exerciseId,
    status: q.status,
    limit,
    after: key as [string, string] | undefined
  })
  return toPage(rows, limit, toSummary, (r) => [r.started_at, r.id])
}
