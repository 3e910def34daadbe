import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import type { ExerciseBestsTable } from './tables.js'
import { jsonRows, lockKeys, sqlFns } from '../db/sql.js'
import {
  beats, countsForRecords, keepsSet, newRecordsBetween, setCandidates, setVolume,
  type Best, type NewRecord, type RecordKind, type RecordSet
} from '../rules/records.js'
import { roundDerived } from '../rules/rounding.js'

/** The workout that holds sets: bests point at it and take its start as achievedAt. */
export interface HoldingWorkout { id: string, startedAt: string }

type BestRow = Omit<ExerciseBestsTable, 'user_id'>

const num = (v: number | null): number | null => v === null ? null : Number(v)
const toBest = (r: BestRow): Best => ({
  exerciseId: r.exercise_id,
  kind: r.kind as RecordKind,
  value: Number(r.value),
  reps: num(r.reps),
  weightKg: num(r.weight_kg),
  workoutId: r.workout_id,
  achievedAt: r.achieved_at
})
const keyOf = (b: Pick<Best, 'exerciseId' | 'kind'>): string => `${b.exerciseId}:${b.kind}`
const unique = (ids: string[]): string[] => [...new Set(ids)]

/** A running set of bests: a candidate replaces the held one only when it beats it. */
class Standings {
  readonly current: Map<string, Best>
  readonly changed = new Map<string, Best>()

  constructor (held: Best[]) { this.current = new Map(held.map((b) => [keyOf(b), b])) }

  offer (candidate: Best): void {
    if (!beats(candidate, this.current.get(keyOf(candidate)))) return
    this.current.set(keyOf(candidate), candidate)
    this.changed.set(keyOf(candidate), candidate)
  }

  /** Every candidate of one counted set. */
  offerSet (set: RecordSet, at: HoldingWorkout): void {
    for (const { kind, value } of setCandidates(set)) {
      const withSet = keepsSet(kind)
      this.offer({
        exerciseId: set.exerciseId,
        kind,
        value,
        reps: withSet ? set.reps : null,
        weightKg: withSet ? set.weightKg : null,
        workoutId: at.id,
        achievedAt: at.startedAt
      })
    }
  }
}

/**
 * An exercise's bests change one writer at a time: every write that can change them holds a
 * lock on (user, exercise) from before it reads them until it commits (PostgreSQL; SQLite has
 * one writer), so two devices logging the same exercise in two workouts at once never
 * overwrite each other's record.
 */
const lockKey = (userId: string, exerciseId: string): string => `bests:${userId}:${exerciseId}`

