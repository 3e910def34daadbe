import Type, { type Static, type TAddOptional, type TProperties, type TSchema } from 'typebox'
import { Body, ClientId, Instant, Name, Notes, Nullable, Page, Uuid, UuidOf } from '../../lib/schemas.js'
import { CATEGORIES, TRACKING } from '../exercises/exercises.vocabulary.js'
import { WarmupSetSchema } from '../tools/tools.schemas.js'

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
// Progression rules (shared/API.md, Training tools). No `default` keywords inside the union (Ajv ignores
// them there): plans.progression.ts fills the documented defaults in.
const IncrementKg = Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Weight added after a success' })
const FailuresBeforeDeload = Type.Integer({
  minimum: 1,
  maximum: 10,
  description: 'Failed sessions in a row at one weight before a deload (default 3)'
})
const DeloadPercent = Type.Number({
  minimum: 0,
  maximum: 50,
  description: 'How much a deload takes off, rounded down to 0.5 kg (default 10)'
})
const linearDoc = 'Every planned set done at its target reps and weight → + incrementKg; otherwise the same weight, ' +
  'and after failuresBeforeDeload such sessions in a row − deloadPercent'
const doubleDoc = 'Needs repsMin/repsMax. Every set at repsMax → + incrementKg and back to repsMin; otherwise the ' +
  'same weight and one rep above last time\'s lowest set (at most repsMax)'
export const LinearProgression = Type.Object({
  type: Type.Literal('linear'),
  incrementKg: IncrementKg,
  failuresBeforeDeload: FailuresBeforeDeload,
  deloadPercent: DeloadPercent
}, { $id: 'LinearProgression', description: linearDoc })
export const DoubleProgression = Type.Object({
  type: Type.Literal('double'),
  incrementKg: IncrementKg
}, { $id: 'DoubleProgression', description: doubleDoc })
const ProgressionInput = Nullable(Type.Union([
  Body({
    type: Type.Literal('linear'),
    incrementKg: IncrementKg,
    failuresBeforeDeload: Type.Optional(FailuresBeforeDeload),
    deloadPercent: Type.Optional(DeloadPercent)
  }, { title: 'LinearProgressionInput', description: linearDoc }),
  Body({ type: Type.Literal('double'), incrementKg: IncrementKg }, {
    title: 'DoubleProgressionInput',
    description: doubleDoc
  })
], { description: 'How the targets move from one session to the next; null for none' }))
const WarmupSets = Type.Boolean({
  description: 'A start puts warm-up sets (as GET /tools/warmup makes them) before the working sets'
})

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
  restSec: RestSec(),
  progression: Nullable(Type.Union([LinearProgression, DoubleProgression])),
  warmupSets: WarmupSets
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

export const NextTargetsSchema = Type.Object({
  items: Type.Array(Type.Object({
    itemId: Uuid,
    targetWeightKg: Nullable(Type.Number()),
    targetReps: Nullable(Type.Integer()),
    reason: Type.String({ description: 'Why, in a few words: "+2.5 kg: all 5 × 5 done last time"' }),
    warmups: Type.Array(WarmupSetSchema, { description: 'The warm-up sets a start puts first (warmupSets: true)' })
  }), { description: 'Every item of the day, in order' })
}, { $id: 'PlanDayNext', description: 'What the next start of the day would set, computed from its history now' })

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
  restSec: Type.Optional(RestSec({ default: DEFAULT_REST_SEC })),
  progression: Type.Optional(ProgressionInput),
  warmupSets: Type.Optional(Type.Boolean({ ...WarmupSets, default: false }))
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
  progression: Type.Optional(ProgressionInput),
  warmupSets: Type.Optional(WarmupSets),
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
export type NextTargetsDto = Type.Static<typeof NextTargetsSchema>
export type ProgressionDto = NonNullable<PlanItemDto['progression']>
export type ProgressionInputDto = NonNullable<Type.Static<typeof ProgressionInput>>
export type PlanCreateInput = Type.Static<typeof PlanCreateBody>
export type PlanPatch = Type.Static<typeof PlanPatchBody>
export type DayInput = Type.Static<typeof DayCreateBody>
export type DayPatch = Type.Static<typeof DayPatchBody>
export type ItemInput = Type.Static<typeof ItemCreateBody>
export type ItemPatch = Type.Static<typeof ItemPatchBody>
