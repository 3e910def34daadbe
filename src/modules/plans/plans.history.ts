import type { Db } from '../../db/schema.js'
import type { PastSession } from './plans.next.js'

/** How many earlier sessions of an item progression looks at: enough for any failure streak it acts on. */
const HISTORY = 60

/**
 * The completed workouts started from each plan item, newest first, with their sets as they are now (a set
 * completed later or a weight corrected counts). Workouts still in progress do not count.
 */
export async function sessionsOf (db: Db, userId: string, itemIds: string[]): Promise<Map<string, PastSession[]>> {
  const sessions = new Map<string, PastSession[]>()
  const exerciseIds: string[] = []
  const owner = new Map<string, PastSession>()
  for (const itemId of itemIds) {
    const rows = await db.selectFrom('workout_exercises as we')
      .innerJoin('workouts as w', 'w.id', 'we.workout_id')
      .select('we.id')
      .where('we.user_id', '=', userId)
      .where('we.plan_item_id', '=', itemId)
      .where('w.status', '=', 'completed')
      .orderBy('w.started_at', 'desc').orderBy('w.id', 'desc').orderBy('we.position')
      .limit(HISTORY)
      .execute()
    sessions.set(itemId, rows.map((r) => {
      const session: PastSession = { sets: [] }
      owner.set(r.id, session)
      exerciseIds.push(r.id)
      return session
    }))
  }
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
