import { BadRequestError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { TRACKING_FIELDS, type Tracking } from '../exercises/exercises.vocabulary.js'
import type { NewSetInput } from './workouts.inputs.js'
import type { SetRow } from './workouts.mappers.js'

export type SetValues = Partial<Record<
  'reps' | 'weightKg' | 'durationSec' | 'distanceM' |
  'targetReps' | 'targetWeightKg' | 'targetDurationSec' | 'targetDistanceM',
  number | null
>>

const TARGET_OF = {
  reps: 'targetReps',
  weightKg: 'targetWeightKg',
  durationSec: 'targetDurationSec',
  distanceM: 'targetDistanceM'
} as const
const VALUES = Object.keys(TARGET_OF) as Array<keyof typeof TARGET_OF>
const present = (v: number | null | undefined): boolean => v !== null && v !== undefined

/**
 * A set's values (and targets) must fit its exercise's tracking: fields it does not record are
 * refused, and a completed set needs the ones it requires. A planned set may leave them empty.
 */
export function checkSetFits (tracking: string, set: SetValues, completed: boolean, path: string): void {
  const fields = TRACKING_FIELDS[tracking as Tracking] ?? TRACKING_FIELDS.weight_reps
  for (const field of VALUES) {
    if (fields.allowed.includes(field)) continue
    if (present(set[field])) {
      throw BadRequestError.field(`${path}/${field}`, `is not recorded for ${tracking} exercises`)
    }
    if (present(set[TARGET_OF[field]])) {
      throw BadRequestError.field(`${path}/${TARGET_OF[field]}`, `is not recorded for ${tracking} exercises`)
    }
  }
  if (!completed) return
  for (const field of fields.required) {
    if (!present(set[field as keyof SetValues])) {
      throw BadRequestError.field(`${path}/${field}`, `is required on a completed set of a ${tracking} exercise`)
    }
  }
}

/** Where new rows go: the workout, the owner, and the completedAt of sets created completed. */
export interface RowContext { userId: string, workoutId: string, completedAt: string }

/** A set row from its input, after checking that its values fit the exercise's tracking. */
export function buildSet (
  ctx: RowContext,
  workoutExerciseId: string,
  input: NewSetInput,
  tracking: string,
  position: number,
  path: string
): SetRow {
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
