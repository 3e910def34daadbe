import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { loadWorkout } from './workouts.read.js'
import type { WorkoutDto } from './workouts.schemas.js'

/**
 * GET /workouts/{id}, the hottest read, is served from its own answer kept serialized in
 * workouts.document. Every write to the workout, its exercises or its sets clears it and bumps
 * workouts.revision in the write's own transaction (writeWorkout; exercise renames below), and
 * the first read after that rebuilds it from the rows. The rebuilt text is stored only while the
 * revision it started from is still current, so a write that commits meanwhile always wins and
 * a document never outlives the data it was made of. Being in the database, it is the same on
 * every API instance and survives restarts; a read costs one row instead of three queries,
 * 24 set rows, mapping and serialization.
 */
export const workoutDocuments = {
  async read (db: Db, userId: string, id: string, serialize: (workout: WorkoutDto) => string): Promise<string | undefined> {
    const { rows: [row] } = await sql<{ document: string | null, revision: number }>`
      select document, revision from workouts where id = ${id} and user_id = ${userId}`.execute(db)
    if (row === undefined) return undefined
    if (row.document !== null) return row.document
    const workout = await loadWorkout(db, userId, id)
    if (workout === undefined) return undefined
    const document = serialize(workout)
    await sql`update workouts set document = ${document}
      where id = ${id} and revision = ${row.revision} and document is null`.execute(db)
    return document
  },

  /** In the transaction of every write to the workout (or anything below it). */
  async invalidate (db: Db, userId: string, id: string): Promise<void> {
    await sql`update workouts set revision = revision + 1, document = null where id = ${id} and user_id = ${userId}`.execute(db)
  },

  /**
   * The documents that show these exercises (their name and tracking are in each workout
   * exercise's `exercise`): one user's for a custom exercise, everyone's for the library.
   */
  async invalidateUsing (db: Db, exerciseIds: string[], userId?: string): Promise<void> {
    if (exerciseIds.length === 0) return
    const owner = userId === undefined ? sql`` : sql` and user_id = ${userId}`
    await sql`update workouts set revision = revision + 1, document = null
      where document is not null and id in (select workout_id from workout_exercises
        where exercise_id in (${sql.join(exerciseIds)})${owner})`.execute(db)
  }
}
