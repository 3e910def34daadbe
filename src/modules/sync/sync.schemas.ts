import Type from 'typebox'
import { Instant, Nullable, StringEnum, Uuid } from '../../lib/schemas.js'
import { User } from '../auth/auth.schemas.js'
import { Exercise } from '../exercises/exercises.schemas.js'
import { Goal } from '../goals/goals.schemas.js'
import { Plan } from '../plans/plans.schemas.js'
import { ProgressLog } from '../progress/progress.schemas.js'
import { WorkoutSchema } from '../workouts/workouts.schemas.js'

export const CHANGE_TYPES = ['workout', 'progress_log', 'goal', 'plan', 'exercise', 'user'] as const
export const MAX_FEED_LIMIT = 1000
export const DEFAULT_FEED_LIMIT = 500

export const ChangesQuery = Type.Object({
  since: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 512,
    description: 'nextCursor of the previous page; without it the feed starts from the beginning'
  })),
  limit: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: MAX_FEED_LIMIT,
    default: DEFAULT_FEED_LIMIT,
    description: `Changes per page (1–${MAX_FEED_LIMIT})`
  }))
})

export const ChangeSchema = Type.Object({
  type: StringEnum(CHANGE_TYPES),
  id: Uuid,
  op: StringEnum(['upsert', 'delete'] as const),
  data: Nullable(Type.Union([WorkoutSchema, ProgressLog, Goal, Plan, Exercise, User], {
    description: 'The resource in its full API shape (by type); null for a delete'
  })),
  changedAt: Instant
}, { $id: 'Change', description: 'The latest change of one resource since the cursor' })

export const ChangePage = Type.Object({
  changes: Type.Array(ChangeSchema, { description: 'In commit order; each resource once, in its latest state' }),
  nextCursor: Type.String({ description: 'Pass as since to continue, or later to poll; valid for at least 30 days' }),
  hasMore: Type.Boolean({ description: 'More changes are waiting: ask again with nextCursor now' })
}, { $id: 'ChangePage' })

export type ChangesInput = Type.Static<typeof ChangesQuery>
