import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'

/**
 * Dense 0-based positions among siblings (a workout's exercises, an exercise's sets): every
 * insert, delete and move shifts the neighbours in one statement, so positions stay 0, 1, 2, …
 * The caller holds the workout lock (workoutsRepository.lock), so shifts never interleave.
 */
export interface Siblings { table: 'sets' | 'workout_exercises', parent: 'workout_exercise_id' | 'workout_id' }
export const SETS: Siblings = { table: 'sets', parent: 'workout_exercise_id' }
export const EXERCISES: Siblings = { table: 'workout_exercises', parent: 'workout_id' }

/** Where an insert lands: the requested position, or the end when none (or one past the end) is asked. */
export const insertPosition = (requested: number | undefined, count: number): number =>
  requested === undefined || requested > count ? count : requested

/** Where a move lands: past-the-end requests mean the last place. */
export const movePosition = (requested: number, count: number): number => Math.min(requested, Math.max(count - 1, 0))

export const positions = {
  /** Makes room at `at` for a row about to be inserted there. */
  async open (db: Db, s: Siblings, parentId: string, at: number): Promise<void> {
    await sql`update ${sql.table(s.table)} set position = position + 1 where ${sql.ref(s.parent)} = ${parentId} and position >= ${at}`.execute(db)
  },

  /** Closes the gap a deleted row left at `at`. */
  async close (db: Db, s: Siblings, parentId: string, at: number): Promise<void> {
    await sql`update ${sql.table(s.table)} set position = position - 1 where ${sql.ref(s.parent)} = ${parentId} and position > ${at}`.execute(db)
  },

  /** Moves row `id` from `from` to `to`; the rows in between shift by one toward the gap. */
  async move (db: Db, s: Siblings, parentId: string, id: string, from: number, to: number): Promise<void> {
    if (from === to) return
    const [lo, hi, delta] = to < from ? [to, from, 1] : [from, to, -1]
    await sql`update ${sql.table(s.table)}
      set position = case when id = ${id} then ${to} else position + ${delta} end
      where ${sql.ref(s.parent)} = ${parentId} and position >= ${lo} and position <= ${hi}`.execute(db)
  }
}
