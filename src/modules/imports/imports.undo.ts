import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.js'
import { projections, type ChangeRef, type ChangeType } from '../../projections/index.js'

/**
 * Undoes a committed import inside the caller's transaction: removes the workouts, progress
 * logs and custom exercises it created, except those changed since (their updated_at moved;
 * a workout's moves with any write to it, its exercises or its sets), and custom exercises
 * still used by something that stays (a workout, a plan, a goal: their rows would go with it).
 * Then every derived value is brought up to date once, and what it removed (and every goal) is
 * recorded as changed, as the last lock.
 */
export async function undoImport (trx: Db, userId: string, importId: string): Promise<void> {
  await projections.lockHistory(trx, userId)
  const removed = async (type: ChangeType, query: RawBuilder<unknown>): Promise<ChangeRef[]> =>
    (await sql<{ id: string }>`${query} returning id`.execute(trx)).rows.map((r) => ({ type, id: r.id, op: 'delete' }))
  const refs = [
    ...await removed('workout', sql`delete from workouts where user_id = ${userId} and id in (
      select iw.workout_id from import_workouts iw join workouts w on w.id = iw.workout_id
      where iw.import_id = ${importId} and w.updated_at = iw.updated_at)`),
    ...await removed('progress_log', sql`delete from progress_logs where user_id = ${userId} and id in (
      select r.row_id from import_rows r join progress_logs l on l.id = r.row_id
      where r.import_id = ${importId} and r.kind = 'progress_log' and l.updated_at = r.updated_at)`),
    ...await removed('exercise', sql`delete from exercises where owner_id = ${userId} and id in (
      select r.row_id from import_rows r join exercises e on e.id = r.row_id
      where r.import_id = ${importId} and r.kind = 'exercise' and e.updated_at = r.updated_at)
      and not exists (select 1 from workout_exercises we where we.exercise_id = exercises.id)
      and not exists (select 1 from plan_items pi where pi.exercise_id = exercises.id)
      and not exists (select 1 from goals g where g.exercise_id = exercises.id)`)
  ]
  await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute()
  await projections.rebuildUser(trx, userId, refs)
}
