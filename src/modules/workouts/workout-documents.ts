import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { loadWorkout, loadWorkouts } from './workouts.read.js'
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
 * workouts.revision in the write's own transaction (src/projections), which retires the stored
 * body at once; the first read after that rebuilds it from the rows and stores it under the
 * revision it was built at.
 *
 * Why a read never serves stale data: the revision and the rows are read in one snapshot, so
 * the body is exactly that revision's, and it is served again only to reads that find the same
 * revision, i.e. when no write has committed since. Being in the database, this holds on every
 * API instance. Storing is best effort: a read of committed data never fails because the
 * database cannot take the copy (a full disk).
 */
export const workoutDocuments = {
  async read (
    db: Db,
    userId: string,
    id: string,
    serialize: (workout: WorkoutDto) => string,
    onStoreError?: (error: unknown) => void
  ): Promise<{ body: string, seq: number | null } | undefined> {
    // The change number (the ETag) comes with the body in one statement, or before the body is built: an
    // ETag is never newer than the body it is sent with.
    type Row = { revision: number, stored: number | null, body: string | null, seq: number | null }
    const { rows: [row] } = await sql<Row>`
      select w.revision, d.revision as stored, d.body,
        (select c.seq from changes c where c.user_id = w.user_id and c.type = 'workout' and c.resource_id = w.id) as seq
      from workouts w left join workout_documents d on d.workout_id = w.id
      where w.id = ${id} and w.user_id = ${userId}`.execute(db)
    if (row === undefined) return undefined
    const seq = row.seq === null ? null : Number(row.seq)
    if (row.body !== null && Number(row.stored) === Number(row.revision)) return { body: row.body, seq }
    const built = await inSnapshot(db, async (trx) => {
      const { rows: [now] } = await sql<{ revision: number }>`select revision from workouts
        where id = ${id} and user_id = ${userId}`.execute(trx)
      const workout = now === undefined ? undefined : await loadWorkout(trx, userId, id)
      return workout === undefined ? undefined : { revision: Number(now.revision), body: serialize(workout) }
    })
    if (built === undefined) return undefined
    // Selected from workouts, so a workout deleted meanwhile stores nothing.
    await sql`insert into workout_documents (workout_id, revision, body)
      select id, ${built.revision}, ${built.body} from workouts where id = ${id}
      on conflict (workout_id) do update set revision = excluded.revision, body = excluded.body`.execute(db)
      .catch((error: unknown) => { onStoreError?.(error) })
    return { body: built.body, seq }
  },

  /**
   * Many workouts as JSON text (the change feed), inside the caller's snapshot: the stored body where it is
   * current, else built from the rows with JSON.stringify (the same data; not stored, as it is not made by
   * the GET route's serializer). Ids that are not the user's workouts are left out.
   */
  async readMany (db: Db, userId: string, ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    if (ids.length === 0) return found
    const rows = await db.selectFrom('workouts as w')
      .leftJoin('workout_documents as d', 'd.workout_id', 'w.id')
      .select(['w.id', 'w.revision', 'd.revision as stored', 'd.body'])
      .where('w.user_id', '=', userId).where('w.id', 'in', ids)
      .execute()
    const stale: string[] = []
    for (const row of rows) {
      if (row.body !== null && Number(row.stored) === Number(row.revision)) found.set(row.id, row.body)
      else stale.push(row.id)
    }
    if (stale.length > 0) {
      const workouts = await db.selectFrom('workouts').selectAll().where('user_id', '=', userId)
        .where('id', 'in', stale).execute()
      for (const w of await loadWorkouts(db, userId, workouts)) found.set(w.id, JSON.stringify(w))
    }
    return found
  }
}
