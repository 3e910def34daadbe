import { TRACKING_FIELDS, type Tracking } from '../../exercises/exercises.vocabulary.js'
import type { ParsedSet } from '../import.types.js'

export type SetField = 'reps' | 'weightKg' | 'durationSec' | 'distanceM'
const FIELDS: SetField[] = ['reps', 'weightKg', 'durationSec', 'distanceM']

/**
 * Whether a column holds a value. The apps write 0 for "nothing" (Strong's Distance and Seconds on
 * every lifting row, Hevy's duration_seconds, a body-weight set's weight), so 0 counts as empty.
 */
const holds = (value: number | null): boolean => value !== null && value !== 0

/**
 * The tracking a new custom exercise gets from its sets, by which columns hold values: a distance
 * makes it distance_duration (a run, a row, a carry); time without reps (a plank, a hang) makes
 * it duration, and time wins over reps when more sets are timed than counted; else weights make
 * it weight_reps and reps alone reps. Sets with nothing at all give weight_reps, the kind the
 * apps themselves start an exercise with.
 */
export function inferTracking (sets: ParsedSet[]): Tracking {
  const count = (f: SetField): number => sets.filter((s) => holds(s[f])).length
  const reps = count('reps')
  const duration = count('durationSec')
  if (count('distanceM') > 0) return 'distance_duration'
  if (duration > 0 && duration >= reps) return 'duration'
  if (count('weightKg') > 0) return 'weight_reps'
  return reps > 0 ? 'reps' : 'weight_reps'
}

/** A set's values as an exercise of some tracking records them. */
export interface FittedSet {
  reps: number | null
  weightKg: number | null
  durationSec: number | null
  distanceM: number | null
  /**
   * Required values the set lacked, written as 0: the weight of Strong's body-weight sets (empty
   * or 0 in the file), and the odd set with a weight but no reps (the parser warns about those).
   */
  filled: SetField[]
  /** Non-zero values the tracking cannot hold, left out of the values above. */
  lost: SetField[]
  /** false when something was lost: the refusal a user's chosen match gets (400). */
  fits: boolean
}

/**
 * A parsed set adjusted to what `tracking` records (TRACKING_FIELDS): values of fields it does not
 * record are dropped when empty or 0 and reported in `lost` otherwise; a required field missing
 * is filled with 0; an optional one (a `reps` exercise's added weight) keeps only a real value, so
 * 0 kg of added weight is written as none. RPE, type and note are not the tracking's business and
 * pass through untouched on the ParsedSet. An unknown tracking records nothing.
 */
export function fitSet (set: ParsedSet, tracking: string): FittedSet {
  const rule = TRACKING_FIELDS[tracking as Tracking] ?? { required: [], allowed: [] }
  const fitted: FittedSet = {
    reps: null, weightKg: null, durationSec: null, distanceM: null, filled: [], lost: [], fits: true
  }
  for (const field of FIELDS) {
    const value = set[field]
    if (rule.required.includes(field)) {
      if (value === null) fitted.filled.push(field)
      fitted[field] = value ?? 0
    } else if (rule.allowed.includes(field)) {
      fitted[field] = holds(value) ? value : null
    } else if (holds(value)) {
      fitted.lost.push(field)
    }
  }
  fitted.fits = fitted.lost.length === 0
  return fitted
}

/** Whether every set fits the tracking without losing a value (PATCH /imports/{id}'s check). */
export const setsFit = (sets: ParsedSet[], tracking: string): boolean =>
  sets.every((s) => fitSet(s, tracking).fits)
