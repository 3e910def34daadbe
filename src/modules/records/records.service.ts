import type { Db } from '../../db/schema.js'
import { beats, countsForRecords, newRecordsBetween, setCandidates, setVolume, type Best, type NewRecord, type RecordSet } from './records.kinds.js'
import { recordsRepository } from './records.repository.js'

export { epley } from './records.kinds.js'
export type { Best, NewRecord, RecordKind, RecordSet } from './records.kinds.js'

/** The workout that holds the sets: bests point at it and take its start as achievedAt. */
export interface RecordWorkout { id: string, startedAt: string }

const keyOf = (b: Pick<Best, 'exerciseId' | 'kind'>): string => `${b.exerciseId}:${b.kind}`
const unique = (ids: string[]): string[] => [...new Set(ids)]

/**
 * Keeps exercise_bests exact on every write, inside the caller's transaction. Additions are
 * compared against the ≤ 7 stored bests per exercise (never a history scan); only a change that
 * can lower a best held by the changed workout recomputes that exercise from its history.
 */
export const recordsService = {
  /**
   * Sets were added (or became completed) in `workout`, whose totals are already refreshed.
   * Returns the kinds that beat a best stored before this call.
   */
  async applyAddedSets (trx: Db, userId: string, workout: RecordWorkout, sets: RecordSet[]): Promise<NewRecord[]> {
    const counted = sets.filter(countsForRecords)
    if (counted.length === 0) return []
    const withVolume = unique(counted.filter((s) => setVolume(s) !== null).map((s) => s.exerciseId))
    const { bests: before, volumes } = await recordsRepository.bestsAndVolumes(trx, userId, counted.map((s) => s.exerciseId), workout.id, withVolume)
    const current = new Map(before.map((b) => [keyOf(b), b]))
    const changed = new Map<string, Best>()
    const offer = (candidate: Best): void => {
      if (!beats(candidate, current.get(keyOf(candidate)))) return
      current.set(keyOf(candidate), candidate)
      changed.set(keyOf(candidate), candidate)
    }
    const at = { workoutId: workout.id, achievedAt: workout.startedAt }
    for (const set of counted) {
      for (const { kind, value } of setCandidates(set)) {
        const withSet = kind !== 'max_duration' && kind !== 'max_distance'
        offer({ exerciseId: set.exerciseId, kind, value, reps: withSet ? set.reps : null, weightKg: withSet ? set.weightKg : null, ...at })
      }
    }
    for (const [exerciseId, value] of volumes) offer({ exerciseId, kind: 'max_workout_volume', value, reps: null, weightKg: null, ...at })
    await recordsRepository.upsert(trx, userId, [...changed.values()])
    return newRecordsBetween(before, [...changed.values()])
  },

  /** Recomputes these exercises' bests from the user's history (aggregate SQL). */
  async recompute (trx: Db, userId: string, exerciseIds: string[]): Promise<NewRecord[]> {
    const ids = unique(exerciseIds)
    if (ids.length === 0) return []
    const before = await recordsRepository.bestsFor(trx, userId, ids)
    const after = await recordsRepository.computeFromHistory(trx, userId, ids)
    await recordsRepository.replace(trx, userId, ids, after)
    return newRecordsBetween(before, after)
  },

  /**
   * Sets of `touched` exercises in `workout` were edited, removed or moved, and `added` are the
   * counted sets as they are now. Removing sets from a workout that holds none of an exercise's
   * bests cannot change them, so only exercises with a best held here are recomputed; the others
   * just take the new values incrementally.
   */
  async applyChanges (trx: Db, userId: string, workout: RecordWorkout, change: { touched: string[], added: RecordSet[] }): Promise<NewRecord[]> {
    const held = new Set(await recordsRepository.exercisesHeldBy(trx, userId, workout.id, unique(change.touched)))
    const recomputed = await this.recompute(trx, userId, [...held])
    const added = await this.applyAddedSets(trx, userId, workout, change.added.filter((s) => !held.has(s.exerciseId)))
    return [...recomputed, ...added]
  }
}
