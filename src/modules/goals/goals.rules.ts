import type { Point } from '../progress/progress.repository.js'

/** The pure rules of goals (shared/API.md, Goals): no database here, so every number has one definition. */
export const GOAL_TYPES = ['body_metric', 'exercise_weight', 'exercise_1rm', 'exercise_reps', 'weekly_workouts', 'custom'] as const
export type GoalType = typeof GOAL_TYPES[number]
export type Direction = 'increase' | 'decrease'
export type ExerciseGoalType = 'exercise_weight' | 'exercise_1rm' | 'exercise_reps'

/** Which exercise_bests kind (maintained by the workouts feature, as newRecords reports it) each exercise goal follows. */
export const BEST_KIND: Record<ExerciseGoalType, string> = { exercise_weight: 'max_weight', exercise_1rm: 'best_e1rm', exercise_reps: 'max_reps' }
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

/**
 * (current − start) / (target − start), clamped to 0–1; 1 when start = target; 0 without a
 * current value. Rounded to 1e-6 so decimal inputs do not show binary noise (0.2499999…).
 */
export function progressOf (start: number, target: number, current: number | null): number {
  if (target === start) return 1
  if (current === null) return 0
  const ratio = Math.min(1, Math.max(0, (current - start) / (target - start)))
  return Math.round(ratio * 1e6) / 1e6
}

/** Monday 00:00 UTC of the ISO week holding `now`, and the next Monday, as stored instants. */
export function isoWeek (now: Date): { start: string, end: string } {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday)
  return { start: new Date(start).toISOString(), end: new Date(start + 7 * DAY_MS).toISOString() }
}

const DAY_MS = 86_400_000
const LAST_DATE_MS = Date.UTC(9999, 11, 31)

export interface Projection { projectedDate: string | null, onTrack: boolean | null }

/**
 * When the least-squares line through the goal's data points (value over time) reaches the target.
 * - Fewer than 2 points, or all at one instant: no trend yet → projectedDate null, onTrack null.
 * - A flat line or one moving away from the target (or reaching it only after year 9999):
 *   projectedDate null, onTrack false.
 * - Otherwise projectedDate is the UTC date where the line meets the target, but never before
 *   `today` (the goal is still active, so it has not been reached yet), and
 *   onTrack = projectedDate ≤ deadline.
 */
export function project (points: Point[], target: number, direction: string, deadline: string, now: Date): Projection {
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
  const projectedDate = new Date(Math.max(atMs, now.getTime())).toISOString().slice(0, 10)
  return { projectedDate, onTrack: projectedDate <= deadline }
}
