import type { Db } from '../../db/schema.js'

/** Response field for each maintained record kind (exercise_bests.kind). */
export const RECORD_FIELDS = {
  max_weight: 'maxWeightKg',
  max_reps: 'maxReps',
  best_e1rm: 'bestE1rmKg',
  max_set_volume: 'maxSetVolumeKg',
  max_workout_volume: 'maxWorkoutVolumeKg',
  max_duration: 'maxDurationSec',
  max_distance: 'maxDistanceM'
} as const

type Field = typeof RECORD_FIELDS[keyof typeof RECORD_FIELDS]
export interface RecordValue { value: number, reps?: number, weightKg?: number, achievedAt: string, workoutId: string }
export type RecordsItem = { exerciseId: string, exerciseName: string } & Record<Field, RecordValue | null>

/**
 * Records straight from the bests maintained on write (one row per exercise and kind), so the
 * cost follows the number of exercises a user trains, not the length of their history.
 */
export async function recordsFor (db: Db, userId: string, exerciseId?: string): Promise<RecordsItem[]> {
  let query = db.selectFrom('exercise_bests as b').innerJoin('exercises as e', 'e.id', 'b.exercise_id')
    .select(['b.exercise_id', 'e.name', 'b.kind', 'b.value', 'b.reps', 'b.weight_kg', 'b.achieved_at', 'b.workout_id'])
    .where('b.user_id', '=', userId)
  if (exerciseId !== undefined) query = query.where('b.exercise_id', '=', exerciseId)
  const rows = await query.orderBy('e.name').orderBy('b.exercise_id').execute()
  const items = new Map<string, RecordsItem>()
  for (const row of rows) {
    let item = items.get(row.exercise_id)
    if (item === undefined) {
      item = { exerciseId: row.exercise_id, exerciseName: row.name, ...emptyRecords() }
      items.set(row.exercise_id, item)
    }
    const field = RECORD_FIELDS[row.kind as keyof typeof RECORD_FIELDS]
    if (field === undefined) continue
    const value: RecordValue = { value: Number(row.value), achievedAt: row.achieved_at, workoutId: row.workout_id }
    if (row.reps !== null) value.reps = Number(row.reps)
    if (row.weight_kg !== null) value.weightKg = Number(row.weight_kg)
    item[field] = value
  }
  return [...items.values()]
}

export function emptyRecords (): Record<Field, null> {
  return Object.fromEntries(Object.values(RECORD_FIELDS).map((f) => [f, null])) as Record<Field, null>
}
