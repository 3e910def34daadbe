/**
 * How long a plan day takes (documented in docs/plan-generation.md and on the PlanDay schema).
 * Pure, shared by the plan responses and the generator so both always agree.
 */
export const SEC_PER_REP = 3
/** A distance-only target is timed at an easy 10 km/h. */
export const SEC_PER_METRE = 0.36

export interface EstimateItem {
  sets: number
  reps: number | null
  repsMax: number | null
  durationSec: number | null
  distanceM: number | null
  restSec: number
  supersetGroup: number | null
}

/** One set's work: reps × 3 s (the top of a range), else its duration, else its distance at 10 km/h. */
export function workSec (item: EstimateItem): number {
  const reps = item.reps ?? item.repsMax
  if (reps !== null) return reps * SEC_PER_REP
  if (item.durationSec !== null) return item.durationSec
  if (item.distanceM !== null) return item.distanceM * SEC_PER_METRE
  return 0
}

/** Neighbouring items that share a supersetGroup run as one superset; any other item stands alone. */
export function supersets<T extends { supersetGroup: number | null }> (items: T[]): T[][] {
  const groups: T[][] = []
  for (const item of items) {
    const last = groups.at(-1)
    if (last !== undefined && item.supersetGroup !== null && last[0].supersetGroup === item.supersetGroup) {
      last.push(item)
    } else {
      groups.push([item])
    }
  }
  return groups
}

/**
 * Every set's work plus the rest after it. A superset runs in rounds (one set of each member)
 * and rests once per round, for the longest restSec in the group; a lone item is a group of one.
 */
export function estimateDaySec (items: EstimateItem[]): number {
  let total = 0
  for (const group of supersets(items)) {
    const rounds = Math.max(...group.map((i) => i.sets))
    const rest = Math.max(...group.map((i) => i.restSec))
    total += group.reduce((sum, i) => sum + i.sets * workSec(i), 0) + rounds * rest
  }
  return total
}

/** Whole minutes, rounded up (a tolerance keeps float noise such as 1800.0000001 s from adding a minute). */
export const toMinutes = (sec: number): number => Math.ceil(sec / 60 - 1e-9)

export const estimateDayMin = (items: EstimateItem[]): number => toMinutes(estimateDaySec(items))
