import type { Selectable } from 'kysely'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { toExerciseRef } from '../exercises/exercises.repository.js'
import { recordSetOf, type RecordSet } from '../../rules/records.js'
import { roundDerived } from '../../rules/rounding.js'
import type { SetDto, WorkoutDto, WorkoutExerciseDto, WorkoutSummaryDto } from './workouts.schemas.js'
import type { SetsTable, WorkoutExercisesTable, WorkoutsTable } from './workouts.tables.js'

/** Rows → API shapes, shared by reads and by creates (which answer without reading back). */
/** A workout's own columns (its revision and calendar filing are src/projections' business). */
export type WorkoutRow = Omit<Selectable<WorkoutsTable>, 'revision' | 'local_date' | 'local_week'>
export type WorkoutExerciseRow = Selectable<WorkoutExercisesTable>
export type SetRow = Selectable<SetsTable>
/** A workout_exercises row with the exercise it uses (joined, or from the validation lookup). */
export type WorkoutExerciseWithRef = WorkoutExerciseRow & { exercise: Pick<ExerciseRow, 'id' | 'name' | 'tracking'> }

const num = (v: number | null): number | null => v === null ? null : Number(v)

export const toSetDto = (r: SetRow): SetDto => ({
  id: r.id,
  position: Number(r.position),
  type: r.type as SetDto['type'],
  reps: num(r.reps),
  weightKg: num(r.weight_kg),
  durationSec: num(r.duration_sec),
  distanceM: num(r.distance_m),
  rpe: num(r.rpe),
  completed: Number(r.completed) === 1,
  completedAt: r.completed_at,
  targetReps: num(r.target_reps),
  targetWeightKg: num(r.target_weight_kg),
  targetDurationSec: num(r.target_duration_sec),
  targetDistanceM: num(r.target_distance_m),
  note: r.note
})

export const toWorkoutExerciseDto = (r: WorkoutExerciseWithRef, sets: SetRow[]): WorkoutExerciseDto => ({
  id: r.id,
  exerciseId: r.exercise_id,
  exercise: toExerciseRef(r.exercise),
  position: Number(r.position),
  notes: r.notes,
  restSec: num(r.rest_sec),
  supersetGroup: num(r.superset_group),
  sets: sets.map(toSetDto)
})

export const toSummary = (r: Pick<
  WorkoutRow,
  'id' | 'name' | 'started_at' | 'ended_at' | 'status' | 'exercise_count' | 'set_count' | 'volume_kg'
>): WorkoutSummaryDto => ({
  id: r.id,
  name: r.name,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  status: r.status as WorkoutSummaryDto['status'],
  exerciseCount: Number(r.exercise_count),
  setCount: Number(r.set_count),
  volumeKg: roundDerived(Number(r.volume_kg))
})

/** `sets` in any order of exercises; each exercise's sets must already be sorted by position. */
export function toWorkoutDto (r: WorkoutRow, exercises: WorkoutExerciseWithRef[], sets: SetRow[]): WorkoutDto {
  const byExercise = new Map<string, SetRow[]>()
  for (const set of sets) {
    const list = byExercise.get(set.workout_exercise_id)
    if (list === undefined) byExercise.set(set.workout_exercise_id, [set])
    else list.push(set)
  }
  return {
    ...toSummary(r),
    notes: r.notes,
    planId: r.plan_id,
    planDayId: r.plan_day_id,
    exercises: exercises.map((e) => toWorkoutExerciseDto(e, byExercise.get(e.id) ?? [])),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** What records need to know about a stored set. */
export const toRecordSet = (r: SetRow, exerciseId: string): RecordSet => recordSetOf(r, exerciseId)
