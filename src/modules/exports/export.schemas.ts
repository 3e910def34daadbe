import Type from 'typebox'
import { Instant } from '../../lib/schemas.js'
import { User } from '../auth/auth.schemas.js'
import { Exercise } from '../exercises/exercises.schemas.js'
import { Goal, GoalProgress } from '../goals/goals.schemas.js'
import { Plan } from '../plans/plans.schemas.js'
import { ProgressLog } from '../progress/progress.schemas.js'
import { WorkoutSchema } from '../workouts/workouts.schemas.js'

/** The Spotter export document (GET /export) and what it is made of: each resource in its API shape. */
export const EXPORT_FORMATS = ['json', 'csv'] as const

export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Unsafe<typeof EXPORT_FORMATS[number]>({
    type: 'string',
    enum: [...EXPORT_FORMATS],
    default: 'json',
    description: 'json: the whole account as a Spotter document; csv: one row per set, Strong\'s 12-column layout'
  }))
})

export const ExportedGoal = Type.Object({
  ...Goal.properties,
  progressUpdates: Type.Array(GoalProgress, { description: 'The goal\'s manual updates, newest first' })
}, { $id: 'ExportedGoal', description: 'A Goal with its manual progress updates' })

export const SpotterExport = Type.Object({
  format: Type.Literal('spotter'),
  version: Type.Literal(1),
  exportedAt: Instant,
  user: User,
  customExercises: Type.Array(Exercise, { description: 'Your custom exercises, deleted (archived) ones included' }),
  workouts: Type.Array(WorkoutSchema, { description: 'Newest start first' }),
  progressLogs: Type.Array(ProgressLog, { description: 'Newest first' }),
  goals: Type.Array(ExportedGoal, { description: 'Newest first' }),
  plans: Type.Array(Plan, { description: 'Newest first' })
}, {
  $id: 'SpotterExport',
  description: 'Everything of one account, each resource as its own GET answers it; POST /imports?source=spotter ' +
    'reads it back (ids are new, references stay consistent)'
})

export type ExportFormat = typeof EXPORT_FORMATS[number]
export type ExportedGoalDto = Type.Static<typeof ExportedGoal>
