import Type from 'typebox'
import { Instant, Nullable, Page, StringEnum, Uuid, UuidOf } from '../../lib/schemas.js'
import { TRACKING } from '../exercises/exercises.vocabulary.js'
import { RECORD_KINDS } from '../../rules/records.js'

/** Response shapes (shared/API.md, Workouts). Request bodies live in workouts.inputs.ts. */
export const SET_TYPES = ['normal', 'warmup', 'drop', 'failure'] as const
export const SetType = StringEnum(SET_TYPES)
export const WorkoutStatus = StringEnum(['in_progress', 'completed'] as const)
const WorkoutStatusReadOnly = Type.Unsafe<Type.Static<typeof WorkoutStatus>>({
  ...WorkoutStatus,
  readOnly: true,
  description: 'completed once endedAt is set'
})

const Num = Nullable(Type.Number())
const Int = Nullable(Type.Integer())

export const SetSchema = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  type: SetType,
  reps: Int,
  weightKg: Num,
  durationSec: Num,
  distanceM: Num,
  rpe: Num,
  completed: Type.Boolean(),
  completedAt: Nullable(Instant),
  targetReps: Int,
  targetWeightKg: Num,
  targetDurationSec: Num,
  targetDistanceM: Num,
  note: Nullable(Type.String())
}, { $id: 'Set' })

export const ExerciseRefSchema = Type.Object(
  { id: Uuid, name: Type.String(), tracking: StringEnum(TRACKING) },
  { $id: 'ExerciseRef', description: 'The exercise as it is now (renamed and archived ones included)' }
)

export const WorkoutExerciseSchema = Type.Object({
  id: Uuid,
  exerciseId: Uuid,
  exercise: ExerciseRefSchema,
  position: Type.Integer(),
  notes: Nullable(Type.String()),
  restSec: Int,
  supersetGroup: Int,
  sets: Type.Array(SetSchema)
}, { $id: 'WorkoutExercise' })

export const SummaryFields = {
  id: Uuid,
  name: Type.String(),
  startedAt: Instant,
  endedAt: Nullable(Instant),
  status: WorkoutStatusReadOnly,
  exerciseCount: Type.Integer({ readOnly: true }),
  setCount: Type.Integer({ readOnly: true, description: 'Completed sets, warm-ups included' }),
  volumeKg: Type.Number({ readOnly: true, description: 'Σ reps × weightKg of completed non-warm-up sets' })
}

export const WorkoutSummarySchema = Type.Object(SummaryFields, { $id: 'WorkoutSummary' })
export const WorkoutSummaryPage = Page(WorkoutSummarySchema, 'WorkoutPage')

export const WorkoutSchema = Type.Object({
  ...SummaryFields,
  notes: Nullable(Type.String()),
  planId: Nullable(Uuid),
  planDayId: Nullable(Uuid),
  exercises: Type.Array(WorkoutExerciseSchema),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Workout' })

export const NewRecordSchema = Type.Object({
  exerciseId: Uuid,
  kind: StringEnum(RECORD_KINDS),
  value: Type.Number(),
  previous: Type.Number()
}, { $id: 'NewRecord', description: 'A personal record this request beat' })
const NewRecords = {
  newRecords: Type.Array(NewRecordSchema, { description: 'Personal records this request beat (empty when none)' })
}

export const WorkoutWithRecords = Type.Object(
  { ...WorkoutSchema.properties, ...NewRecords },
  { $id: 'WorkoutWithRecords' }
)
export const WorkoutExerciseWithRecords = Type.Object(
  { ...WorkoutExerciseSchema.properties, ...NewRecords },
  { $id: 'WorkoutExerciseWithRecords' }
)
export const SetWithRecords = Type.Object({ ...SetSchema.properties, ...NewRecords }, { $id: 'SetWithRecords' })

export type SetDto = Type.Static<typeof SetSchema>
export type WorkoutExerciseDto = Type.Static<typeof WorkoutExerciseSchema>
export type WorkoutDto = Type.Static<typeof WorkoutSchema>
export type WorkoutSummaryDto = Type.Static<typeof WorkoutSummarySchema>

/** Ids in paths. */
const WorkoutId = UuidOf('The workout\'s id')
const WorkoutExerciseId = UuidOf('The id of an entry of the workout\'s exercises (not the exercise\'s own id)')
export const WorkoutParams = Type.Object({ id: WorkoutId })
export const WorkoutExerciseParams = Type.Object({ id: WorkoutId, workoutExerciseId: WorkoutExerciseId })
export const SetParams = Type.Object({
  id: WorkoutId,
  workoutExerciseId: WorkoutExerciseId,
  setId: UuidOf('The set\'s id')
})
