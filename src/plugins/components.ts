import type { FastifyInstance } from 'fastify'
import type { TSchema } from 'typebox'
import { ProblemSchema } from '../lib/schemas.js'
import { AuthResult, User } from '../modules/auth/auth.schemas.js'
import { Exercise, ExerciseItems, ExercisePage, Vocabulary } from '../modules/exercises/exercises.schemas.js'
import { ExportedGoal, SpotterExport } from '../modules/exports/export.schemas.js'
import { Goal, GoalPage, GoalProgress, GoalProgressPage } from '../modules/goals/goals.schemas.js'
import { GuideSchema, GuideWithRecords, StepSchema, TicketSchema } from '../modules/guide/guide.schemas.js'
import { Health, Readiness, ReadinessProblem } from '../modules/health/health.schemas.js'
import { ExerciseMatchSchema, ImportPage, ImportSchema, LineWarningSchema } from '../modules/imports/imports.schemas.js'
import { PlanProposal } from '../modules/plans/plan-generation.schemas.js'
import {
  DoubleProgression, ExerciseRefSchema as PlanExerciseRef, LinearProgression, NextTargetsSchema, Plan, PlanDay,
  PlanItem, PlanPage
} from '../modules/plans/plans.schemas.js'
import { MetricList, ProgressLog, ProgressLogPage } from '../modules/progress/progress.schemas.js'
import {
  ExerciseStats, Muscles, Records, RecordsItem, RecordsOnly, Summary, Trends, Volume
} from '../modules/stats/stats.schemas.js'
import { ChangePage, ChangeSchema } from '../modules/sync/sync.schemas.js'
import { E1rmSchema, PlateLoadSchema, WarmupSchema, WarmupSetSchema } from '../modules/tools/tools.schemas.js'
import * as workouts from '../modules/workouts/workouts.schemas.js'

/**
 * The named shapes of the API. Each is registered once with app.addSchema and every route refers
 * to it as `{ $ref: '<$id>#' }`, so /openapi.json lists it under components.schemas and a
 * generated client gets its real name. Routes keep using the TypeBox schemas themselves (for
 * their static types): `withRefs` swaps each embedded named schema for its reference.
 */
const NAMED: TSchema[] = [
  ProblemSchema,
  User, AuthResult,
  Exercise, ExercisePage, ExerciseItems, Vocabulary,
  workouts.SetSchema, workouts.SetWithRecords, workouts.ExerciseRefSchema, workouts.WorkoutExerciseSchema,
  workouts.WorkoutExerciseWithRecords, workouts.WorkoutSummarySchema, workouts.WorkoutSummaryPage,
  workouts.WorkoutSchema, workouts.WorkoutWithRecords, workouts.NewRecordSchema,
  Summary, RecordsOnly, RecordsItem, Records, ExerciseStats, Volume, Trends, Muscles,
  ProgressLog, ProgressLogPage, MetricList,
  Goal, GoalPage, GoalProgress, GoalProgressPage,
  PlanExerciseRef, LinearProgression, DoubleProgression, PlanItem, PlanDay, Plan, PlanPage, PlanProposal,
  NextTargetsSchema,
  StepSchema, GuideSchema, GuideWithRecords, TicketSchema,
  Health, Readiness, ReadinessProblem,
  ExportedGoal, SpotterExport,
  ExerciseMatchSchema, LineWarningSchema, ImportSchema, ImportPage,
  PlateLoadSchema, WarmupSetSchema, WarmupSchema, E1rmSchema,
  ChangeSchema, ChangePage
]

// Fields the server sets on every resource; other computed fields say readOnly where they are declared.
const SERVER_SET = ['id', 'createdAt', 'updatedAt']

const idOf = (node: unknown): string | undefined => {
  const id = (node as { $id?: unknown } | null)?.$id
  return typeof id === 'string' ? id : undefined
}

const byId = new Map<string, TSchema>()
for (const schema of NAMED) {
  const id = idOf(schema) as string
  if (byId.has(id)) throw new Error(`Two components are named ${id}`)
  byId.set(id, schema)
}

// Keywords whose values are data, not schemas.
const DATA = new Set(['examples', 'default', 'const', 'enum'])

/**
 * A copy of `node` with every embedded named schema replaced by its `$ref` (the top level too,
 * unless it is `self`). A schema that carries a component's `$id` but differs from it (a spread
 * copy) would be documented wrongly, so it fails at start-up.
 */
export function withRefs (node: unknown, self?: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => withRefs(n))
  if (node === null || typeof node !== 'object') return node
  const id = idOf(node)
  if (id !== undefined && node !== self) {
    const named = byId.get(id)
    if (named === undefined) throw new Error(`Schema ${id} has an $id but is not in src/plugins/components.ts`)
    if (named !== node && JSON.stringify(named) !== JSON.stringify(node)) {
      throw new Error(`A changed copy of the ${id} schema; reference ${id} itself or drop the $id`)
    }
    return { $ref: `${id}#` }
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, DATA.has(k) ? v : withRefs(v)]))
}

/** The registered form of a component: nested components referenced, server-set fields read-only. */
function component (schema: TSchema): Record<string, any> {
  const registered = withRefs(schema, schema) as Record<string, any>
  for (const name of SERVER_SET) {
    const property = registered.properties?.[name]
    if (property !== undefined) registered.properties[name] = { ...property, readOnly: true }
  }
  return registered
}

export const componentNamed = (id: string): Record<string, any> | undefined => {
  const schema = byId.get(id)
  return schema === undefined ? undefined : component(schema)
}

export function registerComponents (app: FastifyInstance): void {
  for (const schema of NAMED) app.addSchema(component(schema))
}
