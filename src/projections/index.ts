import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { recordSetOf, type NewRecord, type RecordSet, type SetColumns } from '../rules/records.js'
import { bests } from './bests.js'
import { fileWorkouts } from './calendar.js'
import { evaluateGoals } from './goals.js'
import { rebuildUser, type RebuildReport } from './rebuild.js'
import {
  addToTotals,
  refreshExerciseTotals,
  refreshWorkoutTotals,
  type TotalsDelta,
  type WorkoutState
} from './totals.js'
import { versions } from './versions.js'
import { refreshWeeks, weeksUsing } from './weeks.js'

export type { RebuildReport } from './rebuild.js'
/** For a writer's first lookup: takes the lock on an exercise's bests (then pass it in lockedExercises). */
export const lockBestsColumn = bests.lockColumn

/**
 * The one owner of derived state. Every write of training data, body metrics, goals,
 * exercises or a user's time zone calls one of these inside its own transaction, which brings
 * everything derived from what it changed up to date before the transaction commits, always
 * in this order (each step reads what the steps before it wrote):
 *
 *   1. calendar  workouts.local_date / local_week: the start in the user's time zone
 *   2. totals    workout exercise totals, then workout totals (and the workout's revision,
 *                which retires its stored document, and its updatedAt)
 *   3. bests     exercise_bests, incrementally when sets were only added, else recomputed
 *                from the history of the exercises that can have lost a best
 *   4. weeks     weekly_totals and weekly_breakdowns of every week the change touched
 *   5. goals     goal achievement (status, achievedAt, reach_at) of the goals the data can move
 *   6. versions  users.stats_version when statistics changed (retires cached statistics)
 *
 * This module depends on src/db, src/lib and the pure rules in src/rules only (lint enforces
 * it); features call it, it never calls them. rebuildUser recomputes all of it from the base rows (the oracle of the
 * tests and `npm run rebuild`).
 */

/** A workout a write touched. */
export interface TouchedWorkout {
  id: string
  /**
   * The workout as it was before the write, when the write created it (null), deleted it, or
   * changed its start or status. Absent when only what is below it changed.
   */
  before?: { startedAt: string, status: string, localWeek: number | null } | null
  deleted?: boolean
  /** A deleted workout's exercises (its rows are gone by now). */
  exerciseIds?: string[]
}

export interface TrainingChange {
  workouts: TouchedWorkout[]
  /** Workout exercises whose sets changed, or that were added (their totals are recomputed). */
  workoutExercises?: string[]
  /**
   * Instead of the above, for a write that only added sets to one workout (logging a set): the
   * sets, by workout exercise. Totals take them as increments and records as offers.
   */
  addedSets?: { workoutId: string, sets: Array<{ workoutExerciseId: string, set: RecordSet }> }
  /** Sets the write added to a workout, or that now count there (completed): records can only rise. */
  appended?: Array<{ workoutId: string, sets: RecordSet[] }>
  /** Exercises whose counted sets in a workout were edited, removed, un-completed or re-assigned. */
  revised?: Array<{ workoutId: string, exerciseIds: string[] }>
  /** Set by a writer that knows the user has no goal the change could move (saves a lookup). */
  noGoals?: boolean
  /** Exercises whose bests lock the writer already holds (bests.lockColumn in its lookup). */
  lockedExercises?: string[]
}

const unique = <T>(items: T[]): T[] => [...new Set(items)]

