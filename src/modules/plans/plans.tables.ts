export interface PlansTable {
  id: string
  user_id: string
  name: string
  description: string | null
  goal: string
  days_per_week: number
  session_duration_min: number
  /** JSON text array of exercise categories. */
  exercise_types: string
  /** 0/1; at most one active plan per user (partial unique index). */
  is_active: number
  created_at: string
  updated_at: string
}

export interface PlanDaysTable {
  id: string
  plan_id: string
  /** Copied from the plan so ownership checks need no join. */
  user_id: string
  name: string
  /** 0-based and dense within the plan. */
  position: number
  /** 1 = Monday … 7, or null. */
  weekday: number | null
}

export interface PlanItemsTable {
  id: string
  day_id: string
  plan_id: string
  user_id: string
  exercise_id: string
  /** 0-based and dense within the day. */
  position: number
  sets: number
  reps: number | null
  reps_min: number | null
  reps_max: number | null
  weight_kg: number | null
  duration_sec: number | null
  distance_m: number | null
  rest_sec: number
  superset_group: number | null
  notes: string | null
  /** JSON text of the item's progression rule (plans.progression.ts), or null. */
  progression: string | null
  /** 0/1: a start puts warm-up sets before the working sets. */
  warmup_sets: number
}

export interface PlanTables {
  plans: PlansTable
  plan_days: PlanDaysTable
  plan_items: PlanItemsTable
}
