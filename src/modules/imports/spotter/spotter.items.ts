import Type from 'typebox'
import { Instant, Nullable, Uuid } from '../../../lib/schemas.js'
import { instant } from '../../../lib/time.js'
import { CreateExerciseBody } from '../../exercises/exercises.schemas.js'
import { CreateGoalBody, CreateGoalProgressBody } from '../../goals/goals.schemas.js'
import { checkDirection, checkGoalValue } from '../../goals/goals.validation.js'
import { PlanCreateBody } from '../../plans/plans.schemas.js'
import { builtInUnit, checkMetric, checkMetricValue } from '../../progress/progress.metrics.js'
import { CreateProgressLogBody } from '../../progress/progress.schemas.js'
import type { ParsedCustomExercise, ParsedLog } from '../import.types.js'
import { addProblem, check, compile, prune, schemaProblems, type Problems } from './spotter.check.js'
import {
  asRaw, goalStateOf, toExerciseInput, toGoalInput, toGoalProgressInputs, toPlanInput, toProgressLogInput
} from './spotter.inputs.js'

/**
 * The document's other items, each checked with its module's own create-body schema and value
 * rules (at `at`, its pointer), and kept unless a problem breaks it as a whole.
 */
type Read<T> = { item?: T, problems: Problems }

const validateLog = compile(CreateProgressLogBody)
const validateExercise = compile(Type.Object(
  { ...CreateExerciseBody.properties, id: Uuid },
  { additionalProperties: false }
))
const validateGoal = compile(Type.Object({
  ...CreateGoalBody.properties,
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('achieved'), Type.Literal('abandoned')])),
  achievedAt: Type.Optional(Nullable(Instant)),
  createdAt: Type.Optional(Instant),
  progressUpdates: Type.Array(CreateGoalProgressBody)
}, { additionalProperties: false }))
const validatePlan = compile(Type.Object({ ...PlanCreateBody.properties, createdAt: Type.Optional(Instant) },
  { additionalProperties: false }))

export function readLog (raw: unknown, at: string): Read<ParsedLog> {
  const input = toProgressLogInput(raw)
  const problems = schemaProblems(validateLog, input, at, [])
  if (problems.size > 0) return { problems }
  check(problems, '', () => { checkMetric(input.metric, `${at}/metric`) })
  check(problems, '', () => { checkMetricValue(input.metric, input.value, `${at}/value`) })
  const unit = builtInUnit(input.metric) ?? input.unit
  if (input.measuredAt === undefined) addProblem(problems, '', `${at}/measuredAt is required`)
  if (unit === undefined) addProblem(problems, '', `${at}/unit is required for a custom metric`)
  else if (input.unit !== undefined && input.unit !== unit) addProblem(problems, '', `${at}/unit must be "${unit}"`)
  if (problems.size > 0) return { problems }
  return {
    problems,
    item: {
      line: 1,
      metric: input.metric,
      value: input.value,
      unit: unit as string,
      measuredAt: instant(input.measuredAt as string, `${at}/measuredAt`),
      note: input.note ?? null
    }
  }
}

/** The definition is what POST /exercises takes; `id` is how the document's workouts, goals and plans refer to it. */
export function readCustomExercise (raw: unknown, at: string): Read<ParsedCustomExercise> {
  const id = asRaw(raw).id
  const definition = toExerciseInput(raw)
  const problems = schemaProblems(validateExercise, { ...definition, id }, at, [])
  if (problems.size > 0) return { problems }
  return { problems, item: { id: id as string, definition: definition as unknown as Record<string, unknown> } }
}

/** The goal as the document has it (its API shape), without the manual updates that cannot be kept. */
export function readGoal (raw: unknown, at: string): Read<Record<string, unknown>> {
  const input = toGoalInput(raw)
  const updates = toGoalProgressInputs(raw)
  const problems = schemaProblems(validateGoal, { ...input, ...goalStateOf(raw), progressUpdates: updates }, at,
    ['progressUpdates'])
  if (problems.has('')) return { problems }
  const metric = input.metric ?? null
  check(problems, '', () => { checkGoalValue(input.type, metric, input.targetValue, `${at}/targetValue`) })
  if (input.startValue !== undefined) {
    const start = input.startValue
    check(problems, '', () => { checkGoalValue(input.type, metric, start, `${at}/startValue`) })
    const direction = input.direction
    if (direction !== undefined) {
      check(problems, '', () => { checkDirection(direction, start, input.targetValue, `${at}/targetValue`) })
    }
  }
  updates.forEach((u, k) => {
    const unit = `/progressUpdates/${k}`
    if (problems.has(unit)) return
    check(problems, unit, () => { checkGoalValue(input.type, metric, u.value, `${at}${unit}/value`) })
  })
  if (problems.has('')) return { problems }
  return { problems, item: prune(asRaw(raw), new Set(problems.keys())) }
}

/** The plan as the document has it (its API shape), without the days and items that cannot be kept. */
export function readPlan (raw: unknown, at: string): Read<Record<string, unknown>> {
  const createdAt = asRaw(raw).createdAt
  const input = { ...toPlanInput(raw), ...(createdAt === undefined ? {} : { createdAt }) }
  const problems = schemaProblems(validatePlan, input, at, ['days', 'items'])
  if (problems.has('')) return { problems }
  return { problems, item: prune(asRaw(raw), new Set(problems.keys())) }
}
