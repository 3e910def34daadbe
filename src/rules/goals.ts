import { localDate } from './calendar.js'
import type { RecordKind } from './records.js'
import { roundDerived } from './rounding.js'

/** The pure rules of goals (shared/API.md, Goals): no database here, so every number has one definition. */
export const GOAL_TYPES = [
  'body_metric',
  'exercise_weight',
  'exercise_1rm',
  'exercise_reps',
  'weekly_workouts',
  'custom'
] as const
export type GoalType = typeof GOAL_TYPES[number]
export type Direction = 'increase' | 'decrease'
export type ExerciseGoalType = 'exercise_weight' | 'exercise_1rm' | 'exercise_reps'

/** A value at a data time: a log's measuredAt, a set's workout startedAt, an update's recordedAt. */
export interface Point { at: string, value: number }

/** Which exercise_bests kind (as newRecords reports it) each exercise goal follows. */
export const BEST_KIND: Record<ExerciseGoalType, RecordKind> = {
  exercise_weight: 'max_weight',
  exercise_1rm: 'best_e1rm',
  exercise_reps: 'max_reps'
}
export const isExerciseGoal = (type: string): type is ExerciseGoalType => Object.hasOwn(BEST_KIND, type)

/** Bounds for start, target and manual values of the non-metric types (body metrics use their metric's bounds). */
export const VALUE_BOUNDS: Record<Exclude<GoalType, 'body_metric'>, [number, number]> = {
  exercise_weight: [0, 1000],
  exercise_1rm: [0, 2000],
  exercise_reps: [0, 1000],
  weekly_workouts: [0, 100],
  custom: [-1e9, 1e9]
}

export const defaultDirection = (start: number, target: number): Direction => target < start ? 'decrease' : 'increase'

/** Whether `current` has reached `target` going in `direction`. */
export const reaches = (direction: string, current: number | null, target: number): boolean =>
  current !== null && (direction === 'decrease' ? current <= target : current >= target)

/** (current − start) / (target − start), clamped to 0–1; 1 when start = target; 0 without a current value. */
export function progressOf (start: number, target: number, current: number | null): number {
  if (target === start) return 1
  if (current === null) return 0
  return roundDerived(Math.min(1, Math.max(0, (current - start) / (target - start))))
}

/**
 * How a goal's current value follows its data: `best` (exercise goals) is the highest value so
 * far; `latest` (body metrics, custom goals) the latest point, where at one instant a log wins
 * over a manual update; `weekly` the completed workouts of the point's ISO week so far, or the
 * latest manual update of that week when it is higher.
 */
export type ValueRule = 'best' | 'latest' | 'weekly'
export const valueRule = (type: string): ValueRule =>
  isExerciseGoal(type) ? 'best' : type === 'weekly_workouts' ? 'weekly' : 'latest'

/**
 * A data point of a goal. `manual` marks the goal's own updates. `week` (weekly goals only) is
 * the point's ISO week in the user's time zone; a workout point counts one workout.
 */
export interface GoalPoint extends Point { manual: boolean, week?: number }

/**
 * The earliest data time at which the goal's value, as it was then (from every point at or
 * before it, whenever the point arrived), reached the target: the goal's achievedAt.
 * Undefined when its data never reached it.
 */
export function earliestReach (
  rule: ValueRule,
  points: GoalPoint[],
  direction: string,
  target: number
): string | undefined {
  // At one instant a log is written after (so wins over) a manual update.
  const ordered = points.toSorted((a, b) => a.at < b.at ? -1 : a.at > b.at ? 1 : Number(b.manual) - Number(a.manual))
  let best: number | null = null
  let latest: number | null = null
  const weeks = new Map<number, { count: number, manual: number | null }>()
  let weekValue: number | null = null
  for (let i = 0; i < ordered.length; i++) {
    const p = ordered[i]
    if (rule === 'best') best = best === null ? p.value : Math.max(best, p.value)
    if (rule === 'latest') latest = p.value
    if (rule === 'weekly') {
      const w = weeks.get(p.week ?? 0) ?? { count: 0, manual: null }
      if (p.manual) w.manual = p.value
      else w.count++
      weeks.set(p.week ?? 0, w)
      weekValue = w.manual !== null && w.manual > w.count ? w.manual : w.count
    }
    // Points at one instant count together: judge the value once the instant's last point is in.
    if (i + 1 < ordered.length && ordered[i + 1].at === p.at) continue
    const value = rule === 'best' ? best : rule === 'latest' ? latest : weekValue
    if (reaches(direction, value, target)) return p.at
  }
  return undefined
}

export interface Projection { projectedDate: string | null, onTrack: boolean | null }

const DAY_MS = 86_400_000
const LAST_DATE_MS = Date.UTC(9999, 11, 31)

/**
 * When the least-squares line through the goal's data points (value over time) reaches the target.
 * - Fewer than 2 points, or all at one instant: no trend yet → projectedDate null, onTrack null.
 * - A flat line or one moving away from the target (or reaching it only after year 9999):
 *   projectedDate null, onTrack false.
 * - Otherwise projectedDate is the date (in the user's time zone) where the line meets the
 *   target, but never before today (the goal is still active, so it has not been reached yet),
 *   and onTrack = projectedDate ≤ deadline.
 */
export function project (
  points: Point[],
  target: number,
  direction: string,
  deadline: string,
  now: Date,
  timeZone: string
): Projection {
  if (points.length < 2) return { projectedDate: null, onTrack: null }
  const t0 = Date.parse(points[0].at)
  const xs = points.map((p) => (Date.parse(p.at) - t0) / DAY_MS)
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length
  const meanY = points.reduce((a, p) => a + p.value, 0) / points.length
  let sxx = 0
  let sxy = 0
  xs.forEach((x, i) => { sxx += (x - meanX) ** 2; sxy += (x - meanX) * (points[i].value - meanY) })
  if (sxx === 0) return { projectedDate: null, onTrack: null }
  const slope = sxy / sxx
  const towards = direction === 'decrease' ? slope < 0 : slope > 0
  if (!towards) return { projectedDate: null, onTrack: false }
  const atMs = t0 + (meanX + (target - meanY) / slope) * DAY_MS
  if (!Number.isFinite(atMs) || atMs > LAST_DATE_MS) return { projectedDate: null, onTrack: false }
  const projectedDate = localDate(Math.max(atMs, now.getTime()), timeZone)
  return { projectedDate, onTrack: projectedDate <= deadline }
}
