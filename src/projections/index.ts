import type { Db } from '../db/schema.js'
import type { NewRecord, RecordSet } from '../rules/records.js'
import { bests } from './bests.js'
import { changes, type ChangeRef } from './changes.js'
import { evaluateGoals, goalsMovedBy } from './goals.js'
import { lockHistory, rebuildUser, type RebuildReport } from './rebuild.js'
import { applyTraining } from './training.js'
import { versions } from './versions.js'
import { refreshWeeks, weeksUsing } from './weeks.js'

export type { RebuildReport } from './rebuild.js'
export type { ChangeRef, ChangeType } from './changes.js'
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
 *   7. changes   the change feed and ETags (changes.ts): every resource whose representation the
 *                write changed, numbered by the user's counter, taken as the transaction's last lock
 *
 * So every writer calls exactly one of these, as the last step of its transaction (`changed` for
 * writes with no other derived state: plans, goal deletes, the user's profile).
 * This module depends on src/db, src/lib and the pure rules in src/rules only (lint enforces
 * it); features call it, it never calls them. The training steps are in training.ts.
 * rebuildUser recomputes all of it from the base rows (the oracle of the tests and
 * `npm run rebuild`).
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

export const projections = {
  /** After any write to workouts, their exercises or sets. Answers the records the write beat. */
  async training (trx: Db, userId: string, change: TrainingChange, now?: string): Promise<{ newRecords: NewRecord[] }> {
    const { newRecords, goalScope } = await applyTraining(trx, userId, change, now)
    const goals = goalScope === undefined ? [] : await goalsMovedBy(trx, userId, goalScope)
    await changes.record(trx, userId, [
      ...change.workouts.map((w): ChangeRef =>
        ({ type: 'workout', id: w.id, op: w.deleted === true ? 'delete' : 'upsert' })),
      ...goals.map((id): ChangeRef => ({ type: 'goal', id }))
    ])
    return { newRecords }
  },

  /** A write with no other derived state changed these resources (and `also` what they show). */
  async changed (trx: Db, userId: string, refs: ChangeRef[]): Promise<void> {
    await changes.record(trx, userId, refs)
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
    // A custom exercise's own feed; library changes (a new release) are not replayed into every user's feed.
    if (opts.userId !== undefined) {
      await changes.record(trx, opts.userId, [
        ...exerciseIds.map((id): ChangeRef => ({ type: 'exercise', id })),
        ...await changes.showing(trx, opts.userId, exerciseIds)
      ])
    }
  },

  /** A progress log of `metric` was written; `times` are its measuredAt before and after. */
  async progressLog (trx: Db, userId: string, log: ChangeRef, metric: string, times: string[]): Promise<void> {
    await evaluateGoals(trx, userId, { metric, times })
    const goals = await goalsMovedBy(trx, userId, { metric })
    await changes.record(trx, userId, [log, ...goals.map((id): ChangeRef => ({ type: 'goal', id }))])
  },

  /**
   * A goal was created, retargeted or reopened (`times` undefined: judged on its whole
   * history), or got a manual update at `times`. `record: false` only inside a write that records
   * its changes itself, once, at its end (an import, through rebuildUser with refs).
   */
  async goal (
    trx: Db,
    userId: string,
    goalId: string,
    times?: string[],
    opts: { record?: boolean } = {}
  ): Promise<void> {
    await evaluateGoals(trx, userId, { goalIds: [goalId], times })
    if (opts.record !== false) await changes.record(trx, userId, [{ type: 'goal', id: goalId }])
  },

  /**
   * Before a write that re-files the user's whole history (a new time zone): holds off their
   * training writes, in the order those take their locks. Call it before changing the user's row.
   */
  lockHistory: async (trx: Db, userId: string): Promise<void> => { await lockHistory(trx, userId) },

  /** The user's time zone changed: every date and week is filed again, through the rebuild. */
  async timeZone (trx: Db, userId: string): Promise<void> {
    await rebuildUser(trx, userId)
    // The current week (streaks, weekly goals) moves with the zone even when no workout does.
    await versions.statsChanged(trx, userId)
    const goals = await goalsMovedBy(trx, userId, { weekly: true })
    await changes.record(trx, userId, [
      { type: 'user', id: userId },
      ...goals.map((id): ChangeRef => ({ type: 'goal', id }))
    ])
  },

  /**
   * Everything derived, from the base rows; `refs` (the resources the caller wrote, e.g. an import's) are
   * recorded with every goal, whose values the rebuilt history can move.
   */
  async rebuildUser (trx: Db, userId: string, refs?: ChangeRef[]): Promise<RebuildReport> {
    const report = await rebuildUser(trx, userId)
    if (refs !== undefined) {
      const goals = await trx.selectFrom('goals').select('id').where('user_id', '=', userId).execute()
      await changes.record(trx, userId, [...refs, ...goals.map((g): ChangeRef => ({ type: 'goal', id: g.id }))])
    }
    return report
  }
}
