import { BadRequestError, ConflictError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { recordsService, type NewRecord } from '../records/records.service.js'
import { EXERCISES, insertPosition, movePosition, positions } from '../../lib/positions.js'
import { setsRepository } from './sets.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { buildExercise, insertExercises } from './workouts.create.js'
import { MAX_EXERCISES, type AddWorkoutExerciseInput, type PatchWorkoutExerciseInput } from './workouts.inputs.js'
import { toRecordSet, toWorkoutExerciseDto } from './workouts.mappers.js'
import { loadWorkoutExercise } from './workouts.read.js'
import { workoutsRepository } from './workouts.repository.js'
import { checkDistinct, claim, usableExercises } from './workouts.rules.js'
import type { WorkoutExerciseDto } from './workouts.schemas.js'
import type { Created } from './workouts.service.js'
import { dataTime, lockWorkout, lockWorkoutExercise, recordWorkout, writeWorkout, type WriteDeps } from './workouts.write.js'

export class WorkoutExercisesService {
  constructor (private readonly deps: WriteDeps) {}

  /** Appended, or inserted at `position` (the ones after it shift down), with its sets. */
  async add (userId: string, workoutId: string, input: AddWorkoutExerciseInput): Promise<Created<WorkoutExerciseDto & { newRecords: NewRecord[] }>> {
    return await writeWorkout<Created<WorkoutExerciseDto & { newRecords: NewRecord[] }>>(this.deps, userId, async (trx) => {
      const now = nowIso()
      const workout = await lockWorkout(trx, userId, workoutId)
      if (input.id !== undefined) {
        const [holder] = await workoutExercisesRepository.owners(trx, [input.id])
        if (claim(holder && { user_id: holder.user_id, parent: holder.workout_id }, userId, workoutId) === 'replay') {
          return { result: { created: false, body: { ...await loadWorkoutExercise(trx, userId, workoutId, input.id) as WorkoutExerciseDto, newRecords: [] } } }
        }
      }
      checkDistinct((input.sets ?? []).map((s, i) => ({ id: s.id, path: `/sets/${i}` })))
      const exercise = (await usableExercises(trx, userId, [{ exerciseId: input.exerciseId, path: '' }])).get(input.exerciseId) as ExerciseRow
      const count = await workoutExercisesRepository.count(trx, workoutId)
      if (count >= MAX_EXERCISES) throw BadRequestError.field('/', `a workout holds at most ${MAX_EXERCISES} exercises`)
      const position = insertPosition(input.position, count)
      const ctx = { userId, workoutId, completedAt: dataTime(workout, now) }
      const built = buildExercise(ctx, input, exercise, position, '')
      if ((await setsRepository.owners(trx, (input.sets ?? []).flatMap((s) => s.id ?? []))).length > 0) throw new ConflictError('A set id is already in use')
      if (position < count) await positions.open(trx, EXERCISES, workoutId, position)
      await insertExercises(trx, [built])
      await workoutsRepository.refreshTotals(trx, workoutId, [built.row.id], now)
      const newRecords = await recordsService.applyAddedSets(trx, userId, recordWorkout(workout), built.sets.map((s) => toRecordSet(s, exercise.id)))
      const body = { ...toWorkoutExerciseDto(built.row, built.sets), newRecords }
      return { result: { created: true, body }, touched: { workoutId, exerciseIds: [exercise.id], at: ctx.completedAt } }
    })
  }

  /**
   * Notes, rest, superset group, a move (others shift), or a swap to another exercise: allowed
   * when it records the same values (same tracking) or no sets are logged yet.
   */
  async patch (userId: string, workoutId: string, id: string, input: PatchWorkoutExerciseInput): Promise<WorkoutExerciseDto> {
    return await writeWorkout(this.deps, userId, async (trx) => {
      const now = nowIso()
      const { parent: current, workout } = await lockWorkoutExercise(trx, this.deps, userId, workoutId, id)
      let exerciseIds: string[] = []
      if (input.exerciseId !== undefined && input.exerciseId !== current.exercise_id) {
        const next = (await usableExercises(trx, userId, [{ exerciseId: input.exerciseId, path: '' }])).get(input.exerciseId) as ExerciseRow
        if (next.tracking !== current.exercise.tracking && current.set_total > 0) {
          throw BadRequestError.field('/exerciseId', `must track ${current.exercise.tracking} like the current exercise while sets are logged`)
        }
        exerciseIds = [current.exercise_id, next.id]
      }
      if (input.position !== undefined) {
        const to = movePosition(input.position, await workoutExercisesRepository.count(trx, workoutId))
        await positions.move(trx, EXERCISES, workoutId, id, current.position, to)
      }
      await workoutExercisesRepository.update(trx, id, {
        ...(exerciseIds.length > 0 ? { exercise_id: exerciseIds[1] } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.restSec !== undefined ? { rest_sec: input.restSec } : {}),
        ...(input.supersetGroup !== undefined ? { superset_group: input.supersetGroup } : {})
      })
      await workoutsRepository.refreshTotals(trx, workoutId, [], now)
      if (exerciseIds.length > 0) {
        const sets = await setsRepository.forWorkoutExercise(trx, id)
        await recordsService.applyChanges(trx, userId, recordWorkout(workout), { touched: exerciseIds, added: sets.map((s) => toRecordSet(s, exerciseIds[1])) })
      }
      const result = await loadWorkoutExercise(trx, userId, workoutId, id) as WorkoutExerciseDto
      return { result, touched: { workoutId, exerciseIds, at: dataTime(workout, now) } }
    })
  }

  async delete (userId: string, workoutId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const now = nowIso()
      const { parent: current, workout } = await lockWorkoutExercise(trx, this.deps, userId, workoutId, id)
      await workoutExercisesRepository.delete(trx, id)
      await positions.close(trx, EXERCISES, workoutId, current.position)
      await workoutsRepository.refreshTotals(trx, workoutId, [], now)
      await recordsService.applyChanges(trx, userId, recordWorkout(workout), { touched: [current.exercise_id], added: [] })
      return { result: undefined, touched: { workoutId, exerciseIds: [current.exercise_id], at: dataTime(workout, now) } }
    })
  }
}
