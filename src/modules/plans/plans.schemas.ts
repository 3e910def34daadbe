import Type, { type Static, type TAddOptional, type TProperties, type TSchema } from 'typebox'
import { Body, ClientId, Instant, Name, Notes, Nullable, Page, Uuid, UuidOf } from '../../lib/schemas.js'
import { CATEGORIES, TRACKING } from '../exercises/exercises.vocabulary.js'

export const GOALS = ['strength', 'hypertrophy', 'endurance', 'weight_loss', 'general_fitness'] as const
export type Goal = typeof GOALS[number]
export const MAX_DAYS = 14
export const MAX_ITEMS = 50
export const DEFAULT_REST_SEC = 90
export const DEFAULT_SETS = 3

export const GoalSchema = Type.Enum(GOALS)
const Category = Type.Enum(CATEGORIES)
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' })
const Position = Type.Integer({ minimum: 0, description: '0-based; positions stay dense (a larger value appends)' })
export const DaysPerWeek = Type.Integer({ minimum: 1, maximum: 7 })
const SessionMin = Type.Integer({ minimum: 5, maximum: 600, description: 'Planned session length in minutes' })
const ExerciseTypes = Type.Array(Category, {
  uniqueItems: true,
  maxItems: CATEGORIES.length,
  description: 'Exercise categories the plan uses'
})
export const ExerciseRefSchema = Type.Object(
  { id: Uuid, name: Type.String(), tracking: Type.Enum(TRACKING) },
  { $id: 'PlanExerciseRef' }
)

// The targets of one item; which ones may be set depends on the exercise's tracking.
const targetProps = {
  reps: Nullable(Type.Integer({ minimum: 1, maximum: 1000 })),
  repsMin: Nullable(Type.Integer({
    minimum: 1,
    maximum: 1000,
    description: 'Rep range start; needs repsMax; excludes reps'
  })),
  repsMax: Nullable(Type.Integer({ minimum: 1, maximum: 1000 })),
  weightKg: Nullable(Type.Number({ minimum: 0, maximum: 1000 })),
  durationSec: Nullable(Type.Number({ minimum: 1, maximum: 86400 })),
  distanceM: Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1000000 })),
  supersetGroup: Nullable(Type.Integer({
    minimum: 1,
    maximum: 99,
    description: 'Neighbouring items with the same group form a superset'
  })),
  notes: Nullable(Notes)
}
const Sets = (extra = {}) => Type.Integer({ minimum: 1, maximum: 20, ...extra })
const RestSec = (extra = {}) => Type.Integer({
  minimum: 0,
  maximum: 3600,
  description: 'Rest after each set (after each round in a superset)',
  ...extra
})

/** Every property optional (PATCH bodies, optional targets). */
function allOptional<T extends TProperties> (props: T): { [K in keyof T]: TAddOptional<T[K]> } {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: TAddOptional<T[K]>
  }
}

export const PlanItem = Type.Object({
  id: Uuid,
  exerciseId: Uuid,
  exercise: ExerciseRefSchema,
  position: Type.Integer(),
  sets: Sets(),
  ...targetProps,
  restSec: RestSec()
}, { $id: 'PlanItem' })

const computedDay = {
  estimatedDurationMin: Type.Integer({
    readOnly: true,
    description: 'Sum over items of sets × (work + rest), work = reps (repsMax) × 3 s or durationSec; ' +
      'a superset rests once per round; rounded up'
  }),
  overBudget: Type.Boolean({ readOnly: true, description: 'estimatedDurationMin > the plan\'s sessionDurationMin' })
}

export const PlanDay = Type.Object({
  id: Uuid,
  name: Type.String(),
  position: Type.Integer(),
  weekday: Nullable(Weekday),
  ...computedDay,
  items: Type.Array(PlanItem)
}, { $id: 'PlanDay' })

