import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { afterCursor } from '../../lib/pagination.js'
import type { TimeRange } from '../../lib/time.js'
import type { WorkoutRow } from './workouts.mappers.js'
import type { WorkoutsTable } from './workouts.tables.js'

export interface WorkoutListFilter {
  range: TimeRange
  exerciseId?: string
  status?: string
  limit: number
  /** Keyset: the [startedAt, id] of the last item already served. */
  after?: [string, string]
}

const SUMMARY = ['id', 'name', 'started_at', 'ended_at', 'status', 'exercise_count', 'set_count', 'volume_kg'] as const
/** Every column a workout's answer shows. */
const COLUMNS = [...SUMMARY, 'user_id', 'notes', 'plan_id', 'plan_day_id', 'reps', 'created_at', 'updated_at'] as const

/** Plain data access to workouts; their derived columns are src/projections' to write. */
export const workoutsRepository = {
  async find (db: Db, userId: string, id: string): Promise<WorkoutRow | undefined> {
    return await db.selectFrom('workouts')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** Who owns this id, across all users (client-id replays and conflicts). */
  async ownerOf (db: Db, id: string): Promise<string | undefined> {
    return (await db.selectFrom('workouts').select('user_id').where('id', '=', id).executeTakeFirst())?.user_id
  },

  async insert (db: Db, row: Insertable<WorkoutsTable>): Promise<void> {
    await db.insertInto('workouts').values(row).execute()
  },

  async update (db: Db, userId: string, id: string, changes: Updateable<WorkoutsTable>): Promise<void> {
    await db.updateTable('workouts').set(changes).where('id', '=', id).where('user_id', '=', userId).execute()
  },

  /** Its exercises and sets go with it (ON DELETE CASCADE). */
  async delete (db: Db, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('workouts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },

  /** One query on workouts alone: the counts and volume are maintained on write. */
  async list (db: Db, userId: string, f: WorkoutListFilter): Promise<Array<Pick<WorkoutRow, typeof SUMMARY[number]>>> {
    let query = db.selectFrom('workouts').select(SUMMARY).where('user_id', '=', userId)
    if (f.range.from !== null) query = query.where('started_at', '>=', f.range.from)
    if (f.range.to !== null) query = query.where('started_at', '<=', f.range.to)
    if (f.status !== undefined) query = query.where('status', '=', f.status)
    if (f.exerciseId !== undefined) {
      const exerciseId = f.exerciseId
      // Served by the workout_exercises (user_id, exercise_id, workout_id) index alone.
      query = query.where('id', 'in', (eb) => eb.selectFrom('workout_exercises').select('workout_id')
        .where('user_id', '=', userId).where('exercise_id', '=', exerciseId))
    }
    if (f.after !== undefined) query = query.where(afterCursor(['started_at', 'id'], f.after, 'desc'))
    return await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute()
  },

  /** Whole rows, a keyset page at a time in (startedAt, id) order: for reading a whole history (exports). */
  async page (
    db: Db,
    userId: string,
    p: { limit: number, order: 'asc' | 'desc', after?: [string, string] }
  ): Promise<WorkoutRow[]> {
    let query = db.selectFrom('workouts').select(COLUMNS).where('user_id', '=', userId)
    if (p.after !== undefined) query = query.where(afterCursor(['started_at', 'id'], p.after, p.order))
    return await query.orderBy('started_at', p.order).orderBy('id', p.order).limit(p.limit).execute()
  }
}
