import { sql, type Insertable, type Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { WorkoutRow } from './workouts.mappers.js'
import type { WorkoutsTable } from './workouts.tables.js'

export interface WorkoutListFilter {
  from?: string
  to?: string
  exerciseId?: string
  status?: string
  limit: number
  /** Keyset: the [startedAt, id] of the last item already served. */
  after?: [string, string]
}

const SUMMARY = ['id', 'name', 'started_at', 'ended_at', 'status', 'exercise_count', 'set_count', 'volume_kg'] as const
/** Every column but the revision (see workout-documents.ts). */
const COLUMNS = [...SUMMARY, 'user_id', 'notes', 'plan_id', 'plan_day_id', 'reps', 'created_at', 'updated_at'] as const

export const workoutsRepository = {
  async find (db: Db, userId: string, id: string): Promise<WorkoutRow | undefined> {
    return await db.selectFrom('workouts').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  },

  /** Who owns this id, across all users (client-id replays and conflicts). */
  async ownerOf (db: Db, id: string): Promise<string | undefined> {
    return (await db.selectFrom('workouts').select('user_id').where('id', '=', id).executeTakeFirst())?.user_id
  },

  /**
   * The first statement of every write below a workout: a no-op update that takes the row lock
   * on PostgreSQL, so concurrent writes to one workout (positions, caps, totals) run one after
   * the other, and changes nothing for a replay. Undefined when the workout is not the user's.
   */
  async lock (db: Db, userId: string, id: string): Promise<Pick<WorkoutRow, 'id' | 'started_at' | 'status'> | undefined> {
    return await db.updateTable('workouts').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', id).where('user_id', '=', userId)
      .returning(['id', 'started_at', 'status']).executeTakeFirst()
  },

  async insert (db: Db, row: Insertable<WorkoutsTable>): Promise<void> {
    await db.insertInto('workouts').values(row).execute()
  },

  async update (db: Db, userId: string, id: string, changes: Updateable<WorkoutsTable>): Promise<void> {
    await db.updateTable('workouts').set(changes).where('id', '=', id).where('user_id', '=', userId).execute()
  },

  /** Its exercises and sets go with it (ON DELETE CASCADE). */
  async delete (db: Db, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('workouts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },

  /** One query on workouts alone: the counts and volume are maintained on write. */
  async list (db: Db, userId: string, f: WorkoutListFilter): Promise<Array<Pick<WorkoutRow, typeof SUMMARY[number]>>> {
    let query = db.selectFrom('workouts').select(SUMMARY).where('user_id', '=', userId)
    if (f.from !== undefined) query = query.where('started_at', '>=', f.from)
    if (f.to !== undefined) query = query.where('started_at', '<=', f.to)
    if (f.status !== undefined) query = query.where('status', '=', f.status)
    if (f.exerciseId !== undefined) {
      const exerciseId = f.exerciseId
      // Served by the workout_exercises (user_id, exercise_id, workout_id) index alone.
      query = query.where('id', 'in', (eb) => eb.selectFrom('workout_exercises').select('workout_id')
        .where('user_id', '=', userId).where('exercise_id', '=', exerciseId))
    }
    if (f.after !== undefined) {
      const [startedAt, id] = f.after
      query = query.where((eb) => eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(startedAt, id)))
    }
    return await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute()
  },

  /**
   * Adds one new completed set to the maintained totals: the set-logging path, where simple
   * increments are exact (appending adds in the order a recomputation would) and cheapest.
   */
  async addToTotals (db: Db, workoutId: string, workoutExerciseId: string, d: { reps: number, volume: number }, now: string): Promise<void> {
    // SQL text on the hottest write path (see workoutExercisesRepository.findOne).
    await sql`update workout_exercises set set_count = set_count + 1, reps = reps + ${d.reps}, volume_kg = volume_kg + ${d.volume}
      where id = ${workoutExerciseId}`.execute(db)
    await sql`update workouts set set_count = set_count + 1, reps = reps + ${d.reps}, volume_kg = volume_kg + ${d.volume}, updated_at = ${now}
      where id = ${workoutId}`.execute(db)
  },

  /**
   * Recomputes the maintained totals of these workout exercises and of their workout from the
   * sets (≤ 100 rows each): completed sets and their reps, warm-ups included; volume without
   * warm-ups. Recomputing rather than adding deltas keeps them exact after any edit.
   * Also stamps updated_at; answers the workout row as it is now.
   */
  async refreshTotals (db: Db, workoutId: string, workoutExerciseIds: string[], now: string): Promise<WorkoutRow> {
    if (workoutExerciseIds.length > 0) {
      await db.updateTable('workout_exercises').set({
        set_count: sql`(select count(*) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1)`,
        reps: sql`(select coalesce(sum(s.reps), 0) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1)`,
        volume_kg: sql`(select coalesce(sum(s.reps * s.weight_kg), 0) from sets s
          where s.workout_exercise_id = workout_exercises.id and s.completed = 1 and s.type <> 'warmup')`
      }).where('id', 'in', [...new Set(workoutExerciseIds)]).execute()
    }
    return await db.updateTable('workouts').set({
      exercise_count: sql`(select count(*) from workout_exercises we where we.workout_id = workouts.id)`,
      set_count: sql`(select coalesce(sum(we.set_count), 0) from workout_exercises we where we.workout_id = workouts.id)`,
      reps: sql`(select coalesce(sum(we.reps), 0) from workout_exercises we where we.workout_id = workouts.id)`,
      volume_kg: sql`(select coalesce(sum(we.volume_kg), 0) from workout_exercises we where we.workout_id = workouts.id)`,
      updated_at: now
    }).where('id', '=', workoutId).returning(COLUMNS).executeTakeFirstOrThrow()
  }
}
