import type { Db } from '../../db/schema.js'
import { ConflictError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { nowIso } from '../../lib/time.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { recordsService, type NewRecord } from '../records/records.service.js'
import { setsRepository } from './sets.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import type { NewSetInput, NewWorkoutExerciseInput } from './workouts.inputs.js'
import { toRecordSet, toWorkoutDto, type SetRow, type WorkoutExerciseWithRef } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'
import { checkDistinct, checkEnd, checkSetFits, instant, usableExercises } from './workouts.rules.js'
import type { WorkoutDto } from './workouts.schemas.js'
import type { Touched } from './workouts.write.js'

/** Where new rows go: the workout, the owner, and the completedAt of sets created completed. */
export interface RowContext { userId: string, workoutId: string, completedAt: string }

/** A set row from its input, after checking that its values fit the exercise's tracking. */
export function buildSet (ctx: RowContext, workoutExerciseId: string, input: NewSetInput, tracking: string, position: number, path: string): SetRow {
  const completed = input.completed ?? true
  checkSetFits(tracking, input, completed, path)
  return {
    id: input.id ?? newId(),
    workout_exercise_id: workoutExerciseId,
    user_id: ctx.userId,
    position,
    type: input.type ?? 'normal',
    reps: input.reps ?? null,
    weight_kg: input.weightKg ?? null,
    duration_sec: input.durationSec ?? null,
    distance_m: input.distanceM ?? null,
    rpe: input.rpe ?? null,
    completed: completed ? 1 : 0,
    completed_at: completed ? ctx.completedAt : null,
    target_reps: input.targetReps ?? null,
    target_weight_kg: input.targetWeightKg ?? null,
    target_duration_sec: input.targetDurationSec ?? null,
    target_distance_m: input.targetDistanceM ?? null,
    note: input.note ?? null
  }
}

/** A workout exercise row and its set rows (totals are filled in by refreshTotals after insert). */
export function buildExercise (ctx: RowContext, input: NewWorkoutExerciseInput, exercise: ExerciseRow, position: number, path: string): { row: WorkoutExerciseWithRef, sets: SetRow[] } {
  const id = input.id ?? newId()
  const sets = (input.sets ?? []).map((s, i) => buildSet(ctx, id, s, exercise.tracking, i, `${path}/sets/${i}`))
  const row: WorkoutExerciseWithRef = {
    id,
    workout_id: ctx.workoutId,
    user_id: ctx.userId,
    exercise_id: exercise.id,
    position,
    notes: input.notes ?? null,
    rest_sec: input.restSec ?? null,
    superset_group: input.supersetGroup ?? null,
    set_count: 0,
    reps: 0,
    volume_kg: 0,
    exercise: { id: exercise.id, name: exercise.name, tracking: exercise.tracking }
  }
  return { row, sets }
}

/** Inserts workout exercises with their sets and makes the exercises' totals current. */
export async function insertExercises (trx: Db, built: Array<{ row: WorkoutExerciseWithRef, sets: SetRow[] }>): Promise<void> {
  await workoutExercisesRepository.insert(trx, built.map(({ row: { exercise: _ref, ...row } }) => row))
  await setsRepository.insert(trx, built.flatMap((b) => b.sets))
}

export interface NestedWorkoutInput {
  id?: string
  name: string
  startedAt: string
  endedAt?: string | null
  notes?: string | null
  exercises?: NewWorkoutExerciseInput[]
  planId?: string | null
  planDayId?: string | null
}

export interface CreatedWorkout { workout: WorkoutDto, newRecords: NewRecord[], touched: Touched }

/**
 * Creates a whole workout inside the caller's transaction: checks, rows, totals, bests
 * (compared against the bests before the whole request). Reused by plans (start a day, with
 * planId/planDayId and sets `completed: false` carrying target values). The caller evaluates
 * goals and publishes `touched` after commit (writeWorkout does both); client ids already in use
 * are a 409 here, replays are the caller's to detect first.
 */
export async function createWorkoutTx (trx: Db, userId: string, input: NestedWorkoutInput, options: { allowArchived?: boolean } = {}): Promise<CreatedWorkout> {
  const startedAt = instant(input.startedAt, '/startedAt')
  const endedAt = input.endedAt === undefined || input.endedAt === null ? null : instant(input.endedAt, '/endedAt')
  checkEnd(startedAt, endedAt)
  const items = input.exercises ?? []
  checkDistinct([{ id: input.id, path: '' }, ...items.flatMap((e, i) => [
    { id: e.id, path: `/exercises/${i}` },
    ...(e.sets ?? []).map((s, j) => ({ id: s.id, path: `/exercises/${i}/sets/${j}` }))
  ])])
  const exercises = await usableExercises(trx, userId, items.map((e, i) => ({ exerciseId: e.exerciseId, path: `/exercises/${i}` })), options)
  const workoutId = input.id ?? newId()
  const ctx: RowContext = { userId, workoutId, completedAt: startedAt }
  const built = items.map((e, i) => buildExercise(ctx, e, exercises.get(e.exerciseId) as ExerciseRow, i, `/exercises/${i}`))
  const clientIds = { exercises: items.flatMap((e) => e.id ?? []), sets: items.flatMap((e) => (e.sets ?? []).flatMap((s) => s.id ?? [])) }
  if ((await workoutExercisesRepository.owners(trx, clientIds.exercises)).length > 0 || (await setsRepository.owners(trx, clientIds.sets)).length > 0) {
    throw new ConflictError('An id in this workout is already in use')
  }
  const now = nowIso()
  await workoutsRepository.insert(trx, {
    id: workoutId,
    user_id: userId,
    name: input.name,
    notes: input.notes ?? null,
    started_at: startedAt,
    ended_at: endedAt,
    status: endedAt === null ? 'in_progress' : 'completed',
    plan_id: input.planId ?? null,
    plan_day_id: input.planDayId ?? null,
    exercise_count: 0,
    set_count: 0,
    reps: 0,
    volume_kg: 0,
    created_at: now,
    updated_at: now
  })
  await insertExercises(trx, built)
  const row = await workoutsRepository.refreshTotals(trx, workoutId, built.map((b) => b.row.id), now)
  const newRecords = await recordsService.applyAddedSets(trx, userId, { id: workoutId, startedAt },
    built.flatMap((b) => b.sets.map((s) => toRecordSet(s, b.row.exercise_id))))
  const touched = { workoutId, exerciseIds: [...exercises.keys()], at: startedAt }
  return { workout: toWorkoutDto(row, built.map((b) => b.row), built.flatMap((b) => b.sets)), newRecords, touched }
}
