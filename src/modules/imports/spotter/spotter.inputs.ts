import type { CreateExerciseInput } from '../../exercises/exercises.schemas.js'
import type { GoalStart } from '../../goals/goals.create.js'
import type { CreateGoalInput, CreateGoalProgressInput } from '../../goals/goals.schemas.js'
import type { PlanCreateInput } from '../../plans/plans.schemas.js'
import type { CreateProgressLogInput } from '../../progress/progress.schemas.js'
import type { CreateWorkoutInput } from '../../workouts/workouts.inputs.js'

/**
 * A Spotter document's resources (their GET shapes) as the bodies that would create them: the
 * fields a create takes, nothing server-made (ids, computed values, times). The parser checks
 * these with each module's own body schema, and the commit creates goals and plans from them.
 */
type Raw = Record<string, unknown>

export const asRaw = (value: unknown): Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Raw : {}
export const asList = (value: unknown): unknown[] => Array.isArray(value) ? value : []

/** The fields of `raw` named in `keys`, those it has (a null stays null: the body schema judges it). */
function pick (raw: Raw, keys: readonly string[]): Raw {
  const out: Raw = {}
  for (const key of keys) if (raw[key] !== undefined) out[key] = raw[key]
  return out
}

const SET_FIELDS = ['type', 'reps', 'weightKg', 'durationSec', 'distanceM', 'rpe', 'completed', 'targetReps',
  'targetWeightKg', 'targetDurationSec', 'targetDistanceM', 'note'] as const
const EXERCISE_FIELDS = ['exerciseId', 'notes', 'restSec', 'supersetGroup'] as const

export function toWorkoutInput (raw: unknown): CreateWorkoutInput {
  const w = asRaw(raw)
  return {
    ...pick(w, ['name', 'startedAt', 'endedAt', 'notes']),
    exercises: asList(w.exercises).map((e) => ({
      ...pick(asRaw(e), EXERCISE_FIELDS),
      sets: asList(asRaw(e).sets).map((s) => pick(asRaw(s), SET_FIELDS))
    }))
  } as unknown as CreateWorkoutInput
}

export const toProgressLogInput = (raw: unknown): CreateProgressLogInput =>
  pick(asRaw(raw), ['metric', 'value', 'unit', 'measuredAt', 'note']) as unknown as CreateProgressLogInput

const EXERCISE_DEFINITION = ['name', 'description', 'instructions', 'category', 'primaryMuscles', 'secondaryMuscles',
  'equipment', 'level', 'mechanic', 'force', 'tracking'] as const

/** A custom exercise's definition: the create-body fields of POST /exercises. */
export const toExerciseInput = (raw: unknown): CreateExerciseInput =>
  pick(asRaw(raw), EXERCISE_DEFINITION) as unknown as CreateExerciseInput

/** `exerciseIdFor` maps the document's exercise ids to the importing account's. */
export function toGoalInput (raw: unknown, exerciseIdFor: (id: string) => string = (id) => id): CreateGoalInput {
  const g = asRaw(raw)
  const input = pick(g, ['type', 'title', 'targetValue', 'startValue', 'direction', 'deadline'])
  if (g.metric !== null && g.metric !== undefined) input.metric = g.metric
  if (typeof g.exerciseId === 'string') input.exerciseId = exerciseIdFor(g.exerciseId)
  else if (g.exerciseId !== null && g.exerciseId !== undefined) input.exerciseId = g.exerciseId
  return input as unknown as CreateGoalInput
}

/** How a goal stood when exported (its status, achievement and creation), which an import restores. */
export const goalStateOf = (raw: unknown): GoalStart => pick(asRaw(raw), ['status', 'achievedAt', 'createdAt'])

export const toGoalProgressInputs = (raw: unknown): CreateGoalProgressInput[] =>
  asList(asRaw(raw).progressUpdates)
    .map((u) => pick(asRaw(u), ['value', 'note', 'recordedAt']) as unknown as CreateGoalProgressInput)

const ITEM_FIELDS = ['sets', 'reps', 'repsMin', 'repsMax', 'weightKg', 'durationSec', 'distanceM', 'restSec',
  'supersetGroup', 'notes', 'progression', 'warmupSets'] as const

/** Days and items in document order (an export lists them by position), as POST /plans nests them. */
export function toPlanInput (raw: unknown, exerciseIdFor: (id: string) => string = (id) => id): PlanCreateInput {
  const p = asRaw(raw)
  return {
    ...pick(p, ['name', 'description', 'goal', 'daysPerWeek', 'sessionDurationMin', 'exerciseTypes', 'isActive']),
    days: asList(p.days).map(asRaw).map((d) => ({
      ...pick(d, ['name', 'weekday']),
      items: asList(d.items).map(asRaw).map((i) => ({
        ...pick(i, ITEM_FIELDS),
        exerciseId: typeof i.exerciseId === 'string' ? exerciseIdFor(i.exerciseId) : i.exerciseId
      }))
    }))
  } as unknown as PlanCreateInput
}