export const bests = {
  async lock (db: Db, userId: string, exerciseIds: string[]): Promise<void> {
    await lockKeys(db, exerciseIds.map((id) => lockKey(userId, id)))
  },

  /** The same lock as a select-list item, for a writer's first lookup (saves a statement). */
  lockColumn: (db: Db, userId: RawBuilder<unknown>, exerciseId: RawBuilder<unknown>): RawBuilder<unknown> =>
    sqlFns(db).lockKeyColumn(sql`'bests:' || ${userId} || ':' || ${exerciseId}`),

  async of (db: Db, userId: string, exerciseIds?: string[]): Promise<Best[]> {
    if (exerciseIds?.length === 0) return []
    let query = db.selectFrom('exercise_bests').selectAll().where('user_id', '=', userId)
    if (exerciseIds !== undefined) query = query.where('exercise_id', 'in', unique(exerciseIds))
    return (await query.orderBy('exercise_id').orderBy('kind').execute()).map(toBest)
  },

  /** Of these exercises, those with a best held by this workout (only they can lose one when it changes). */
  async heldBy (db: Db, userId: string, workoutId: string, exerciseIds?: string[]): Promise<string[]> {
    if (exerciseIds?.length === 0) return []
    let query = db.selectFrom('exercise_bests')
      .select('exercise_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('workout_id', '=', workoutId)
    if (exerciseIds !== undefined) query = query.where('exercise_id', 'in', unique(exerciseIds))
    return (await query.execute()).map((r) => r.exercise_id)
  },

  /**
   * Counted sets were added to `workout` (whose totals are current): they can only raise
   * bests, so they are offered against the ≤ 7 stored bests of their exercises, with the
   * workout's new volume per exercise. Never a history scan.
   */
  async offer (
    db: Db,
    userId: string,
    workout: HoldingWorkout,
    sets: RecordSet[],
    prefetched?: HeldAndVolumes
  ): Promise<{ newRecords: NewRecord[], changed: boolean }> {
    const counted = sets.filter(countsForRecords)
    if (counted.length === 0) return { newRecords: [], changed: false }
    const { held, volumes } = prefetched ?? await heldAndVolumes(db, userId, counted, workout.id)
    const standings = new Standings(held)
    for (const set of counted) standings.offerSet(set, workout)
    for (const [exerciseId, value] of volumes) {
      standings.offer({
        exerciseId,
        kind: 'max_workout_volume',
        value,
        reps: null,
        weightKg: null,
        workoutId: workout.id,
        achievedAt: workout.startedAt
      })
    }
    const changed = [...standings.changed.values()]
    await upsert(db, userId, changed)
    return { newRecords: newRecordsBetween(held, changed), changed: changed.length > 0 }
  },

  /**
   * What offer() would read for these sets, as one aggregate column to add to a statement that
   * runs after the workout's totals are current and the bests are locked (the set-logging path
   * reads it in the workout update's RETURNING and saves a round trip); decode with prefetched().
   */
  prefetchColumn (db: Db, userId: string, workoutId: string, sets: RecordSet[]): RawBuilder<unknown> | undefined {
    const { exerciseIds, withVolume } = subjectsOf(sets)
    if (exerciseIds.length === 0) return undefined
    const rows = heldAndVolumesSql(userId, exerciseIds, workoutId, withVolume)
    const values = sqlFns(db).jsonArrays(COLUMNS.map((c) => sql.ref(`x.${c}`)))
    return sql`, (select ${values} from (${rows}) x) as bests_prefetch`
  },

  prefetched: (value: unknown): HeldAndVolumes => toHeldAndVolumes(jsonRows(value).map((r) =>
    Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])) as unknown as BestRow)),

  /** Recomputes these exercises' bests (all the user's when undefined) from every counted set in their history. */
  async recompute (
    db: Db,
    userId: string,
    exerciseIds?: string[]
  ): Promise<{ newRecords: NewRecord[], changed: boolean }> {
    const ids = exerciseIds === undefined ? undefined : unique(exerciseIds)
    if (ids?.length === 0) return { newRecords: [], changed: false }
    const before = await this.of(db, userId, ids)
    const after = await fromHistory(db, userId, ids)
    const same = JSON.stringify(sortBests(before)) === JSON.stringify(sortBests(after))
    if (!same) {
      let del = db.deleteFrom('exercise_bests').where('user_id', '=', userId)
      if (ids !== undefined) del = del.where('exercise_id', 'in', ids)
      await del.execute()
      for (let i = 0; i < after.length; i += 500) await upsert(db, userId, after.slice(i, i + 500))
    }
    return { newRecords: newRecordsBetween(before, after), changed: !same }
  }
}

const sortBests = (list: Best[]): Best[] =>
  list.toSorted((a, b) => keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)

/** The stored bests of these exercises and, for `volumeOf`, their total counted volume in one workout: one query. */
/** Held bests of some exercises, and their total counted volume in one workout. */
export interface HeldAndVolumes { held: Best[], volumes: Map<string, number> }

/**
 * The stored bests of these exercises and, for `volumeOf`, their total counted volume in one
 * workout, as rows of one union (`@volume` rows carry a volume).
 */
function heldAndVolumesSql (
  userId: string,
  exerciseIds: string[],
  workoutId: string,
  volumeOf: string[]
): RawBuilder<BestRow> {
  const volumeRows = volumeOf.length === 0
    ? sql``
    : sql`union all select exercise_id, '@volume', sum(volume_kg), null, null, max(workout_id), ''
      from workout_exercises
      where workout_id = ${workoutId} and exercise_id in (${sql.join(volumeOf)}) group by exercise_id`
  return sql<BestRow>`
    select exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at from exercise_bests
    where user_id = ${userId} and exercise_id in (${sql.join(exerciseIds)})
    ${volumeRows}`
}

function toHeldAndVolumes (rows: BestRow[]): HeldAndVolumes {
  const volumes = new Map(rows
    .filter((r) => r.kind === '@volume')
    .map((r) => [r.exercise_id, roundDerived(Number(r.value))]))
  return { held: rows.filter((r) => r.kind !== '@volume').map(toBest), volumes }
}