export const Plan = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  goal: GoalSchema,
  daysPerWeek: DaysPerWeek,
  sessionDurationMin: Type.Integer(),
  exerciseTypes: Type.Array(Category),
  isActive: Type.Boolean(),
  days: Type.Array(PlanDay),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Plan' })
export const PlanPage = Page(Plan, 'PlanPage')

// Read-only fields of a generated proposal: accepted on create so a proposal can be POSTed as is, and ignored.
const ignored = <T extends TSchema>(schema: T, description: string) =>
  Type.Optional(Type.Unsafe<Static<T>>({
    ...schema,
    readOnly: true,
    description: `${description}; ignored on input`
  }))

const itemInput = {
  id: ClientId,
  exerciseId: Uuid,
  sets: Type.Optional(Sets({ default: DEFAULT_SETS })),
  ...allOptional(targetProps),
  restSec: Type.Optional(RestSec({ default: DEFAULT_REST_SEC }))
}
export const NestedItemInput = Body({
  ...itemInput,
  exercise: ignored(Type.Object(ExerciseRefSchema.properties), 'The exercise summary')
})
export const ItemCreateBody = Body({ ...itemInput, position: Type.Optional(Position) })
export const ItemPatchBody = Body({
  exerciseId: Type.Optional(Uuid),
  sets: Type.Optional(Sets()),
  ...allOptional(targetProps),
  restSec: Type.Optional(RestSec()),
  position: Type.Optional(Position)
})

const dayInput = {
  id: ClientId,
  name: Name,
  weekday: Type.Optional(Nullable(Weekday)),
  items: Type.Optional(Type.Array(NestedItemInput, { maxItems: MAX_ITEMS }))
}
export const NestedDayInput = Body({
  ...dayInput,
  estimatedDurationMin: ignored(Type.Integer(), 'Computed'),
  overBudget: ignored(Type.Boolean(), 'Computed')
})
export const DayCreateBody = Body({ ...dayInput, position: Type.Optional(Position) })
export const DayPatchBody = Body({
  name: Type.Optional(Name),
  weekday: Type.Optional(Nullable(Weekday)),
  position: Type.Optional(Position)
})

const planFields = {
  name: Name,
  description: Type.Optional(Nullable(Notes)),
  goal: Type.Optional(GoalSchema),
  daysPerWeek: Type.Optional(DaysPerWeek),
  sessionDurationMin: Type.Optional(SessionMin),
  exerciseTypes: Type.Optional(ExerciseTypes),
  isActive: Type.Optional(Type.Boolean({ description: 'Activating a plan deactivates the user\'s other plans' }))
}
export const PlanCreateBody = Body({
  id: ClientId,
  ...planFields,
  days: Type.Optional(Type.Array(NestedDayInput, { maxItems: MAX_DAYS }))
})
export const PlanPatchBody = Body(allOptional(planFields))

const PlanId = UuidOf('The plan\'s id')
const DayId = UuidOf('The id of one of the plan\'s days')
export const PlanParams = Type.Object({ id: PlanId })
export const DayParams = Type.Object({ id: PlanId, dayId: DayId })
export const ItemParams = Type.Object({ id: PlanId, dayId: DayId, itemId: UuidOf('The id of one of the day\'s items') })

export const PlanListQuery = Type.Object({
  active: Type.Optional(Type.Boolean({ description: 'Only the active plan (true) or only inactive ones (false)' }))
})

export type PlanDto = Type.Static<typeof Plan>
export type PlanDayDto = Type.Static<typeof PlanDay>
export type PlanItemDto = Type.Static<typeof PlanItem>
export type PlanCreateInput = Type.Static<typeof PlanCreateBody>
export type PlanPatch = Type.Static<typeof PlanPatchBody>
export type DayInput = Type.Static<typeof DayCreateBody>
export type DayPatch = Type.Static<typeof DayPatchBody>
export type ItemInput = Type.Static<typeof ItemCreateBody>
export type ItemPatch = Type.Static<typeof ItemPatchBody>