export const projections = {
  /** After any write to workouts, their exercises or sets. Answers the records the write beat. */
  async training (
    trx: Db,
    userId: string,
    change: TrainingChange,
    now = new Date().toISOString()
  ): Promise<{ newRecords: NewRecord[] }> {
    const live = change.workouts.filter((w) => w.deleted !== true)
    await fileWorkouts(trx, userId, live.filter((w) => w.before !== undefined).map((w) => w.id))
    const added = change.addedSets
    let states: WorkoutState[]
    if (added === undefined) {
      await refreshExerciseTotals(trx, userId, change.workoutExercises ?? [])
      states = await refreshWorkoutTotals(trx, userId, live.map((w) => w.id), now)
    } else {
      states = await addToTotals(trx, userId, added.workoutId, deltasOf(added.sets), now)
    }
    const byId = new Map(states.map((s) => [s.id, s]))

    // Added sets are offered to the records like any other appended ones.
    const offered = added === undefined
      ? change
      : {
          ...change,
          appended: [
            ...(change.appended ?? []),
            { workoutId: added.workoutId, sets: added.sets.map((a) => a.set) }
          ]
        }
    const { newRecords, changed: bestsChanged, exerciseIds } = await updateBests(trx, userId, offered, byId)
    const weeks = touchedWeeks(change.workouts, byId)
    await refreshWeeks(trx, userId, weeks)
    if (change.noGoals !== true) {
      const times = unique(change.workouts.flatMap((w) =>
        [w.before?.startedAt, byId.get(w.id)?.startedAt].filter((t) => t !== undefined)))
      const weekly = change.workouts.some((w) =>
        w.before !== undefined && (w.before?.status === 'completed' || byId.get(w.id)?.status === 'completed'))
      await evaluateGoals(trx, userId, { exerciseIds, weekly, times })
    }
    if (bestsChanged || weeks.length > 0) await versions.statsChanged(trx, userId)
    return { newRecords }
  },

  /**
   * A custom exercise (with `userId`) or library exercises (every user) changed their name,
   * tracking or muscles: the documents that show them go stale, and with new muscles the
   * weekly volume by muscle of every week that trained them is recomputed.
   */
  async exercisesChanged (trx: Db, exerciseIds: string[], opts: { userId?: string, muscles: boolean }): Promise<void> {
    if (exerciseIds.length === 0) return
    await versions.workoutsUsing(trx, exerciseIds, opts.userId)
    if (opts.muscles) {
      for (const [user, weeks] of await weeksUsing(trx, exerciseIds, opts.userId)) await refreshWeeks(trx, user, weeks)
    }
    await versions.statsChanged(trx, opts.userId)
  },

  /** A progress log of `metric` was written; `times` are its measuredAt before and after. */
  async progressLog (trx: Db, userId: string, metric: string, times: string[]): Promise<void> {
    await evaluateGoals(trx, userId, { metric, times })
  },

  /**
   * A goal was created, retargeted or reopened (`times` undefined: judged on its whole
   * history), or got a manual update at `times`.
   */
  async goal (trx: Db, userId: string, goalId: string, times?: string[]): Promise<void> {
    await evaluateGoals(trx, userId, { goalIds: [goalId], times })
  },

  /** The user's time zone changed: every date and week is filed again, through the rebuild. */
  async timeZone (trx: Db, userId: string): Promise<void> {
    await rebuildUser(trx, userId)
    // The current week (streaks, weekly goals) moves with the zone even when no workout does.
    await versions.statsChanged(trx, userId)
  },

  rebuildUser: async (trx: Db, userId: string): Promise<RebuildReport> => await rebuildUser(trx, userId)
}

