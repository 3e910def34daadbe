import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'

/** What the later steps need of a workout whose totals were just made current. */
export interface WorkoutState { id: string, status: string, startedAt: string, localWeek: number | null }

/** `and id in (ids)`, or nothing for all of the user's rows (a rebuild). */
const only = (ids: string[] | undefined): RawBuilder<unknown> =>
  ids === undefined ? sql`` : sql` and id in (${sql.join([...new Set(ids)])})`

// Counted like the contract's summaries: completed sets and their reps, warm-ups included;
// volume without warm-ups. Each total is recomputed from its rows (≤ 100), never adjusted by a
// delta, so it is the number a rebuild gets. Sums are stored as the database adds them and
// rounded when answered (src/rules/rounding.ts), so every rounding is JavaScript's. SQL text:
// both run in every set write, where building them with the query builder cost more than
// running them.

/** Recomputes the totals of these workout exercises (ids) or of all the user's. */
export async function refreshExerciseTotals (db: Db, userId: string, ids?: string[]): Promise<void> {
  if (ids?.length === 0) return
  await sql`update workout_exercises set
    set_count = (select count(*) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    reps = (select coalesce(sum(s.reps), 0) from sets s
      where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    volume_kg = (select coalesce(sum(s.reps * s.weight_kg), 0) from sets s
      where s.workout_exercise_id = workout_exercises.id and s.completed = 1 and s.type <> 'warmup')
    where user_id = ${userId}${only(ids)}`.execute(db)
}

/** What the workout updates answer (RETURNING). */
interface StateRow { id: string, status: string, started_at: string, local_week: number | null }

const toState = (r: StateRow): WorkoutState => ({
  id: r.id,
  status: r.status,
  startedAt: r.started_at,
  localWeek: r.local_week === null ? null : Number(r.local_week)
})

/** What sets added to one workout exercise add to its totals (and its workout's). */
export interface TotalsDelta { workoutExerciseId: string, sets: number, reps: number, volume: number }

/**
 * Sets were added and nothing else changed below the workout (the set-logging path): their
 * counts and volume are added to the totals, which is what recomputing them would give (up to
 * the order a sum of doubles is added in, far below the 6 decimals answers are rounded to),
 * for less work. The workout's revision is bumped and updatedAt stamped in the same statement,
 * which also answers `also` (columns a later step reads now, to save it a round trip).
 */
export async function addToTotals (
  db: Db,
  userId: string,
  workoutId: string,
  deltas: TotalsDelta[],
  revisedAt: string,
  also: RawBuilder<unknown> = sql``
): Promise<Array<WorkoutState & { also: Record<string, unknown> }>> {
  const total = { sets: 0, reps: 0, volume: 0 }
  for (const d of deltas) {
    if (d.sets === 0) continue
    await sql`update workout_exercises
      set set_count = set_count + ${d.sets}, reps = reps + ${d.reps}, volume_kg = volume_kg + ${d.volume}
      where id = ${d.workoutExerciseId} and user_id = ${userId}`.execute(db)
    total.sets += d.sets
    total.reps += d.reps
    total.volume += d.volume
  }
  const { rows } = await sql<StateRow & Record<string, unknown>>`update workouts set
    set_count = set_count + ${total.sets}, reps = reps + ${total.reps}, volume_kg = volume_kg + ${total.volume},
    revision = revision + 1, updated_at = ${revisedAt}
    where id = ${workoutId} and user_id = ${userId}
    returning id, status, started_at, local_week${also}`.execute(db)
  return rows.map((r) => ({ ...toState(r), also: r }))
}

/**
 * Recomputes the totals of these workouts (or all the user's). With `revisedAt` it also bumps
 * their revision, which retires their stored documents (workout-documents.ts), and stamps
 * updatedAt, in the same statement.
 */
export async function refreshWorkoutTotals (
  db: Db,
  userId: string,
  ids: string[] | undefined,
  revisedAt?: string
): Promise<WorkoutState[]> {
  if (ids?.length === 0) return []
  const revision = revisedAt === undefined ? sql`` : sql`, revision = revision + 1, updated_at = ${revisedAt}`
  const { rows } = await sql<StateRow>`update workouts set
    exercise_count = (select count(*) from workout_exercises we where we.workout_id = workouts.id),
    set_count = (select coalesce(sum(we.set_count), 0) from workout_exercises we where we.workout_id = workouts.id),
    reps = (select coalesce(sum(we.reps), 0) from workout_exercises we where we.workout_id = workouts.id),
    volume_kg = (select coalesce(sum(we.volume_kg), 0) from workout_exercises we
      where we.workout_id = workouts.id)${revision}
    where user_id = ${userId}${only(ids)}
    returning id, status, started_at, local_week`.execute(db)
  return rows.map(toState)
}
