import type { Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import { countsForRecords, setVolume } from '../records/records.kinds.js'
import { recordsService, type NewRecord } from '../records/records.service.js'
import { SETS, insertPosition, movePosition, positions } from '../../lib/positions.js'
import { setsRepository } from './sets.repository.js'
import { buildSet } from './workouts.create.js'
import { MAX_SETS, type AddSetInput, type PatchSetInput } from './workouts.inputs.js'
import { toRecordSet, toSetDto, type SetRow } from './workouts.mappers.js'
import { workoutsRepository } from './workouts.repository.js'
import { checkSetFits, claim } from './workouts.rules.js'
import type { SetDto } from './workouts.schemas.js'
import type { Created } from './workouts.service.js'
import type { SetsTable } from './workouts.tables.js'
import { dataTime, lockWorkoutExercise, recordWorkout, writeWorkout, type WriteDeps, type WriteOutcome } from './workouts.write.js'

type SetWithRecords = SetDto & { newRecords: NewRecord[] }

// API field → column, for the fields a PATCH may change one by one.
const COLUMNS = {
  type: 'type',
  reps: 'reps',
  weightKg: 'weight_kg',
  durationSec: 'duration_sec',
  distanceM: 'distance_m',
  rpe: 'rpe',
  note: 'note',
  targetReps: 'target_reps',
  targetWeightKg: 'target_weight_kg',
  targetDurationSec: 'target_duration_sec',
  targetDistanceM: 'target_distance_m'
} as const
// Fields whose change can move totals or records.
const COUNTED = ['completed', 'type', 'reps', 'weight_kg', 'duration_sec', 'distance_m'] as const

export class SetsService {
  constructor (private readonly deps: WriteDeps) {}

  /** Logs a set (appended, or at `position`); a completed one updates totals and bests at once. */
  async add (userId: string, workoutId: string, workoutExerciseId: string, input: AddSetInput): Promise<Created<SetWithRecords>> {
    return await writeWorkout<Created<SetWithRecords>>(this.deps, userId, async (trx) => {
      const now = nowIso()
      const { parent, workout } = await lockWorkoutExercise(trx, this.deps, userId, workoutId, workoutExerciseId)
      if (input.id !== undefined) {
        const [holder] = await setsRepository.owners(trx, [input.id])
        if (claim(holder && { user_id: holder.user_id, parent: holder.workout_exercise_id }, userId, workoutExerciseId) === 'replay') {
          const stored = await setsRepository.find(trx, userId, workoutExerciseId, input.id) as SetRow
          return { result: { created: false, body: { ...toSetDto(stored), newRecords: [] } } }
        }
      }
      if (parent.set_total >= MAX_SETS) throw BadRequestError.field('/', `an exercise holds at most ${MAX_SETS} sets`)
      const position = insertPosition(input.position, parent.set_total)
      const at = dataTime(workout, now)
      const row = buildSet({ userId, workoutId, completedAt: at }, workoutExerciseId, input, parent.exercise.tracking, position, '')
      if (position < parent.set_total) await positions.open(trx, SETS, workoutExerciseId, position)
      await setsRepository.insert(trx, [row])
      if (row.completed === 1 && position === parent.set_total) {
        const volume = row.type === 'warmup' ? 0 : setVolume(toRecordSet(row, parent.exercise_id)) ?? 0
        await workoutsRepository.addToTotals(trx, workoutId, workoutExerciseId, { reps: row.reps ?? 0, volume }, now)
      } else {
        await workoutsRepository.refreshTotals(trx, workoutId, row.completed === 1 ? [workoutExerciseId] : [], now)
      }
      const newRecords = await recordsService.applyAddedSets(trx, userId, recordWorkout(workout), [toRecordSet(row, parent.exercise_id)])
      return { result: { created: true, body: { ...toSetDto(row), newRecords } }, touched: { workoutId, exerciseIds: [parent.exercise_id], at, status: workout.status } }
    })
  }

  /** Any field, completing or un-completing, or a move (others shift). Merged values must still fit the tracking. */
  async patch (userId: string, workoutId: string, workoutExerciseId: string, id: string, input: PatchSetInput): Promise<SetWithRecords> {
    return await writeWorkout(this.deps, userId, async (trx) => await this.patchIn(trx, userId, workoutId, workoutExerciseId, id, input))
  }

  /** `patch` inside the caller's writeWorkout transaction (the guided workout completes a set and starts its rest in one). */
  async patchIn (trx: Db, userId: string, workoutId: string, workoutExerciseId: string, id: string, input: PatchSetInput): Promise<WriteOutcome<SetWithRecords>> {
    const now = nowIso()
    const { parent, workout } = await lockWorkoutExercise(trx, this.deps, userId, workoutId, workoutExerciseId)
    const before = await setsRepository.find(trx, userId, workoutExerciseId, id)
    if (before === undefined) throw new NotFoundError('Set')
    const changes: Updateable<SetsTable> = {}
    for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, typeof COLUMNS[keyof typeof COLUMNS]]>) {
      if (input[field] !== undefined) (changes as Record<string, unknown>)[column] = input[field]
    }
    let at = dataTime(workout, now)
    if (input.completed !== undefined && input.completed !== (before.completed === 1)) {
      changes.completed = input.completed ? 1 : 0
      changes.completed_at = input.completed ? at : null
    }
    if (input.position !== undefined) {
      changes.position = movePosition(input.position, parent.set_total)
      await positions.move(trx, SETS, workoutExerciseId, id, before.position, changes.position)
    }
    const after = { ...before, ...changes } as SetRow
    checkSetFits(parent.exercise.tracking, toSetDto(after), after.completed === 1, '')
    if (Object.keys(changes).length > 0) await setsRepository.update(trx, id, changes)
    const counted = COUNTED.some((c) => after[c] !== before[c])
    await workoutsRepository.refreshTotals(trx, workoutId, counted ? [workoutExerciseId] : [], now)
    let newRecords: NewRecord[] = []
    if (counted) {
      const [was, is] = [toRecordSet(before, parent.exercise_id), toRecordSet(after, parent.exercise_id)]
      // A set that did not count before only adds; one that did may have lowered a best.
      newRecords = countsForRecords(was)
        ? await recordsService.applyChanges(trx, userId, recordWorkout(workout), { touched: [parent.exercise_id], added: [is] })
        : await recordsService.applyAddedSets(trx, userId, recordWorkout(workout), [is])
      if (after.completed_at !== null) at = after.completed_at
    }
    const touched = { workoutId, exerciseIds: counted ? [parent.exercise_id] : [], at }
    return { result: { ...toSetDto(after), newRecords }, touched }
  }

  async delete (userId: string, workoutId: string, workoutExerciseId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const now = nowIso()
      const { parent, workout } = await lockWorkoutExercise(trx, this.deps, userId, workoutId, workoutExerciseId)
      const set = await setsRepository.find(trx, userId, workoutExerciseId, id)
      if (set === undefined) throw new NotFoundError('Set')
      await setsRepository.delete(trx, id)
      await positions.close(trx, SETS, workoutExerciseId, set.position)
      await workoutsRepository.refreshTotals(trx, workoutId, [workoutExerciseId], now)
      if (countsForRecords(toRecordSet(set, parent.exercise_id))) {
        await recordsService.applyChanges(trx, userId, recordWorkout(workout), { touched: [parent.exercise_id], added: [] })
      }
      return { result: undefined, touched: { workoutId, exerciseIds: [parent.exercise_id], at: dataTime(workout, now) } }
    })
  }
}
