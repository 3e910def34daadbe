import Type from 'typebox'
import { Body, Nullable, Uuid } from '../../lib/schemas.js'
import { CATEGORIES, EQUIPMENT, LEVELS, MUSCLES } from '../exercises/exercises.vocabulary.js'
import { DaysPerWeek, ExerciseRefSchema, GoalSchema, PlanItem } from './plans.schemas.js'

export const GenerateBody = Body({
  goal: GoalSchema,
  daysPerWeek: DaysPerWeek,
  sessionDurationMin: Type.Integer({
    minimum: 15,
    maximum: 240,
    description: 'Every day is fitted into this many minutes'
  }),
  equipment: Type.Array(Type.Enum(EQUIPMENT), {
    uniqueItems: true,
    maxItems: EQUIPMENT.length,
    description: 'Available equipment; body_only is always available'
  }),
  level: Type.Enum(LEVELS),
  focusMuscles: Type.Optional(Type.Array(Type.Enum(MUSCLES), {
    uniqueItems: true,
    maxItems: 3,
    description: 'Each gets an extra exercise on the days that train it, where time allows'
  }))
})
export type GenerateInput = Type.Static<typeof GenerateBody>

const { id: _id, position: _position, ...itemFields } = PlanItem.properties
const ProposalItem = Type.Object({ ...itemFields, exerciseId: Uuid, exercise: ExerciseRefSchema })

export const PlanProposal = Type.Object({
  name: Type.String(),
  description: Nullable(Type.String()),
  goal: GoalSchema,
  daysPerWeek: DaysPerWeek,
  sessionDurationMin: Type.Integer(),
  exerciseTypes: Type.Array(Type.Enum(CATEGORIES)),
  days: Type.Array(Type.Object({
    name: Type.String(),
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    estimatedDurationMin: Type.Integer(),
    overBudget: Type.Boolean(),
    items: Type.Array(ProposalItem)
  }))
}, {
  $id: 'PlanProposal',
  description: 'A generated plan, not saved. It has the shape of a POST /plans body plus read-only fields ' +
    '(estimatedDurationMin, overBudget, exercise), which POST /plans accepts and ignores: POST it as is to keep it.'
})
export type PlanProposalDto = Type.Static<typeof PlanProposal>
export type ProposalItemDto = Type.Static<typeof ProposalItem>
