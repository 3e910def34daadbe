import type { Db } from '../../db/schema.js'
import { checkDistinct, ID_IN_USE } from '../../lib/client-id.js'
import { ConflictError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { checkEnd, instant, nowIso } from '../../lib/time.js'
import type { TrainingChange } from '../../projections/index.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { usableExercises } from '../exercises/exercises.usable.js'
import { setsRepository } from './sets.repository.js'
import type { RowContext } from './sets.rows.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { buildExercise, insertExercises, type ExerciseToCreate } from './workout-exercises.rows.js'
import { toRecordSet } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'

export interface NestedWorkoutInput {
  id?: string
  name: string
  startedAt: string
  endedAt?: string | null
  notes?: string | null
  exercises?: ExerciseToCreate[]
  planId?: string | null
  planDayId?: string | null
}

/**
 * Creates a whole session, its exercises and their sets, inside the caller's writeWorkout
 * transaction, and says what it changed. Reused by plans (start a day, with planId/planDayId
 * and sets `completed: false` carrying target values). Client ids already in use are a 409
 * here; replays are the caller's to detect first.
 */
export async function createWorkoutTx (
  trx: Db,
  userId: string,
  input: NestedWorkoutInput,
  options: { allowArchived?: boolean } = {}
): Promise<{ id: string, change: TrainingChange }> {
  const startedAt = instant(input.startedAt, '/startedAt')
  const endedAt = input.endedAt === undefined || input.endedAt === null ? null : instant(input.endedAt, '/endedAt')
  checkEnd(startedAt, endedAt)
  const items = input.exercises ?? []
  checkDistinct([{ id: input.id, path: '' }, ...items.flatMap((e, i) => [
    { id: e.id, path: `/exercises/${i}` },
    ...(e.sets ?? []).map((s, j) => ({ id: s.id, path: `/exercises/${i}/sets/${j}` }))
  ])])
  const exercises = await usableExercises(
    trx,
    userId,
    items.map((e, i) => ({ exerciseId: e.exerciseId, path: `/exercises/${i}` })),
    options
  )
  const workoutId = input.id ?? newId()
  const ctx: RowContext = { userId, workoutId, completedAt: startedAt }
  const built = items.map((e, i) =>
    buildExercise(ctx, e, exercises.get(e.exerciseId) as ExerciseRow, i, `/exercises/${i}`))
  const clientIds = {
    exercises: items.flatMap((e) => e.id ?? []),
    sets: items.flatMap((e) => (e.sets ?? []).flatMap((s) => s.id ?? []))
  }
  if (
    (await workoutExercisesRepository.owners(trx, clientIds.exercises)).length > 0 ||
    (await setsRepository.owners(trx, clientIds.sets)).length > 0
  ) {
    throw new ConflictError(ID_IN_USE)
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
    local_date: null,
    local_week: null,
    created_at: now,
    updated_at: now
  })
  await insertExercises(trx, built)
  return {
    id: workoutId,
    change: {
      workouts: [{ id: workoutId, before: null }],
      workoutExercises: built.map((b) => b.row.id),
      appended: [{ workoutId, sets: built.flatMap((b) => b.sets.map((s) => toRecordSet(s, b.row.exercise_id))) }]
    }
  }
}
