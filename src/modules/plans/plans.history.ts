import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { PastSession } from './plans.next.js'

/** How many earlier sessions of an item progression looks at: enough for any failure streak it acts on. */
const HISTORY = 60

/**
 * The completed workouts started from each plan item, newest first, with their sets as they are now (a set
 * completed later or a weight corrected counts). Workouts still in progress do not count.
 */
export async function sessionsOf (db: Db, userId: string, itemIds: string[]): Promise<Map<string, PastSession[]>> {
  const sessions = new Map<string, PastSession[]>(itemIds.map((id) => [id, []]))
  if (itemIds.length === 0) return sessions
  // One query for every item: each item's newest HISTORY sessions, newest first.
  const { rows } = await sql<{ id: string, plan_item_id: string }>`select id, plan_item_id from (
      select we.id, we.plan_item_id,
        row_number() over (partition by we.plan_item_id order by w.started_at desc, w.id desc) as n
      from workout_exercises we join workouts w on w.id = we.workout_id
      where we.user_id = ${userId} and we.plan_item_id in (${sql.join(itemIds)}) and w.status = 'completed'
    ) ranked where n <= ${HISTORY} order by plan_item_id, n`.execute(db)
  const owner = new Map<string, PastSession>()
  for (const r of rows) {
    const session: PastSession = { sets: [] }
    owner.set(r.id, session)
    sessions.get(r.plan_item_id)?.push(session)
  }
  const exerciseIds = [...owner.keys()]
  if (exerciseIds.length === 0) return sessions
  const sets = await db.selectFrom('sets')
    .select(['workout_exercise_id', 'type', 'completed', 'reps', 'weight_kg', 'target_reps', 'target_weight_kg'])
    .where('user_id', '=', userId)
    .where('workout_exercise_id', 'in', exerciseIds)
    .orderBy('position')
    .execute()
  for (const s of sets) {
    owner.get(s.workout_exercise_id)?.sets.push({
      type: s.type,
      completed: Number(s.completed) === 1,
      reps: s.reps === null ? null : Number(s.reps),
      weightKg: s.weight_kg === null ? null : Number(s.weight_kg),
      targetReps: s.target_reps === null ? null : Number(s.target_reps),
      targetWeightKg: s.target_weight_kg === null ? null : Number(s.target_weight_kg)
    })
  }
  return sessions
}
