import Type from 'typebox'
import { Body, CalendarDate, ClientId, Instant, ListQuery, Nullable, Page, Uuid, UuidOf } from '../../lib/schemas.js'
import { GOAL_TYPES } from '../../rules/goals.js'

const GoalType = Type.Enum(GOAL_TYPES)
const Direction = Type.Union([Type.Literal('increase'), Type.Literal('decrease')])
const Status = Type.Union([Type.Literal('active'), Type.Literal('achieved'), Type.Literal('abandoned')])
const Title = Type.String({ minLength: 1, maxLength: 200 })
const Note = Type.String({ maxLength: 4000 })
/** A calendar date or null; an instant is accepted too and kept as its UTC date. */
const Deadline = Type.Union([CalendarDate, Instant, Type.Null()], {
  description: 'YYYY-MM-DD (an ISO instant is accepted and kept as its date in your time zone), or null'
})
const PROJECTED_DATE_DESCRIPTION =
  'Active goals with a deadline: when the least-squares trend of the goal\'s data since its creation reaches the target'

export const Goal = Type.Object({
  id: Uuid,
  type: GoalType,
  title: Type.String(),
  metric: Nullable(Type.String()),
  exerciseId: Nullable(Uuid),
  direction: Direction,
  startValue: Type.Number(),
  targetValue: Type.Number(),
  currentValue: Nullable(Type.Number({ readOnly: true })),
  progress: Type.Number({
    readOnly: true,
    minimum: 0,
    maximum: 1,
    description: '(current − start) / (target − start), clamped to 0–1; 1 when start = target'
  }),
  status: Status,
  deadline: Nullable(CalendarDate),
  achievedAt: Nullable(Type.String({ ...Instant, readOnly: true })),
  projectedDate: Nullable(Type.String({ format: 'date', readOnly: true, description: PROJECTED_DATE_DESCRIPTION })),
  onTrack: Nullable(Type.Boolean({
    readOnly: true,
    description: 'projectedDate ≤ deadline; false when the trend is flat or moving away; null without enough data'
  })),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Goal' })

export const CreateGoalBody = Body({
  id: ClientId,
  type: GoalType,
  title: Type.Optional(Title),
  metric: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 57,
    description: 'body_metric goals: a progress-log metric'
  })),
  exerciseId: Type.Optional(Uuid),
  targetValue: Type.Number(),
  startValue: Type.Optional(Type.Number()),
  direction: Type.Optional(Direction),
  deadline: Type.Optional(Deadline)
})

export const UpdateGoalBody = Body({
  title: Type.Optional(Title),
  targetValue: Type.Optional(Type.Number()),
  deadline: Type.Optional(Deadline),
  status: Type.Optional(Type.Union(
    [Type.Literal('active'), Type.Literal('abandoned')],
    { description: 'abandon an active goal, or reopen an abandoned one' }
  ))
})

export const GoalQuery = Type.Object({
  status: Type.Optional(Type.Union(Status.anyOf, { description: 'Only goals with this status' })),
  ...ListQuery
})
export const GoalPage = Page(Goal, 'GoalPage')

export const GoalProgress = Type.Object({
  id: Uuid,
  goalId: Uuid,
  value: Type.Number(),
  note: Nullable(Type.String()),
  recordedAt: Instant,
  createdAt: Instant
}, { $id: 'GoalProgress' })

export const CreateGoalProgressBody = Body({
  id: ClientId,
  value: Type.Number(),
  note: Type.Optional(Nullable(Note)),
  recordedAt: Type.Optional(Instant)
})

const GoalId = UuidOf('The goal\'s id')
export const GoalParams = Type.Object({ id: GoalId })
export const GoalProgressParams = Type.Object({ id: GoalId, progressId: UuidOf('The manual update\'s id') })
export const GoalProgressQuery = Type.Object({ ...ListQuery })
export const GoalProgressPage = Page(GoalProgress, 'GoalProgressPage')

export type GoalDto = Type.Static<typeof Goal>
export type CreateGoalInput = Type.Static<typeof CreateGoalBody>
export type UpdateGoalInput = Type.Static<typeof UpdateGoalBody>
export type CreateGoalProgressInput = Type.Static<typeof CreateGoalProgressBody>
