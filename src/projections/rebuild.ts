import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { isPostgres, sqlFns } from '../db/sql.js'
import { bests } from './bests.js'
import { fileWorkouts } from './calendar.js'
import { evaluateGoals } from './goals.js'
import { refreshExerciseTotals, refreshWorkoutTotals } from './totals.js'
import { versions } from './versions.js'
import { refreshWeeks } from './weeks.js'

/** How many derived rows a rebuild found different from what it recomputed, per kind. */
export interface RebuildReport {
  workouts: number
  workoutExercises: number
  bests: number
  weeks: number
  breakdowns: number
  goals: number
  /** Any of the above. The read models (stored documents, cached statistics) were retired then. */
  changed: boolean
}

type Rows = Array<Record<string, unknown>>

/** Every derived value of one user, each table's rows keyed and in a fixed order. */
async function snapshot (db: Db, userId: string): Promise<Record<Exclude<keyof RebuildReport, 'changed'>, Rows>> {
  const q = async (text: ReturnType<typeof sql>): Promise<Rows> => (await text.execute(db)).rows as Rows
  return {
    workouts: await q(sql`select id as k, local_date, local_week, exercise_count, set_count, reps, volume_kg
      from workouts where user_id = ${userId} order by id`),
    workoutExercises: await q(sql`select id as k, set_count, reps, volume_kg from workout_exercises
      where user_id = ${userId} order by id`),
    bests: await q(sql`select exercise_id || ':' || kind as k, value, reps, weight_kg, workout_id, achieved_at
      from exercise_bests where user_id = ${userId} order by exercise_id, kind`),
    weeks: await q(sql`select week as k, workouts, sets, reps, volume_kg, duration_sec from weekly_totals
      where user_id = ${userId} order by week`),
    breakdowns: await q(sql`select dimension || ':' || week || ':' || key as k, volume_kg, sets, reps, workouts
      from weekly_breakdowns where user_id = ${userId} order by dimension, week, key`),
    goals: await q(sql`select id as k, status, achieved_at, reach_at from goals where user_id = ${userId} order by id`)
  }
}

/**
 * Sums of doubles are stored as the database adds them, and it may add the same rows in
 * another order for one workout than for a whole history: numbers that agree to 1e-9 (far
 * below the 6 decimals answers are rounded to) are the same number.
 */
const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : a === b

/** Rows added, removed or different between two keyed lists. */
function differences (before: Rows, after: Rows): number {
  const was = new Map(before.map((r) => [String(r.k), r]))
  let n = 0
  for (const row of after) {
    const old = was.get(String(row.k))
    if (old === undefined || Object.keys(row).some((c) => !same(row[c], old[c]))) n++
    was.delete(String(row.k))
  }
  return n + was.size
}

/**
 * Holds off every training write of one user until commit (PostgreSQL; SQLite has one writer):
 * their workouts, then the user's row FOR UPDATE, which also waits for writes creating new
 * workouts (their insert holds a KEY SHARE on the user through its foreign key). Writes lock a
 * workout first and the user's row after it, so this order never deadlocks with them.
 */
export async function lockHistory (db: Db, userId: string): Promise<void> {
  await sql`select id from workouts where user_id = ${userId} order by id${sqlFns(db).forUpdate()}`.execute(db)
  if (isPostgres(db)) await sql`select id from users where id = ${userId} for update`.execute(db)
}

/**
 * Recomputes every derived value of one user from the base rows, through the same steps and
 * in the same order as the writes (src/projections/index.ts), and reports what differed. On a
 * healthy database it changes nothing; it retires the user's read models only when it did.
 * Safe beside a running server: it holds off the user's writes while it works.
 */
export async function rebuildUser (db: Db, userId: string): Promise<RebuildReport> {
  await lockHistory(db, userId)
  const before = await snapshot(db, userId)
  await fileWorkouts(db, userId)
  await refreshExerciseTotals(db, userId)
  await refreshWorkoutTotals(db, userId, undefined)
  await bests.recompute(db, userId)
  await refreshWeeks(db, userId)
  const goals = await db.selectFrom('goals').select('id').where('user_id', '=', userId).execute()
  if (goals.length > 0) await evaluateGoals(db, userId, { goalIds: goals.map((g) => g.id) })
  const after = await snapshot(db, userId)
  const report: RebuildReport = {
    workouts: differences(before.workouts, after.workouts),
    workoutExercises: differences(before.workoutExercises, after.workoutExercises),
    bests: differences(before.bests, after.bests),
    weeks: differences(before.weeks, after.weeks),
    breakdowns: differences(before.breakdowns, after.breakdowns),
    goals: differences(before.goals, after.goals),
    changed: false
  }
  report.changed = Object.values(report).some((v) => typeof v === 'number' && v > 0)
  if (report.changed) {
    await sql`update workouts set revision = revision + 1 where user_id = ${userId}`.execute(db)
    await versions.statsChanged(db, userId)
  }
  return report
}
