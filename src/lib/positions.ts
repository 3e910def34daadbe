import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

/**
 * Dense 0-based positions among siblings (a workout's exercises, an exercise's sets, a plan's
 * days, a day's items): every insert, delete and move shifts the neighbours in one statement,
 * so positions stay 0, 1, 2, … The caller holds a lock on the parent (or runs on SQLite, one
 * writer at a time), so shifts never interleave.
 */
export interface Siblings { table: 'sets' | 'workout_exercises' | 'plan_days' | 'plan_items', parent: string }
export const SETS: Siblings = { table: 'sets', parent: 'workout_exercise_id' }
export const EXERCISES: Siblings = { table: 'workout_exercises', parent: 'workout_id' }
export const PLAN_DAYS: Siblings = { table: 'plan_days', parent: 'plan_id' }
export const PLAN_ITEMS: Siblings = { table: 'plan_items', parent: 'day_id' }

/** Where an insert lands: the requested position, or the end when none (or one past the end) is asked. */
export const insertPosition = (requested: number | undefined, count: number): number =>
  requested === undefined || requested > count ? count : requested

/** Where a move lands: past-the-end requests mean the last place. */
export const movePosition = (requested: number, count: number): number => Math.min(requested, Math.max(count - 1, 0))

export const positions = {
  async count (db: Db, s: Siblings, parentId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(s.table)}
      where ${sql.ref(s.parent)} = ${parentId}`.execute(db)
    return Number(rows[0]?.n ?? 0)
  },

  /** Counts, then opens a gap where a new row goes (the end when none or past it); returns its position. */
  async insertAt (db: Db, s: Siblings, parentId: string, requested: number | undefined): Promise<number> {
    const at = insertPosition(requested, await this.count(db, s, parentId))
    await this.open(db, s, parentId, at)
    return at
  },

  /** Counts, then moves row `id` toward `requested` (clamped to the last place); returns where it landed. */
  async moveTo (db: Db, s: Siblings, parentId: string, id: string, from: number, requested: number): Promise<number> {
    const to = movePosition(requested, await this.count(db, s, parentId))
    await this.move(db, s, parentId, id, from, to)
    return to
  },

  /** Makes room at `at` for a row about to be inserted there. */
  async open (db: Db, s: Siblings, parentId: string, at: number): Promise<void> {
    await sql`update ${sql.table(s.table)} set position = position + 1
      where ${sql.ref(s.parent)} = ${parentId} and position >= ${at}`.execute(db)
  },

  /** Closes the gap a deleted row left at `at`. */
  async close (db: Db, s: Siblings, parentId: string, at: number): Promise<void> {
    await sql`update ${sql.table(s.table)} set position = position - 1
      where ${sql.ref(s.parent)} = ${parentId} and position > ${at}`.execute(db)
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
