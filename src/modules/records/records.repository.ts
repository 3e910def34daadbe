import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { statsCache } from '../stats/stats-cache.js'
import { EPLEY_MAX_REPS, type Best, type RecordKind } from './records.kinds.js'

interface BestRow { exercise_id: string, kind: string, value: number, reps: number | null, weight_kg: number | null, workout_id: string, achieved_at: string }

const toBest = (r: BestRow): Best => ({
  exerciseId: r.exercise_id,
  kind: r.kind as RecordKind,
  value: Number(r.value),
  reps: r.reps === null ? null : Number(r.reps),
  weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
  workoutId: r.workout_id,
  achievedAt: r.achieved_at
})

const toRow = (userId: string, b: Best) => ({
  user_id: userId, exercise_id: b.exerciseId, kind: b.kind, value: b.value, reps: b.reps, weight_kg: b.weightKg, workout_id: b.workoutId, achieved_at: b.achievedAt
})

// Marks the workout-volume rows that bestsAndVolumes appends to the bests.
const VOLUME_ROW = '@workout_volume'

// Counted sets: completed and not warm-ups (records.kinds countsForRecords, in SQL).
const COUNTED = sql`s.completed = 1 and s.type <> 'warmup'`

export const recordsRepository = {
  /** The maintained bests of a user (≤ 7 rows per exercise), optionally for some exercises only. */
  async bestsFor (db: Db, userId: string, exerciseIds?: string[]): Promise<Best[]> {
    if (exerciseIds?.length === 0) return []
    let query = db.selectFrom('exercise_bests')
      .select(['exercise_id', 'kind', 'value', 'reps', 'weight_kg', 'workout_id', 'achieved_at'])
      .where('user_id', '=', userId)
    if (exerciseIds !== undefined) query = query.where('exercise_id', 'in', [...new Set(exerciseIds)])
    return (await query.execute()).map(toBest)
  },

  /** Of these exercises, those with a best held by this workout (only they can lose one when it changes). */
  async exercisesHeldBy (db: Db, userId: string, workoutId: string, exerciseIds?: string[]): Promise<string[]> {
    if (exerciseIds?.length === 0) return []
    let query = db.selectFrom('exercise_bests').select('exercise_id').distinct()
      .where('user_id', '=', userId).where('workout_id', '=', workoutId)
    if (exerciseIds !== undefined) query = query.where('exercise_id', 'in', [...new Set(exerciseIds)])
    return (await query.execute()).map((r) => r.exercise_id)
  },

  /**
   * SQL text: on the set-logging path a growing session beats its workout-volume best with
   * almost every set, and building this upsert with the query builder cost more than running it.
   */
  async upsert (db: Db, userId: string, bests: Best[]): Promise<void> {
    if (bests.length === 0) return
    await statsCache.bump(db, userId)
    const rows = bests.map((b) => sql`(${userId}, ${b.exerciseId}, ${b.kind}, ${b.value}, ${b.reps}, ${b.weightKg}, ${b.workoutId}, ${b.achievedAt})`)
    await sql`insert into exercise_bests (user_id, exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at)
      values ${sql.join(rows)}
      on conflict (user_id, exercise_id, kind) do update set value = excluded.value, reps = excluded.reps,
        weight_kg = excluded.weight_kg, workout_id = excluded.workout_id, achieved_at = excluded.achieved_at`.execute(db)
  },

  /** Replaces every best of these exercises with `bests` (the result of computeFromHistory). */
  async replace (db: Db, userId: string, exerciseIds: string[], bests: Best[]): Promise<void> {
    if (exerciseIds.length === 0) return
    await statsCache.bump(db, userId)
    await db.deleteFrom('exercise_bests').where('user_id', '=', userId).where('exercise_id', 'in', exerciseIds).execute()
    if (bests.length > 0) await db.insertInto('exercise_bests').values(bests.map((b) => toRow(userId, b))).execute()
  },

  /**
   * The bests of these exercises from the whole history, in one aggregate query: every kind's
   * candidates, ranked by value, then earliest workout start, then smallest workout id. Used only
   * when a write can lower a best (edit, delete, un-complete); additions go incrementally.
   */
  async computeFromHistory (db: Db, userId: string, exerciseIds: string[]): Promise<Best[]> {
    if (exerciseIds.length === 0) return []
    const ids = sql.join([...new Set(exerciseIds)])
    const { rows } = await sql<BestRow>`
      with base as (
        select we.exercise_id, w.id as workout_id, w.started_at, we.position as we_pos, s.position as set_pos,
               s.reps, s.weight_kg, s.duration_sec, s.distance_m
        from workout_exercises we
        join sets s on s.workout_exercise_id = we.id
        join workouts w on w.id = we.workout_id
        where we.user_id = ${userId} and we.exercise_id in (${ids}) and ${COUNTED}
      ), candidates as (
        select exercise_id, 'max_weight' as kind, weight_kg as value, reps, weight_kg, workout_id, started_at, we_pos, set_pos from base where weight_kg is not null
        union all
        select exercise_id, 'max_reps', cast(reps as double precision), reps, weight_kg, workout_id, started_at, we_pos, set_pos from base where reps is not null
        union all
        select exercise_id, 'best_e1rm', case when reps = 1 then weight_kg else weight_kg * (1 + cast(reps as double precision) / 30) end,
               reps, weight_kg, workout_id, started_at, we_pos, set_pos from base where weight_kg is not null and reps between 1 and ${EPLEY_MAX_REPS}
        union all
        select exercise_id, 'max_set_volume', reps * weight_kg, reps, weight_kg, workout_id, started_at, we_pos, set_pos from base where reps is not null and weight_kg is not null
        union all
        select exercise_id, 'max_duration', duration_sec, cast(null as integer), cast(null as double precision), workout_id, started_at, we_pos, set_pos from base where duration_sec is not null
        union all
        select exercise_id, 'max_distance', distance_m, cast(null as integer), cast(null as double precision), workout_id, started_at, we_pos, set_pos from base where distance_m is not null
        union all
        select exercise_id, 'max_workout_volume', sum(reps * weight_kg), cast(null as integer), cast(null as double precision), workout_id, started_at, 0, 0
        from base where reps is not null and weight_kg is not null group by exercise_id, workout_id, started_at
      ), ranked as (
        select c.*, row_number() over (partition by exercise_id, kind order by value desc, started_at, workout_id, we_pos, set_pos) as rn
        from candidates c
      )
      select exercise_id, kind, value, reps, weight_kg, workout_id, started_at as achieved_at from ranked where rn = 1`.execute(db)
    return rows.map(toBest)
  },

  /**
   * bestsFor, plus each of `volumeOf`'s total counted volume in one workout (summed from the
   * maintained workout_exercises totals): one query on the set-logging path.
   */
  async bestsAndVolumes (db: Db, userId: string, exerciseIds: string[], workoutId: string, volumeOf: string[]): Promise<{ bests: Best[], volumes: Map<string, number> }> {
    if (volumeOf.length === 0) return { bests: await this.bestsFor(db, userId, exerciseIds), volumes: new Map() }
    const { rows } = await sql<BestRow>`
      select exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at from exercise_bests
      where user_id = ${userId} and exercise_id in (${sql.join([...new Set(exerciseIds)])})
      union all
      select exercise_id, ${sql.lit(VOLUME_ROW)}, sum(volume_kg), null, null, max(workout_id), '' from workout_exercises
      where workout_id = ${workoutId} and exercise_id in (${sql.join([...new Set(volumeOf)])}) group by exercise_id`.execute(db)
    const volumes = new Map(rows.filter((r) => r.kind === VOLUME_ROW).map((r) => [r.exercise_id, Number(r.value)]))
    return { bests: rows.filter((r) => r.kind !== VOLUME_ROW).map(toBest), volumes }
  }
}
