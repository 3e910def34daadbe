import type { Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { exercisesRepository } from '../exercises/exercises.repository.js'
import { instant } from '../../lib/time.js'
import { userTimeZone } from '../../lib/user-time-zone.js'
import { localDate } from '../../rules/calendar.js'
import { builtInUnit, checkMetric, checkMetricValue } from '../progress/progress.metrics.js'
import { isExerciseGoal, VALUE_BOUNDS, type Direction, type GoalType } from '../../rules/goals.js'
import type { CreateGoalInput } from './goals.schemas.js'

/** Start, target and manual values must make sense for the goal: a body metric's own bounds, else the type's. */
export function checkGoalValue (type: string, metric: string | null, value: number, path: string): void {
  if (type === 'body_metric') return checkMetricValue(metric ?? '', value, path)
  const [min, max] = VALUE_BOUNDS[type as Exclude<GoalType, 'body_metric'>]
  if (!Number.isFinite(value) || value < min || value > max) {
    throw BadRequestError.field(path, `must be from ${min} to ${max} for ${type} goals`)
  }
}

/** A target on the wrong side of the start for an explicit direction could never be reached meaningfully. */
export function checkDirection (direction: Direction, start: number, target: number, path: string): void {
  if ((direction === 'increase' && target < start) || (direction === 'decrease' && target > start)) {
    throw BadRequestError.field(
      path,
      `must not be ${direction === 'increase' ? 'below' : 'above'} the start value (${start}) of a goal to ${direction}`
    )
  }
}

/** Each type needs its own subject and accepts no other; returns a default title. */
export async function checkSubject (db: Db, userId: string, input: CreateGoalInput): Promise<string> {
  const needsMetric = input.type === 'body_metric'
  const needsExercise = isExerciseGoal(input.type)
  if (!needsMetric && input.metric !== undefined) {
    throw BadRequestError.field('/metric', 'is only for body_metric goals')
  }
  if (!needsExercise && input.exerciseId !== undefined) {
    throw BadRequestError.field('/exerciseId', 'is only for exercise goals')
  }
  if (needsMetric) {
    if (input.metric === undefined) throw BadRequestError.field('/metric', 'is required for body_metric goals')
    checkMetric(input.metric)
    const unit = builtInUnit(input.metric)
    return `${input.metric} ${input.targetValue}${unit === undefined ? '' : ` ${unit}`}`
  }
  if (needsExercise) {
    if (input.exerciseId === undefined) {
      throw BadRequestError.field('/exerciseId', `is required for ${input.type} goals`)
    }
    // Archived custom exercises still count: the history that feeds the goal keeps them.
    const exercise = await exercisesRepository.findVisible(db, userId, input.exerciseId)
    if (exercise === undefined) throw BadRequestError.field('/exerciseId', 'is not an exercise you can use')
    const what = input.type === 'exercise_weight' ? 'kg' : input.type === 'exercise_1rm' ? 'kg 1RM' : 'reps'
    return `${exercise.name} ${input.targetValue} ${what}`
  }
  return input.type === 'weekly_workouts' ? `${input.targetValue} workouts a week` : 'Custom goal'
}

/** Deadlines are calendar dates; an instant keeps its date in the user's time zone. */
export async function toDeadline (db: Db, userId: string, value: string | null, path: string): Promise<string | null> {
  if (value === null || value.length === 10) return value
  return localDate(Date.parse(instant(value, path)), await userTimeZone(db, userId))
}