/** Step 3: which bests can have changed, and how to bring them up to date. */
async function updateBests (trx: Db, userId: string, change: TrainingChange, states: Map<string, WorkoutState>) {
  const moved = new Set<string>()
  for (const w of change.workouts) {
    // A new start moves achievedAt and can decide ties: every exercise of the workout.
    if (w.deleted !== true && w.before != null && w.before.startedAt !== states.get(w.id)?.startedAt) {
      for (const id of await exercisesOf(trx, w.id)) moved.add(id)
    }
  }
  const touched = new Set([
    ...moved,
    ...change.workouts.flatMap((w) => w.deleted === true ? w.exerciseIds ?? [] : []),
    ...(change.appended ?? []).flatMap((a) => a.sets.map((s) => s.exerciseId)),
    ...(change.revised ?? []).flatMap((r) => r.exerciseIds)
  ])
  const locked = new Set(change.lockedExercises ?? [])
  await bests.lock(trx, userId, [...touched].filter((id) => !locked.has(id)))

  const recompute = new Set(moved)
  for (const w of change.workouts.filter((x) => x.deleted === true)) {
    for (const id of await bests.heldBy(trx, userId, w.id)) recompute.add(id)
  }
  const offers: Array<{ workoutId: string, sets: RecordSet[] }> = [...(change.appended ?? [])]
  for (const r of change.revised ?? []) {
    const held = new Set(await bests.heldBy(trx, userId, r.workoutId, r.exerciseIds))
    for (const id of held) recompute.add(id)
    const rest = r.exerciseIds.filter((id) => !held.has(id))
    if (rest.length > 0) offers.push({ workoutId: r.workoutId, sets: await countedSets(trx, r.workoutId, rest) })
  }
  const recomputed = await bests.recompute(trx, userId, [...recompute])
  const newRecords = [...recomputed.newRecords]
  let changed = recomputed.changed
  for (const offer of offers) {
    const sets = offer.sets.filter((s) => !recompute.has(s.exerciseId))
    const state = states.get(offer.workoutId)
    if (sets.length === 0 || state === undefined) continue
    const result = await bests.offer(trx, userId, { id: state.id, startedAt: state.startedAt }, sets)
    newRecords.push(...result.newRecords)
    changed ||= result.changed
  }
  return { newRecords, changed, exerciseIds: [...touched] }
}

/** Step 2, for added sets: what they add to each workout exercise, counted as the totals count. */
function deltasOf (sets: Array<{ workoutExerciseId: string, set: RecordSet }>): TotalsDelta[] {
  const byExercise = new Map<string, TotalsDelta>()
  for (const { workoutExerciseId, set } of sets) {
    if (!set.completed) continue
    const d = byExercise.get(workoutExerciseId) ?? { workoutExerciseId, sets: 0, reps: 0, volume: 0 }
    d.sets++
    d.reps += set.reps ?? 0
    if (set.type !== 'warmup' && set.reps !== null && set.weightKg !== null) d.volume += set.reps * set.weightKg
    byExercise.set(workoutExerciseId, d)
  }
  return [...byExercise.values()]
}

/** Step 4: the weeks whose completed workouts changed, before and after the write. */
function touchedWeeks (workouts: TouchedWorkout[], states: Map<string, WorkoutState>): number[] {
  const weeks: number[] = []
  for (const w of workouts) {
    const now = states.get(w.id)
    if (now?.status === 'completed' && now.localWeek !== null) weeks.push(now.localWeek)
    if (w.before?.status === 'completed' && w.before.localWeek !== null) weeks.push(w.before.localWeek)
  }
  return unique(weeks)
}

async function exercisesOf (trx: Db, workoutId: string): Promise<string[]> {
  const rows = await trx.selectFrom('workout_exercises')
    .select('exercise_id')
    .distinct()
    .where('workout_id', '=', workoutId)
    .execute()
  return rows.map((r) => r.exercise_id)
}

/** The sets of these exercises in one workout, in order, as records see them. */
async function countedSets (trx: Db, workoutId: string, exerciseIds: string[]): Promise<RecordSet[]> {
  const { rows } = await sql<SetColumns & { exercise_id: string }>`
    select we.exercise_id, s.type, s.completed, s.reps, s.weight_kg, s.duration_sec, s.distance_m
    from workout_exercises we join sets s on s.workout_exercise_id = we.id
    where we.workout_id = ${workoutId} and we.exercise_id in (${sql.join(exerciseIds)})
    order by we.position, s.position`.execute(trx)
  return rows.map((r) => recordSetOf(r, r.exercise_id))
}
