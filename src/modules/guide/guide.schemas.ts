import Type from 'typebox'
import { Body, ClientId, Instant, Nullable, Uuid } from '../../lib/schemas.js'
import { PatchSetBody } from '../workouts/workouts.inputs.js'
import { NewRecordSchema } from '../workouts/workouts.schemas.js'

/** Shapes of the guided workout (shared/API.md, Workout mode). */
export const GUIDE_STATUSES = ['in_progress', 'resting', 'completed'] as const

const Num = Nullable(Type.Number())

export const StepSchema = Type.Object({
  workoutExerciseId: Uuid,
  setId: Uuid,
  exercise: Type.Object({ id: Uuid, name: Type.String(), instructions: Type.Array(Type.String()) }),
  setNumber: Type.Integer({ description: '1-based, among all sets of its exercise' }),
  totalSets: Type.Integer({ description: 'Sets of its exercise' }),
  supersetGroup: Nullable(Type.Integer()),
  targetReps: Nullable(Type.Integer()),
  targetWeightKg: Num,
  targetDurationSec: Num,
  targetDistanceM: Num,
  restSec: Type.Integer({
    description: 'The rest that completing this step starts: 0 inside a superset round and after the last step'
  })
}, { $id: 'GuideStep' })

export const GuideSchema = Type.Object({
  workoutId: Uuid,
  status: Type.Enum(GUIDE_STATUSES),
  current: Nullable(StepSchema),
  next: Nullable(StepSchema),
  restEndsAt: Nullable(Instant),
  completedSets: Type.Integer(),
  totalSets: Type.Integer(),
  elapsedSec: Type.Integer()
}, { $id: 'Guide' })

export const GuideWithRecords = Type.Object({
  ...GuideSchema.properties,
  newRecords: Type.Array(NewRecordSchema, { description: 'Personal records the completed set beat (empty when none)' })
}, { $id: 'GuideWithRecords' })

// Values of the completed set: a missing field takes the set's target, null records no value.
const { reps, weightKg, durationSec, distanceM, rpe, note } = PatchSetBody.properties
export const CompleteBody = Body({ reps, weightKg, durationSec, distanceM, rpe, note })
export const SkipBody = Body({
  scope: Type.Optional(Type.Enum(['set', 'exercise'], {
    default: 'set',
    description: 'The current set, or every remaining set of its exercise'
  }))
})
export const StartBody = Body({ id: ClientId })

export const TicketSchema = Type.Object({
  ticket: Type.String({ description: 'Single use, for GET …/guide/events?ticket= only' }),
  expiresAt: Instant
}, { $id: 'GuideTicket' })

export const EventsQuery = Type.Object({
  ticket: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'From POST …/guide/ticket, for clients that cannot send Authorization (EventSource)'
  })),
  lastEventId: Type.Optional(Type.String({
    maxLength: 100,
    description: 'Like the Last-Event-ID header, for polyfills that cannot send it'
  }))
})

export type StepDto = Type.Static<typeof StepSchema>
export type GuideDto = Type.Static<typeof GuideSchema>
export type CompleteInput = Type.Static<typeof CompleteBody>
export type SkipInput = Type.Static<typeof SkipBody>
