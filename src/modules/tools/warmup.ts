/**
 * Warm-up ramp for a working set: the empty bar, then about 40, 60, 80 and 90 % of the working
 * weight with falling reps. Pure: no I/O.
 */
import { roundDerived } from '../../rules/rounding.js'

export interface WarmupInput { workingWeightKg: number, workingReps: number, barKg: number, roundKg: number }
export interface WarmupSet { weightKg: number, reps: number }

/** Reps on the empty bar (the first warm-up set when there is a bar lighter than the work). */
export const WARMUP_BAR_REPS = 8

/**
 * The ramp after the empty bar: percent of the working weight and reps. The last step (90 %) is
 * only for heavy work, working sets of at most WARMUP_HEAVY_MAX_REPS reps.
 */
export const WARMUP_RAMP: ReadonlyArray<{ percent: number, reps: number }> = Object.freeze([
  { percent: 40, reps: 5 },
  { percent: 60, reps: 3 },
  { percent: 80, reps: 2 },
  { percent: 90, reps: 1 }
])

/** Working sets of this many reps or fewer get the 90 % step. */
export const WARMUP_HEAVY_MAX_REPS = 5

/** Milligrams: every input weight to 6 decimals as an integer, so the rounding has no float noise. */
const mg = (kg: number): number => Math.round(kg * 1e6)

/**
 * Warm-up sets before a working set. Each ramp weight is rounded DOWN to the bar plus a multiple
 * of roundKg; a weight that is not above the previous set (or the bar) or is at or above the
 * working weight is dropped, so weights strictly rise and reps strictly fall. Nothing when the
 * working weight is not above the bar.
 */
export function warmupSets (input: WarmupInput): WarmupSet[] {
  const workMg = mg(input.workingWeightKg)
  const barMg = Math.max(0, mg(input.barKg))
  const stepMg = mg(input.roundKg)
  if (!(workMg > barMg) || !(stepMg > 0)) return []

  const sets: WarmupSet[] = []
  let previousMg = barMg
  if (barMg > 0) sets.push({ weightKg: roundDerived(barMg / 1e6), reps: WARMUP_BAR_REPS })
  const ramp = input.workingReps <= WARMUP_HEAVY_MAX_REPS ? WARMUP_RAMP : WARMUP_RAMP.filter(step => step.percent < 90)
  for (const { percent, reps } of ramp) {
    // bar + floor((work·p/100 − bar) / step)·step, all in integers (work·p and bar·100 are exact).
    const steps = Math.floor((workMg * percent - barMg * 100) / (stepMg * 100))
    const weightMg = barMg + steps * stepMg
    if (weightMg <= previousMg || weightMg >= workMg) continue
    sets.push({ weightKg: roundDerived(weightMg / 1e6), reps })
    previousMg = weightMg
  }
  return sets
}
