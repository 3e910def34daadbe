import type { FieldError } from '../../lib/errors.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import type { Tracking } from '../exercises/exercises.vocabulary.js'

export interface Targets {
  reps: number | null
  repsMin: number | null
  repsMax: number | null
  weightKg: number | null
  durationSec: number | null
  distanceM: number | null
}

export const TARGET_FIELDS = ['reps', 'repsMin', 'repsMax', 'weightKg', 'durationSec', 'distanceM'] as const

// Which targets a plan item may carry for each tracking kind (a rep range stands in for reps).
const ALLOWED: Record<Tracking, ReadonlyArray<keyof Targets>> = {
  weight_reps: ['reps', 'repsMin', 'repsMax', 'weightKg'],
  reps: ['reps', 'repsMin', 'repsMax', 'weightKg'],
  duration: ['durationSec'],
  distance_duration: ['distanceM', 'durationSec']
}

/** Checks an item's targets against its exercise's tracking; `path` points at the item ("/days/0/items/2"). */
export function targetErrors (tracking: Tracking, t: Targets, path: string): FieldError[] {
  const errors: FieldError[] = []
  const has = (field: keyof Targets): boolean => t[field] !== null
  for (const field of TARGET_FIELDS) {
    if (has(field) && !ALLOWED[tracking].includes(field)) {
      errors.push({ path: `${path}/${field}`, message: `is not a target of a ${tracking} exercise` })
    }
  }
  if (tracking === 'weight_reps' || tracking === 'reps') {
    const range = has('repsMin') || has('repsMax')
    if (has('reps') && range) {
      errors.push({ path: `${path}/reps`, message: 'cannot be combined with repsMin/repsMax' })
    } else if (!has('reps') && !range) {
      errors.push({ path: `${path}/reps`, message: 'is required (or repsMin and repsMax)' })
    } else if (range && !has('repsMin')) {
      errors.push({ path: `${path}/repsMin`, message: 'is required with repsMax' })
    } else if (range && !has('repsMax')) {
      errors.push({ path: `${path}/repsMax`, message: 'is required with repsMin' })
    } else if (range && (t.repsMin as number) > (t.repsMax as number)) {
      errors.push({ path: `${path}/repsMin`, message: 'must be <= repsMax' })
    }
  } else if (tracking === 'duration' && !has('durationSec')) {
    errors.push({ path: `${path}/durationSec`, message: 'is required for a duration exercise' })
  } else if (tracking === 'distance_duration' && !has('distanceM') && !has('durationSec')) {
    errors.push({ path: `${path}/distanceM`, message: 'is required (or durationSec) for a distance_duration exercise' })
  }
  return errors
}

/** New use of an exercise needs one the caller can see that is not archived (deleted). */
export function exerciseError (row: ExerciseRow | undefined, path: string): FieldError | undefined {
  if (row === undefined) return { path: `${path}/exerciseId`, message: 'is not an exercise you can use' }
  if (row.archived_at !== null) return { path: `${path}/exerciseId`, message: 'is a deleted exercise' }
  return undefined
}
