/**
 * Estimated one-rep max: Epley, Brzycki and the RTS RPE chart. Pure: no I/O. Every result is
 * rounded with roundDerived (6 decimals, half away from zero).
 */
import { epley as recordsEpley, EPLEY_MAX_REPS } from '../../rules/records.js'
import { roundDerived } from '../../rules/rounding.js'

/** Highest rep count the formulas and the chart answer for (the records' Epley limit). */
export const E1RM_MAX_REPS = EPLEY_MAX_REPS
export const RPE_MIN = 6
export const RPE_MAX = 10

/**
 * Mike Tuchscherer's RTS RPE chart (reps 1–12, RPE 6–10) as one sequence of percent of 1RM in
 * half-rep steps: index = (reps − 1)·2 + (10 − rpe)·2, so each half RPE below 10 counts as half a
 * rep more (1 @10 = 100, 1 @9.5 = 97.8, 5 @8 = 81.1, 12 @10 = 68.0, 12 @6 = 57.2).
 */
export const RTS_CHART: readonly number[] = Object.freeze([
  100, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4,
  76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6, 57.2
])

const validReps = (reps: number): boolean => Number.isInteger(reps) && reps >= 1 && reps <= E1RM_MAX_REPS
const validWeight = (weightKg: number): boolean => Number.isFinite(weightKg) && weightKg >= 0

/** Epley as records compute best_e1rm (w × (1 + reps/30), the weight itself for a single); integer reps 1–12. */
export function epley (weightKg: number, reps: number): number | null {
  return validWeight(weightKg) && validReps(reps) ? recordsEpley(weightKg, reps) : null
}

/** Brzycki: w × 36 / (37 − reps); the weight itself for a single. Integer reps 1–12 only. */
export function brzycki (weightKg: number, reps: number): number | null {
  if (!validWeight(weightKg) || !validReps(reps)) return null
  return roundDerived(reps === 1 ? weightKg : weightKg * 36 / (37 - reps))
}

/** Percent of 1RM for reps at an RPE from the RTS chart; null off the chart (reps 1–12, RPE 6–10 in halves). */
export function rpePercent (reps: number, rpe: number): number | null {
  if (!validReps(reps) || !Number.isFinite(rpe) || rpe < RPE_MIN || rpe > RPE_MAX) return null
  if (!Number.isInteger(rpe * 2)) return null
  return RTS_CHART[(reps - 1) * 2 + (RPE_MAX - rpe) * 2]
}

/** All three estimates; rpeTable is weight / (percent / 100), null without an RPE on the chart. */
export function estimateOneRepMax (
  weightKg: number, reps: number, rpe?: number
): { epley: number | null, brzycki: number | null, rpeTable: number | null } {
  const percent = rpe === undefined ? null : rpePercent(reps, rpe)
  return {
    epley: epley(weightKg, reps),
    brzycki: brzycki(weightKg, reps),
    rpeTable: percent === null || !validWeight(weightKg) ? null : roundDerived(weightKg * 100 / percent)
  }
}
