/**
 * The derived tables this module owns: every row is computed from the base rows (workouts,
 * workout exercises, sets, exercises, goals and their data) and rewritten only here.
 * Derived columns on base tables (workout totals, local dates and weeks, revisions,
 * users.stats_version) are declared with their tables and maintained here too.
 */
export interface ExerciseBestsTable {
  user_id: string
  exercise_id: string
  /** A record kind (src/rules/records.ts). */
  kind: string
  value: number
  reps: number | null
  weight_kg: number | null
  workout_id: string
  /** startedAt of the workout holding the record. */
  achieved_at: string
}

export interface WeeklyTotalsTable {
  user_id: string
  /** ISO week index in the user's time zone (src/rules/calendar.ts). */
  week: number
  workouts: number
  sets: number
  reps: number
  volume_kg: number
  duration_sec: number
}

export interface WeeklyBreakdownsTable {
  user_id: string
  week: number
  /** exercise: key is the exercise id; muscle: key is a primary muscle of the exercises trained. */
  dimension: string
  key: string
  volume_kg: number
  sets: number
  reps: number
  /** Completed workouts that week holding the exercise (or any exercise for the muscle). */
  workouts: number
}

export interface ProjectionTables {
  exercise_bests: ExerciseBestsTable
  weekly_totals: WeeklyTotalsTable
  weekly_breakdowns: WeeklyBreakdownsTable
  change_counters: ChangeCountersTable
  changes: ChangesTable
}

/** A user's change counter (src/projections/changes.ts): the last number given, the highest pruned. */
export interface ChangeCountersTable {
  user_id: string
  seq: number
  pruned_seq: number
}

/** One row per syncable resource: its latest change (an upsert, or a delete as a tombstone). */
export interface ChangesTable {
  user_id: string
  type: string
  resource_id: string
  seq: number
  op: string
  changed_at: string
}
