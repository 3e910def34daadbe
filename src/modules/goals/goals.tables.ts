export interface GoalsTable {
  id: string
  user_id: string
  /** body_metric | exercise_weight | exercise_1rm | exercise_reps | weekly_workouts | custom */
  type: string
  title: string
  metric: string | null
  exercise_id: string | null
  /** increase | decrease */
  direction: string
  start_value: number
  target_value: number
  /** active | achieved | abandoned. currentValue is not stored: it is derived from the data on read. */
  status: string
  /** YYYY-MM-DD */
  deadline: string | null
  achieved_at: string | null
  /** Derived (src/projections): the earliest data time the data reached the target; null when it never did. */
  reach_at: string | null
  created_at: string
  updated_at: string
}

/** Manual progress updates (POST /goals/{id}/progress). */
export interface GoalProgressTable {
  id: string
  goal_id: string
  user_id: string
  value: number
  note: string | null
  recorded_at: string
  created_at: string
}

export interface GoalTables {
  goals: GoalsTable
  goal_progress: GoalProgressTable
}
