import type { Kysely } from 'kysely'

// 0003 already indexes lists by date (workouts user_id, started_at, id) and by exercise
// (workout_exercises user_id, exercise_id, workout_id). These serve the remaining hot reads.
export async function up (db: Kysely<any>): Promise<void> {
  // GET /workouts?status=… keeps its keyset order without filtering rows of the other status.
  await db.schema.createIndex('workouts_user_status_started')
    .on('workouts')
    .columns(['user_id', 'status', 'started_at', 'id'])
    .execute()
  // Which bests a workout holds (its edits and deletion recompute only those exercises).
  await db.schema.createIndex('exercise_bests_user_workout')
    .on('exercise_bests')
    .columns(['user_id', 'workout_id'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('exercise_bests_user_workout').execute()
  await db.schema.dropIndex('workouts_user_status_started').execute()
}
