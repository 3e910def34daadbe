import Type from 'typebox'
import {
  Body, CalendarDate, ClientId, Instant, ListQuery, Name, Notes, Nullable, Uuid, UuidOf
} from '../../lib/schemas.js'
import { SetType, WorkoutStatus } from './workouts.schemas.js'

/** Request bodies and queries: the contract's bounds and size caps, checked before any code runs. */
export const MAX_EXERCISES = 100
export const MAX_SETS = 100

const Reps = Type.Integer({ minimum: 0, maximum: 1000 })
const WeightKg = Type.Number({ minimum: 0, maximum: 1000 })
const DurationSec = Type.Number({ minimum: 0, maximum: 86400 })
const DistanceM = Type.Number({ minimum: 0, maximum: 1_000_000 })
const Rpe = Type.Number({ minimum: 1, maximum: 10, multipleOf: 0.5 })
const Position = Type.Integer({ minimum: 0, maximum: 99, description: '0-based; others shift to keep positions dense' })
const RestSec = Type.Integer({ minimum: 0, maximum: 3600 })
const SupersetGroup = Type.Integer({
  minimum: 1,
  maximum: 100,
  description: 'Neighbouring exercises with the same group form a superset'
})
const opt = Type.Optional

const SetFields = {
  type: opt(SetType),
  reps: opt(Nullable(Reps)),
  weightKg: opt(Nullable(WeightKg)),
  durationSec: opt(Nullable(DurationSec)),
  distanceM: opt(Nullable(DistanceM)),
  rpe: opt(Nullable(Rpe)),
  completed: opt(Type.Boolean()),
  targetReps: opt(Nullable(Reps)),
  targetWeightKg: opt(Nullable(WeightKg)),
  targetDurationSec: opt(Nullable(DurationSec)),
  targetDistanceM: opt(Nullable(DistanceM)),
  note: opt(Nullable(Notes))
}

export const NewSetBody = Body({ id: ClientId, ...SetFields, completed: opt(Type.Boolean({ default: true })) })
export const AddSetBody = Body({ ...NewSetBody.properties, position: opt(Position) })
export const PatchSetBody = Body({ ...SetFields, position: opt(Position) })

const WorkoutExerciseFields = {
  notes: opt(Nullable(Notes)),
  restSec: opt(Nullable(RestSec)),
  supersetGroup: opt(Nullable(SupersetGroup))
}

export const NewWorkoutExerciseBody = Body({
  id: ClientId,
  exerciseId: Uuid,
  ...WorkoutExerciseFields,
  sets: opt(Type.Array(NewSetBody, { maxItems: MAX_SETS }))
})
export const AddWorkoutExerciseBody = Body({ ...NewWorkoutExerciseBody.properties, position: opt(Position) })
export const PatchWorkoutExerciseBody = Body({
  exerciseId: opt(Uuid),
  position: opt(Position),
  ...WorkoutExerciseFields
})

export const CreateWorkoutBody = Body({
  id: ClientId,
  name: Name,
  startedAt: Instant,
  endedAt: opt(Nullable(Instant)),
  notes: opt(Nullable(Notes)),
  exercises: opt(Type.Array(NewWorkoutExerciseBody, { maxItems: MAX_EXERCISES }))
})
export const PatchWorkoutBody = Body({
  name: opt(Name),
  notes: opt(Nullable(Notes)),
  startedAt: opt(Instant),
  endedAt: opt(Nullable(Instant))
})

const Bound = Type.Union([Instant, CalendarDate], {
  description: 'An instant, or a date (from: its start, to: its end, UTC)'
})
export const ListWorkoutsQuery = Type.Object({
  from: opt(Bound),
  to: opt(Bound),
  exerciseId: opt(UuidOf('Only workouts that hold this exercise')),
  status: opt(Type.Unsafe<Type.Static<typeof WorkoutStatus>>({
    ...WorkoutStatus,
    description: 'Only in-progress or only completed workouts'
  })),
  ...ListQuery
})

export type NewSetInput = Type.Static<typeof NewSetBody>
export type AddSetInput = Type.Static<typeof AddSetBody>
export type PatchSetInput = Type.Static<typeof PatchSetBody>
export type NewWorkoutExerciseInput = Type.Static<typeof NewWorkoutExerciseBody>
export type AddWorkoutExerciseInput = Type.Static<typeof AddWorkoutExerciseBody>
export type PatchWorkoutExerciseInput = Type.Static<typeof PatchWorkoutExerciseBody>
export type CreateWorkoutInput = Type.Static<typeof CreateWorkoutBody>
export type PatchWorkoutInput = Type.Static<typeof PatchWorkoutBody>
export type ListWorkoutsInput = Type.Static<typeof ListWorkoutsQuery>
