import { sql, type Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { claimId } from '../../lib/client-id.js'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import { SETS, insertPosition, movePosition, positions } from '../../lib/positions.js'
import type { Created } from '../../lib/replies.js'
import { nowIso } from '../../lib/time.js'
import { lockBestsColumn, type TrainingChange } from '../../projections/index.js'
import { countsForRecords, type NewRecord } from '../../rules/records.js'
import { setsRepository } from './sets.repository.js'
import { buildSet, checkSetFits } from './sets.rows.js'
import {
  completionTime,
  lockWorkoutExercise,
  writeWorkout,
  type WriteDeps,
  type WriteOutcome
} from './workout-writes.js'
import { MAX_SETS, type AddSetInput, type PatchSetInput } from './workouts.inputs.js'
import { toRecordSet, toSetDto, type SetRow } from './workouts.mappers.js'
import type { SetDto } from './workouts.schemas.js'
import type { SetsTable } from './workouts.tables.js'

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
// Fields whose change can move totals or records (a set's position never does).
const COUNTED = ['completed', 'type', 'reps', 'weight_kg', 'duration_sec', 'distance_m'] as const

export class SetsService {
  constructor (private readonly deps: WriteDeps) {}

  /** One set, when its workout exercise is in the user's workout. */
  async get (userId: string, workoutId: string, workoutExerciseId: string, id: string): Promise<SetDto> {
    const row = await setsRepository.findIn(this.deps.db, userId, workoutId, workoutExerciseId, id)
    if (row === undefined) throw new NotFoundError('Set')
    return toSetDto(row)
  }

  /** Logs a set (appended, or at `position`); a completed one counts in totals and records at once. */
  async add (
    userId: string,
    workoutId: string,
    workoutExerciseId: string,
    input: AddSetInput
  ): Promise<Created<SetWithRecords>> {
    let created = true
    const { result, newRecords } = await writeWorkout<SetDto>(this.deps, userId, async (trx) => {
      const { parent, workout } = await lockWorkoutExercise(trx, userId, workoutId, workoutExerciseId)
      if (input.id !== undefined) {
        const [holder] = await setsRepository.owners(trx, [input.id])
        if (claimId(
          holder && { userId: holder.user_id, parentId: holder.workout_exercise_id },
          userId,
          workoutExerciseId
        ) === 'replay') {
          created = false
          return { result: toSetDto(await setsRepository.find(trx, userId, workoutExerciseId, input.id) as SetRow) }
        }
      }
      const row = buildSet(
        { userId, workoutId, completedAt: completionTime(workout, nowIso()) },
        workoutExerciseId,
        input,
        parent.exercise.tracking,
        0,
        ''
      )
      const set = toRecordSet(row, parent.exercise_id)
      // A function: building an error captures a stack, which costs the set-logging path when done eagerly.
      const tooMany = (): BadRequestError => BadRequestError.field('/', `an exercise holds at most ${MAX_SETS} sets`)
      let change: TrainingChange
      if (input.position === undefined) {
        // The common case, one statement: appended, and the exercise's bests locked (src/projections).
        row.position = await setsRepository.append(
          trx,
          row,
          lockBestsColumn(trx, sql`${userId}`, sql`${parent.exercise_id}`)
        )
        if (row.position >= MAX_SETS) throw tooMany()
        change = {
          workouts: [{ id: workoutId }],
          addedSets: { workoutId, sets: [{ workoutExerciseId, set }] },
          lockedExercises: [parent.exercise_id]
        }
      } else {
        const count = await positions.count(trx, SETS, workoutExerciseId)
        if (count >= MAX_SETS) throw tooMany()
        row.position = insertPosition(input.position, count)
        if (row.position < count) await positions.open(trx, SETS, workoutExerciseId, row.position)
        await setsRepository.insert(trx, [row])
        change = { workouts: [{ id: workoutId }], addedSets: { workoutId, sets: [{ workoutExerciseId, set }] } }
      }
      change.noGoals = !parent.has_goals
      return { result: toSetDto(row), change }
    })
    return { created, body: { ...result, newRecords } }
  }

  /** Any field, completing or un-completing, or a move (others shift). Merged values must still fit the tracking. */
  async patch (
    userId: string,
    workoutId: string,
    workoutExerciseId: string,
    id: string,
    input: PatchSetInput
  ): Promise<SetWithRecords> {
    const { result, newRecords } = await writeWorkout<SetDto>(this.deps, userId, async (trx) =>
      await this.patchIn(trx, userId, workoutId, workoutExerciseId, id, input))
    return { ...result, newRecords }
  }

  /**
   * `patch` inside the caller's writeWorkout transaction (the guided workout completes a set and starts its rest in
   * one).
   */
  async patchIn (
    trx: Db,
    userId: string,
    workoutId: string,
    workoutExerciseId: string,
    id: string,
    input: PatchSetInput
  ): Promise<WriteOutcome<SetDto>> {
    const { parent, workout } = await lockWorkoutExercise(trx, userId, workoutId, workoutExerciseId)
    const before = await setsRepository.find(trx, userId, workoutExerciseId, id)
    if (before === undefined) throw new NotFoundError('Set')
    const changes: Updateable<SetsTable> = {}
    for (const [field, column] of Object.entries(COLUMNS) as Array<
      [keyof typeof COLUMNS, typeof COLUMNS[keyof typeof COLUMNS]]
    >) {
      if (input[field] !== undefined) (changes as Record<string, unknown>)[column] = input[field]
    }
    if (input.completed !== undefined && input.completed !== (before.completed === 1)) {
      changes.completed = input.completed ? 1 : 0
      changes.completed_at = input.completed ? completionTime(workout, nowIso()) : null
    }
    if (input.position !== undefined) {
      changes.position = movePosition(input.position, await positions.count(trx, SETS, workoutExerciseId))
      await positions.move(trx, SETS, workoutExerciseId, id, before.position, changes.position)
    }
    const after = { ...before, ...changes } as SetRow
    checkSetFits(parent.exercise.tracking, toSetDto(after), after.completed === 1, '')
    if (Object.keys(changes).length > 0) await setsRepository.update(trx, id, changes)
    const [was, is] = [toRecordSet(before, parent.exercise_id), toRecordSet(after, parent.exercise_id)]
    const counted = COUNTED.some((c) => after[c] !== before[c]) && (countsForRecords(was) || countsForRecords(is))
    // A set that did not count before only adds; one that did may have lowered a best.
    const records: Partial<TrainingChange> = !counted
      ? {}
      : countsForRecords(was)
        ? { revised: [{ workoutId, exerciseIds: [parent.exercise_id] }] }
        : { appended: [{ workoutId, sets: [is] }] }
    return {
      result: toSetDto(after),
      change: {
        workouts: [{ id: workoutId }],
        workoutExercises: [workoutExerciseId],
        ...records,
        noGoals: !parent.has_goals
      }
    }
  }

  async delete (userId: string, workoutId: string, workoutExerciseId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const { parent } = await lockWorkoutExercise(trx, userId, workoutId, workoutExerciseId)
      const set = await setsRepository.find(trx, userId, workoutExerciseId, id)
      if (set === undefined) throw new NotFoundError('Set')
      await setsRepository.delete(trx, id)
      await positions.close(trx, SETS, workoutExerciseId, set.position)
      const counted = countsForRecords(toRecordSet(set, parent.exercise_id))
      return {
        result: undefined,
        change: {
          workouts: [{ id: workoutId }],
          workoutExercises: [workoutExerciseId],
          ...(counted ? { revised: [{ workoutId, exerciseIds: [parent.exercise_id] }] } : {})
        }
      }
    })
  }
}