/** What an offer of these sets reads: one query. */
async function heldAndVolumes (db: Db, userId: string, sets: RecordSet[], workoutId: string): Promise<HeldAndVolumes> {
  const { exerciseIds, withVolume } = subjectsOf(sets)
  return toHeldAndVolumes((await heldAndVolumesSql(userId, exerciseIds, workoutId, withVolume).execute(db)).rows)
}

const subjectsOf = (sets: RecordSet[]): { exerciseIds: string[], withVolume: string[] } => {
  const counted = sets.filter(countsForRecords)
  return {
    exerciseIds: unique(counted.map((s) => s.exerciseId)),
    withVolume: unique(counted.filter((s) => setVolume(s) !== null).map((s) => s.exerciseId))
  }
}

const COLUMNS = ['exercise_id', 'kind', 'value', 'reps', 'weight_kg', 'workout_id', 'achieved_at'] as const

interface HistoryRow {
  exercise_id: string,
  workout_id: string,
  started_at: string,
  we_id: string,
  we_volume: number
  type: string,
  reps: number | null,
  weight_kg: number | null,
  duration_sec: number | null,
  distance_m: number | null
}

async function fromHistory (db: Db, userId: string, exerciseIds: string[] | undefined): Promise<Best[]> {
  const only = exerciseIds === undefined ? sql`` : sql` and we.exercise_id in (${sql.join(exerciseIds)})`
  const { rows } = await sql<HistoryRow>`
    select we.exercise_id, w.id as workout_id, w.started_at, we.id as we_id, we.volume_kg as we_volume,
           s.type, s.reps, s.weight_kg, s.duration_sec, s.distance_m
    from workout_exercises we join workouts w on w.id = we.workout_id join sets s on s.workout_exercise_id = we.id
    where we.user_id = ${userId}${only} and s.completed = 1 and s.type <> 'warmup'
    order by w.started_at, w.id, we.position, s.position`.execute(db)
  const standings = new Standings([])
  // A workout's volume of an exercise: the sum of its workout exercises' maintained volumes, in order.
  const volumes = new Map<string, {
    at: HoldingWorkout
    exerciseId: string
    seen: Set<string>
    sum: number
    hasVolume: boolean
  }>()
  for (const r of rows) {
    const set: RecordSet = {
      exerciseId: r.exercise_id,
      type: r.type,
      completed: true,
      reps: num(r.reps),
      weightKg: num(r.weight_kg),
      durationSec: num(r.duration_sec),
      distanceM: num(r.distance_m)
    }
    const at = { id: r.workout_id, startedAt: r.started_at }
    standings.offerSet(set, at)
    const key = `${r.exercise_id}:${r.workout_id}`
    const v = volumes.get(key) ?? { at, exerciseId: r.exercise_id, seen: new Set<string>(), sum: 0, hasVolume: false }
    volumes.set(key, v)
    if (!v.seen.has(r.we_id)) { v.seen.add(r.we_id); v.sum += Number(r.we_volume) }
    if (setVolume(set) !== null) v.hasVolume = true
  }
  for (const v of volumes.values()) {
    if (!v.hasVolume) continue
    standings.offer({
      exerciseId: v.exerciseId,
      kind: 'max_workout_volume',
      value: roundDerived(v.sum),
      reps: null,
      weightKg: null,
      workoutId: v.at.id,
      achievedAt: v.at.startedAt
    })
  }
  return [...standings.current.values()]
}

async function upsert (db: Db, userId: string, list: Best[]): Promise<void> {
  if (list.length === 0) return
  const rows = list.map((b) => sql`(${userId}, ${b.exerciseId}, ${b.kind}, ${b.value}, ${b.reps}, ${b.weightKg},
    ${b.workoutId}, ${b.achievedAt})`)
  // SQL text: on the set-logging path a growing session beats its workout-volume best with
  // almost every set, and building this upsert with the query builder cost more than running it.
  await sql`insert into exercise_bests (user_id, exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at)
    values ${sql.join(rows)}
    on conflict (user_id, exercise_id, kind) do update set value = excluded.value, reps = excluded.reps,
      weight_kg = excluded.weight_kg, workout_id = excluded.workout_id, achieved_at = excluded.achieved_at`.execute(db)
}
