import type { ParsedSet, ParsedWorkout } from '../import.types.js'

/**
 * What a Spotter document says beyond the other apps' files, carried on the parsed items (a
 * subtype of the shared shapes, so a commit that knows them can keep them): whether a set was
 * done and its targets (a plan's sets), and whether the workout is still running.
 */
export interface SpotterSet extends ParsedSet {
  completed: boolean
  targetReps: number | null
  targetWeightKg: number | null
  targetDurationSec: number | null
  targetDistanceM: number | null
}

export interface SpotterWorkout extends ParsedWorkout {
  /** in_progress: endedAt is null because the workout had not ended, not because the file gave no duration. */
  status: 'in_progress' | 'completed'
}
