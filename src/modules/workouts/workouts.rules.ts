import type { Db } from '../../db/schema.js'
import { BadRequestError, ConflictError } from '../../lib/errors.js'
import { exercisesRepository, type ExerciseRow } from '../exercises/exercises.repository.js'
import { TRACKING_FIELDS, type Tracking } from '../exercises/exercises.vocabulary.js'

/** The checks a schema cannot express, each failing as a 400 that points at the offending field. */

/** Normalises an instant to UTC ms `Z`; some strings the format accepts (leap seconds) are no instant. */
export function instant (value: string, path: string): string {
  const ms = Date.parse(value)
  const iso = Number.isNaN(ms) ? '' : new Date(ms).toISOString()
  if (!/^\d{4}-/.test(iso)) throw BadRequestError.field(path, 'must be a valid instant between years 0000 and 9999')
  return iso
}

/** A calendar date as a bound: `from` takes its first, `to` its last millisecond (UTC). */
export function bound (value: string, edge: 'from' | 'to', path: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return instant(`${value}T${edge === 'from' ? '00:00:00.000' : '23:59:59.999'}Z`, path)
  return instant(value, path)
}

export function checkEnd (startedAt: string, endedAt: string | null, path = '/endedAt'): void {
  if (endedAt !== null && endedAt < startedAt) throw BadRequestError.field(path, 'must not be before startedAt')
}

export type SetValues = Partial<Record<'reps' | 'weightKg' | 'durationSec' | 'distanceM' | 'targetReps' | 'targetWeightKg' | 'targetDurationSec' | 'targetDistanceM', number | null>>

const TARGET_OF = { reps: 'targetReps', weightKg: 'targetWeightKg', durationSec: 'targetDurationSec', distanceM: 'targetDistanceM' } as const
const VALUES = Object.keys(TARGET_OF) as Array<keyof typeof TARGET_OF>
const present = (v: number | null | undefined): boolean => v !== null && v !== undefined

/**
 * A set's values (and targets) must fit its exercise's tracking: fields it does not record are
 * refused, and a completed set needs the ones it requires. A planned set may leave them empty.
 */
export function checkSetFits (tracking: string, set: SetValues, completed: boolean, path: string): void {
  const fields = TRACKING_FIELDS[tracking as Tracking] ?? TRACKING_FIELDS.weight_reps
  for (const field of VALUES) {
    if (fields.allowed.includes(field)) continue
    if (present(set[field])) throw BadRequestError.field(`${path}/${field}`, `is not recorded for ${tracking} exercises`)
    if (present(set[TARGET_OF[field]])) throw BadRequestError.field(`${path}/${TARGET_OF[field]}`, `is not recorded for ${tracking} exercises`)
  }
  if (!completed) return
  for (const field of fields.required) {
    if (!present(set[field as keyof SetValues])) throw BadRequestError.field(`${path}/${field}`, `is required on a completed set of a ${tracking} exercise`)
  }
}

/**
 * The exercises these items use, each visible to the user (predefined or their own) and not
 * archived. One query; anything else is a 400 at `<path>/exerciseId`, as if it did not exist.
 */
export async function usableExercises (db: Db, userId: string, items: Array<{ exerciseId: string, path: string }>, options: { allowArchived?: boolean } = {}): Promise<Map<string, ExerciseRow>> {
  const found = await exercisesRepository.findVisibleMany(db, userId, items.map((i) => i.exerciseId))
  for (const item of items) {
    const row = found.get(item.exerciseId)
    if (row === undefined || (row.archived_at !== null && options.allowArchived !== true)) {
      throw BadRequestError.field(`${item.path}/exerciseId`, 'is not an exercise you can use')
    }
  }
  return found
}

/** Client ids must be unique within one request too. */
export function checkDistinct (ids: Array<{ id: string | undefined, path: string }>): void {
  const seen = new Set<string>()
  for (const { id, path } of ids) {
    if (id === undefined) continue
    if (seen.has(id)) throw BadRequestError.field(`${path}/id`, 'is used twice in this request')
    seen.add(id)
  }
}

/**
 * A client id's fate: 'new' when unused, 'replay' when this user created it under the same
 * parent (answer 200 with the stored resource), otherwise 409 — another user's id, or one of the
 * caller's used elsewhere.
 */
export function claim (holder: { user_id: string, parent?: string } | undefined, userId: string, parent?: string): 'new' | 'replay' {
  if (holder === undefined) return 'new'
  if (holder.user_id === userId && holder.parent === parent) return 'replay'
  throw new ConflictError('This id is already in use')
}
