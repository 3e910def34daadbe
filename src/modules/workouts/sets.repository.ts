import { sql, type RawBuilder, type Updateable } from 'kysely'
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
      where workout_exercise_id in (select id from workout_exercises where workout_id = ${workoutId})
        and user_id = ${userId}
      order by workout_exercise_id, position`.execute(db)
    return rows
  },

  /**
   * The sets of many workout exercises, each one's in position order: a query per thousand ids
   * (bound parameters stay well within both drivers' limits), each an index range per id.
   */
  async forWorkoutExercises (db: Db, userId: string, workoutExerciseIds: string[]): Promise<SetRow[]> {
    const rows: SetRow[] = []
    for (let i = 0; i < workoutExerciseIds.length; i += 1000) {
      const ids = workoutExerciseIds.slice(i, i + 1000)
      const { rows: chunk } = await sql<SetRow>`select * from sets
        where workout_exercise_id in (${sql.join(ids)}) and user_id = ${userId}
        order by workout_exercise_id, position`.execute(db)
      rows.push(...chunk)
    }
    return rows
  },

  async forWorkoutExercise (db: Db, workoutExerciseId: string): Promise<SetRow[]> {
    return await db.selectFrom('sets')
      .selectAll()
      .where('workout_exercise_id', '=', workoutExerciseId)
      .orderBy('position')
      .execute()
  },

  async find (db: Db, userId: string, workoutExerciseId: string, id: string): Promise<SetRow | undefined> {
    return await db.selectFrom('sets').selectAll()
      .where('id', '=', id).where('workout_exercise_id', '=', workoutExerciseId).where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** A set by its full path: the workout exercise must belong to that workout. */
  async findIn (
    db: Db,
    userId: string,
    workoutId: string,
    workoutExerciseId: string,
    id: string
  ): Promise<SetRow | undefined> {
    return await db.selectFrom('sets').selectAll('sets')
      .innerJoin('workout_exercises as we', 'we.id', 'sets.workout_exercise_id')
      .where('sets.id', '=', id)
      .where('sets.workout_exercise_id', '=', workoutExerciseId)
      .where('sets.user_id', '=', userId)
      .where('we.workout_id', '=', workoutId)
      .executeTakeFirst()
  },

  /** Who holds these ids, across all users (client-id replays and conflicts). */
  async owners (db: Db, ids: string[]): Promise<Array<{ id: string, user_id: string, workout_exercise_id: string }>> {
    if (ids.length === 0) return []
    return await db.selectFrom('sets').select(['id', 'user_id', 'workout_exercise_id']).where('id', 'in', ids).execute()
  },

  async insert (db: Db, rows: SetRow[]): Promise<void> {
    if (rows.length === 1) return await this.insertOne(db, rows[0])
    await insertChunked(rows, async (chunk) => await db.insertInto('sets').values(chunk).execute())
  },

  /**
   * Appends one set after its siblings: its position is their count, read by the insert itself
   * (after the workout's lock). `returning` adds to what the insert answers (a lock to take).
   * SQL text: the set-logging path, where building the insert cost more than running it.
   */
  async append (db: Db, r: SetRow, returning: RawBuilder<unknown> = sql``): Promise<number> {
    const { rows: [row] } = await sql<{ position: number }>`insert into sets (id, workout_exercise_id, user_id,
        position, type, reps, weight_kg, duration_sec, distance_m, rpe, completed, completed_at, target_reps,
        target_weight_kg, target_duration_sec, target_distance_m, note)
      values (${r.id}, ${r.workout_exercise_id}, ${r.user_id},
        (select count(*) from sets where workout_exercise_id = ${r.workout_exercise_id}),
        ${r.type}, ${r.reps}, ${r.weight_kg}, ${r.duration_sec}, ${r.distance_m}, ${r.rpe}, ${r.completed},
        ${r.completed_at}, ${r.target_reps}, ${r.target_weight_kg}, ${r.target_duration_sec}, ${r.target_distance_m},
        ${r.note})
      returning position${returning}`.execute(db)
    return Number(row.position)
  },

  /** One set at the position its row says. */
  async insertOne (db: Db, r: SetRow): Promise<void> {
    await sql`insert into sets (id, workout_exercise_id, user_id, position, type, reps, weight_kg, duration_sec,
        distance_m, rpe, completed, completed_at, target_reps, target_weight_kg, target_duration_sec,
        target_distance_m, note)
      values (${r.id}, ${r.workout_exercise_id}, ${r.user_id}, ${r.position}, ${r.type}, ${r.reps}, ${r.weight_kg},
        ${r.duration_sec}, ${r.distance_m}, ${r.rpe}, ${r.completed}, ${r.completed_at}, ${r.target_reps},
        ${r.target_weight_kg}, ${r.target_duration_sec}, ${r.target_distance_m}, ${r.note})`.execute(db)
  },

  async update (db: Db, id: string, changes: Updateable<SetsTable>): Promise<void> {
    await db.updateTable('sets').set(changes).where('id', '=', id).execute()
  },

  async delete (db: Db, id: string): Promise<void> {
    await db.deleteFrom('sets').where('id', '=', id).execute()
  }
}
