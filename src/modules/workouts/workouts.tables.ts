import type { Generated } from 'kysely'
import type { WorkoutDocumentsTable } from './workout-documents.js'

export interface WorkoutsTable {
  id: string
  user_id: string
  name: string
  notes: string | null
  started_at: string
  ended_at: string | null
  status: string
  plan_id: string | null
  plan_day_id: string | null
  /**
   * Derived (src/projections): exercises, completed sets (warm-ups included), their reps, and volume without
   * warm-ups.
   */
  exercise_count: number
  set_count: number
  reps: number
  volume_kg: number
  created_at: string
  updated_at: string
  /** Derived (src/projections): started_at's calendar date and ISO week in the user's time zone. */
  local_date: string | null
  local_week: number | null
  /** Bumped by every write to the workout, its exercises or sets (see workout-documents.ts). */
  revision: Generated<number>
}

export interface WorkoutExercisesTable {
  id: string
  workout_id: string
  user_id: string
  exercise_id: string
  position: number
  notes: string | null
  rest_sec: number | null
  superset_group: number | null
  /** The plan item a plan-day start made this from (progression reads it), or null. Not in the API shape. */
  plan_item_id: string | null
  /** Derived (src/projections), as on workouts. */
  set_count: number
  reps: number
  volume_kg: number
}

export interface SetsTable {
  id: string
  workout_exercise_id: string
  user_id: string
  position: number
  type: string
  reps: number | null
  weight_kg: number | null
  duration_sec: number | null
  distance_m: number | null
  rpe: number | null
  /** 0/1 */
  completed: number
  completed_at: string | null
  target_reps: number | null
  target_weight_kg: number | null
  target_duration_sec: number | null
  target_distance_m: number | null
  note: string | null
}

export interface WorkoutTables {
  workouts: WorkoutsTable
  workout_exercises: WorkoutExercisesTable
  sets: SetsTable
  workout_documents: WorkoutDocumentsTable
}
