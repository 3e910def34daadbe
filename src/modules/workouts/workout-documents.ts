import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { loadWorkout } from './workouts.read.js'
import type { WorkoutDto } from './workouts.schemas.js'

export interface WorkoutDocumentsTable {
  workout_id: string
  /** The workouts.revision this body was built at; it is served only while they are equal. */
  revision: number
  body: string
}

/**
 * GET /workouts/{id}, the hottest read, is served from its own answer kept serialized in
 * workout_documents. Every write to the workout, its exercises or its sets bumps
 * workouts.revision in the write's own transaction (writeWorkout, and exercise edits below),
 * which retires the stored body at once; the first read after that
 * rebuilds it from the rows and stores it under the revision it read first.
 *
 * Why a read never serves stale data: the revision is read before the rows, so what is built
 * is at least as new as that revision, and it is served again only to reads that find the same
 * revision, i.e. when no write has committed since. A slow read that stores an older body only
 * costs the next read a rebuild. Being in the database, this holds on every API instance.
 */
export const workoutDocuments = {
  async read (db: Db, userId: string, id: string, serialize: (workout: WorkoutDto) => string): Promise<string | undefined> {
    const { rows: [row] } = await sql<{ revision: number, stored: number | null, body: string | null }>`
      select w.revision, d.revision as stored, d.body
      from workouts w left join workout_documents d on d.workout_id = w.id
      where w.id = ${id} and w.user_id = ${userId}`.execute(db)
    if (row === undefined) return undefined
    if (row.body !== null && Number(row.stored) === Number(row.revision)) return row.body
    const workout = await loadWorkout(db, userId, id)
    if (workout === undefined) return undefined
    const body = serialize(workout)
    // Selected from workouts, so a workout deleted meanwhile stores nothing.
    await sql`insert into workout_documents (workout_id, revision, body)
      select id, ${row.revision}, ${body} from workouts where id = ${id}
      on conflict (workout_id) do update set revision = excluded.revision, body = excluded.body`.execute(db)
    return body
  },

  /** In the transaction of every write to the workout (or anything below it). */
  async invalidate (db: Db, userId: string, id: string): Promise<void> {
    await sql`update workouts set revision = revision + 1 where id = ${id} and user_id = ${userId}`.execute(db)
  },

  /**
   * The documents that show these exercises (their name and tracking are in each workout
   * exercise's `exercise`): one user's for a custom exercise, everyone's for the library.
   */
  async invalidateUsing (db: Db, exerciseIds: string[], userId?: string): Promise<void> {
    if (exerciseIds.length === 0) return
    const owner = userId === undefined ? sql`` : sql` and user_id = ${userId}`
    await sql`update workouts set revision = revision + 1
      where id in (select workout_id from workout_exercises where exercise_id in (${sql.join(exerciseIds)})${owner})`.execute(db)
  }
}
