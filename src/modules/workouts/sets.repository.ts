import { sql, type Insertable, type Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { SetRow } from './workouts.mappers.js'
import type { SetsTable } from './workouts.tables.js'
import { insertChunked } from './workout-exercises.repository.js'

export const setsRepository = {
  /**
   * Every set of a workout, each exercise's in position order: one query. Written as SQL text
   * because it is the hottest read (GET /workouts/{id}): building it with the query builder
   * cost more than running it.
   */
  async forWorkout (db: Db, userId: string, workoutId: string): Promise<SetRow[]> {
    const { rows } = await sql<SetRow>`select * from sets
      where workout_exercise_id in (select id from workout_exercises where workout_id = ${workoutId}) and user_id = ${userId}
      order by workout_exercise_id, position`.execute(db)
    return rows
  },

  async forWorkoutExercise (db: Db, workoutExerciseId: string): Promise<SetRow[]> {
    return await db.selectFrom('sets').selectAll().where('workout_exercise_id', '=', workoutExerciseId).orderBy('position').execute()
  },

  async find (db: Db, userId: string, workoutExerciseId: string, id: string): Promise<SetRow | undefined> {
    return await db.selectFrom('sets').selectAll()
      .where('id', '=', id).where('workout_exercise_id', '=', workoutExerciseId).where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** Who holds these ids, across all users (client-id replays and conflicts). */
  async owners (db: Db, ids: string[]): Promise<Array<{ id: string, user_id: string, workout_exercise_id: string }>> {
    if (ids.length === 0) return []
    return await db.selectFrom('sets').select(['id', 'user_id', 'workout_exercise_id']).where('id', 'in', ids).execute()
  },

  async insert (db: Db, rows: Array<Insertable<SetsTable>>): Promise<void> {
    await insertChunked(rows, async (chunk) => await db.insertInto('sets').values(chunk).execute())
  },

  async update (db: Db, id: string, changes: Updateable<SetsTable>): Promise<void> {
    await db.updateTable('sets').set(changes).where('id', '=', id).execute()
  },

  async delete (db: Db, id: string): Promise<void> {
    await db.deleteFrom('sets').where('id', '=', id).execute()
  }
}
