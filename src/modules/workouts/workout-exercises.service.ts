import { checkDistinct, claimId, ID_IN_USE } from '../../lib/client-id.js'
import { BadRequestError, ConflictError } from '../../lib/errors.js'
import { EXERCISES, SETS, insertPosition, movePosition, positions } from '../../lib/positions.js'
import type { Created } from '../../lib/replies.js'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { nowIso } from '../../lib/time.js'
import type { NewRecord } from '../../rules/records.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { usableExercises } from '../exercises/exercises.usable.js'
import { setsRepository } from './sets.repository.js'
import { completionTime, lockWorkout, lockWorkoutExercise, writeWorkout, type WriteDeps } from './workout-writes.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { buildExercise, insertExercises } from './workout-exercises.rows.js'
import { MAX_EXERCISES, type AddWorkoutExerciseInput, type PatchWorkoutExerciseInput } from './workouts.inputs.js'
import { toRecordSet } from './workouts.mappers.js'
import { loadWorkoutExercise } from './workouts.read.js'
import type { WorkoutExerciseDto } from './workouts.schemas.js'

const mustLoad = async (db: Db, userId: string, workoutId: string, id: string): Promise<WorkoutExerciseDto> =>
  await loadWorkoutExercise(db, userId, workoutId, id) as WorkoutExerciseDto

export class WorkoutExercisesService {
  constructor (private readonly deps: WriteDeps) {}

  async get (userId: string, workoutId: string, id: string): Promise<WorkoutExerciseDto | undefined> {
    return await inSnapshot(this.deps.db, async (trx) => await loadWorkoutExercise(trx, userId, workoutId, id))
  }

  /** Appended, or inserted at `position` (the ones after it shift down), with its sets. */
  async add (
    userId: string,
    workoutId: string,
    input: AddWorkoutExerciseInput
  ): Promise<Created<WorkoutExerciseDto & { newRecords: NewRecord[] }>> {
    let created = true
    const { result, newRecords } = await writeWorkout<WorkoutExerciseDto>(this.deps, userId, async (trx) => {
      const workout = await lockWorkout(trx, userId, workoutId)
      if (input.id !== undefined) {
        const [holder] = await workoutExercisesRepository.owners(trx, [input.id])
        if (claimId(
          holder && { userId: holder.user_id, parentId: holder.workout_id },
          userId,
          workoutId
        ) === 'replay') {
          created = false
          return { result: await mustLoad(trx, userId, workoutId, input.id) }
        }
      }
      checkDistinct((input.sets ?? []).map((s, i) => ({ id: s.id, path: `/sets/${i}` })))
      const exercise = (await usableExercises(trx, userId, [{ exerciseId: input.exerciseId, path: '' }]))
        .get(input.exerciseId) as ExerciseRow
      const count = await workoutExercisesRepository.count(trx, workoutId)
      if (count >= MAX_EXERCISES) throw BadRequestError.field('/', `a workout holds at most ${MAX_EXERCISES} exercises`)
      const position = insertPosition(input.position, count)
      const built = buildExercise(
        { userId, workoutId, completedAt: completionTime(workout, nowIso()) },
        input,
        exercise,
        position,
        ''
      )
      if ((await setsRepository.owners(trx, (input.sets ?? []).flatMap((s) => s.id ?? []))).length > 0) {
        throw new ConflictError(ID_IN_USE)
      }
      if (position < count) await positions.open(trx, EXERCISES, workoutId, position)
      await insertExercises(trx, [built])
      return {
        read: async (db: Db) => await mustLoad(db, userId, workoutId, built.row.id),
        change: {
          workouts: [{ id: workoutId }],
          workoutExercises: [built.row.id],
          appended: [{ workoutId, sets: built.sets.map((s) => toRecordSet(s, exercise.id)) }]
        }
      }
    })
    return { created, body: { ...result, newRecords } }
  }

  /**
   * Notes, rest, superset group, a move (others shift), or a swap to another exercise: allowed
   * when it records the same values (same tracking) or no sets are logged yet.
   */
  async patch (
    userId: string,
    workoutId: string,
    id: string,
    input: PatchWorkoutExerciseInput
  ): Promise<WorkoutExerciseDto> {
    const { result } = await writeWorkout<WorkoutExerciseDto>(this.deps, userId, async (trx) => {
      const { parent: current } = await lockWorkoutExercise(trx, userId, workoutId, id)
      const revised = new Set<string>()
      if (input.exerciseId !== undefined && input.exerciseId !== current.exercise_id) {
        const next = (await usableExercises(trx, userId, [{ exerciseId: input.exerciseId, path: '' }]))
          .get(input.exerciseId) as ExerciseRow
        if (next.tracking !== current.exercise.tracking && await positions.count(trx, SETS, id) > 0) {
          throw BadRequestError.field(
            '/exerciseId',
            `must track ${current.exercise.tracking} like the current exercise while sets are logged`
          )
        }
        revised.add(current.exercise_id).add(next.id)
      }
      if (input.position !== undefined) {
        const to = movePosition(input.position, await workoutExercisesRepository.count(trx, workoutId))
        await positions.move(trx, EXERCISES, workoutId, id, current.position, to)
      }
      await workoutExercisesRepository.update(trx, id, {
        ...(input.exerciseId !== undefined ? { exercise_id: input.exerciseId } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.restSec !== undefined ? { rest_sec: input.restSec } : {}),
        ...(input.supersetGroup !== undefined ? { superset_group: input.supersetGroup } : {})
      })
      return {
        read: async (db: Db) => await mustLoad(db, userId, workoutId, id),
        change: {
          workouts: [{ id: workoutId }],
          ...(revised.size > 0 ? { revised: [{ workoutId, exerciseIds: [...revised] }] } : {})
        }
      }
    })
    return result
  }

  async delete (userId: string, workoutId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const { parent: current } = await lockWorkoutExercise(trx, userId, workoutId, id)
      await workoutExercisesRepository.delete(trx, id)
      await positions.close(trx, EXERCISES, workoutId, current.position)
      return {
        result: undefined,
        change: { workouts: [{ id: workoutId }], revised: [{ workoutId, exerciseIds: [current.exercise_id] }] }
      }
    })
  }
}
