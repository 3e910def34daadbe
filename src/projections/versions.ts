import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

/**
 * Read models are built by their features (the stored GET /workouts/{id} document, the cached
 * statistics) and retired here: each is valid while a version matches, and a write that
 * changes what one shows bumps that version in its own transaction.
 */
export const versions = {
  /** The user's cached statistics (stats_cache) go stale. */
  async statsChanged (db: Db, userId?: string): Promise<void> {
    const only = userId === undefined ? sql`` : sql` where id = ${userId}`
    await sql`update users set stats_version = stats_version + 1${only}`.execute(db)
  },

  /**
   * The documents that show these exercises (their name and tracking are in each workout
   * exercise's `exercise`): one user's for a custom exercise, everyone's for the library.
   */
  async workoutsUsing (db: Db, exerciseIds: string[], userId?: string): Promise<void> {
    if (exerciseIds.length === 0) return
    const owner = userId === undefined ? sql`` : sql` and user_id = ${userId}`
    await sql`update workouts set revision = revision + 1
      where id in (select workout_id from workout_exercises
        where exercise_id in (${sql.join(exerciseIds)})${owner})`.execute(db)
  }
}
