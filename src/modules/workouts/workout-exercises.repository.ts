import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { WorkoutExerciseWithRef } from './workouts.mappers.js'
import type { WorkoutExercisesTable } from './workouts.tables.js'

/** Insert in chunks: a nested workout may hold 10 000 sets, beyond any driver's parameter limit. */
export async function insertChunked<T> (
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  size = 500
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

const withRef = <R extends { exercise_id: string, exercise_name: string, exercise_tracking: string }>(r: R) => {
  const { exercise_name: name, exercise_tracking: tracking, ...row } = r
  return { ...row, exercise: { id: r.exercise_id, name, tracking } }
}

export const workoutExercisesRepository = {
  /** A workout's exercises in order, each with its exercise's name and tracking: one query. */
  async forWorkout (db: Db, userId: string, workoutId: string): Promise<WorkoutExerciseWithRef[]> {
    // SQL text, like setsRepository.forWorkout: a hot read where building the query cost more than running it.
    const { rows } = await sql<Selectable<WorkoutExercisesTable> & {
      exercise_name: string
      exercise_tracking: string
    }>`
      select we.*, e.name as exercise_name, e.tracking as exercise_tracking
      from workout_exercises we join exercises e on e.id = we.exercise_id
      where we.workout_id = ${workoutId} and we.user_id = ${userId} order by we.position`.execute(db)
    return rows.map(withRef)
  },

  /** forWorkout for many workouts in one query, by workout then position. */
  async forWorkouts (db: Db, userId: string, workoutIds: string[]): Promise<WorkoutExerciseWithRef[]> {
    if (workoutIds.length === 0) return []
    const { rows } = await sql<Selectable<WorkoutExercisesTable> & {
      exercise_name: string
      exercise_tracking: string
    }>`
      select we.*, e.name as exercise_name, e.tracking as exercise_tracking
      from workout_exercises we join exercises e on e.id = we.exercise_id
      where we.workout_id in (${sql.join(workoutIds)}) and we.user_id = ${userId}
      order by we.workout_id, we.position`.execute(db)
    return rows.map(withRef)
  },

  /** One workout exercise with its exercise's name and tracking. */
  async findOne (db: Db, userId: string, workoutId: string, id: string): Promise<WorkoutExerciseWithRef | undefined> {
    const { rows: [row] } = await sql<Selectable<WorkoutExercisesTable> & {
      exercise_name: string
      exercise_tracking: string
    }>`
      select we.*, e.name as exercise_name, e.tracking as exercise_tracking
      from workout_exercises we join exercises e on e.id = we.exercise_id
      where we.id = ${id} and we.workout_id = ${workoutId} and we.user_id = ${userId}`.execute(db)
    return row === undefined ? undefined : withRef(row)
  },

  /** Who holds these ids, across all users (client-id replays and conflicts). */
  async owners (db: Db, ids: string[]): Promise<Array<{ id: string, user_id: string, workout_id: string }>> {
    if (ids.length === 0) return []
    return await db.selectFrom('workout_exercises')
      .select(['id', 'user_id', 'workout_id'])
      .where('id', 'in', ids)
      .execute()
  },

  async count (db: Db, workoutId: string): Promise<number> {
    const row = await db.selectFrom('workout_exercises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workout_id', '=', workoutId)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  /** The exercises a workout uses (what its deletion can affect). */
  async exerciseIds (db: Db, workoutId: string): Promise<string[]> {
    const rows = await db.selectFrom('workout_exercises')
      .select('exercise_id')
      .distinct()
      .where('workout_id', '=', workoutId)
      .execute()
    return rows.map((r) => r.exercise_id)
  },

  async insert (db: Db, rows: Array<Insertable<WorkoutExercisesTable>>): Promise<void> {
    await insertChunked(rows, async (chunk) => await db.insertInto('workout_exercises').values(chunk).execute())
  },

  async update (db: Db, id: string, changes: Updateable<WorkoutExercisesTable>): Promise<void> {
    if (Object.keys(changes).length === 0) return
    await db.updateTable('workout_exercises').set(changes).where('id', '=', id).execute()
  },

  async delete (db: Db, id: string): Promise<void> {
    await db.deleteFrom('workout_exercises').where('id', '=', id).execute()
  }
}
