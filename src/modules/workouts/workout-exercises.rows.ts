import type { Db } from '../../db/schema.js'
import { newId } from '../../lib/ids.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { setsRepository } from './sets.repository.js'
import { buildSet, type RowContext } from './sets.rows.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import type { NewWorkoutExerciseInput } from './workouts.inputs.js'
import type { SetRow, WorkoutExerciseWithRef } from './workouts.mappers.js'

/** A workout exercise to create; a plan-day start also says which plan item it comes from (not in any body). */
export type ExerciseToCreate = NewWorkoutExerciseInput & { planItemId?: string }

export interface BuiltExercise { row: WorkoutExerciseWithRef, sets: SetRow[] }

/** A workout exercise row and its set rows (their totals are filled in by src/projections). */
export function buildExercise (
  ctx: RowContext,
  input: ExerciseToCreate,
  exercise: ExerciseRow,
  position: number,
  path: string
): BuiltExercise {
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
    plan_item_id: input.planItemId ?? null,
    set_count: 0,
    reps: 0,
    volume_kg: 0,
    exercise: { id: exercise.id, name: exercise.name, tracking: exercise.tracking }
  }
  return { row, sets }
}

export async function insertExercises (trx: Db, built: BuiltExercise[]): Promise<void> {
  await workoutExercisesRepository.insert(trx, built.map(({ row: { exercise: _ref, ...row } }) => row))
  await setsRepository.insert(trx, built.flatMap((b) => b.sets))
}
