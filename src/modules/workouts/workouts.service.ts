import type { Db } from '../../db/schema.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import { recordsRepository } from '../records/records.repository.js'
import { recordsService, type NewRecord } from '../records/records.service.js'
import { setsRepository } from './sets.repository.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { createWorkoutTx } from './workouts.create.js'
import type { CreateWorkoutInput, PatchWorkoutInput } from './workouts.inputs.js'
import { workoutDocuments } from './workout-documents.js'
import { loadWorkout } from './workouts.read.js'
import { workoutsRepository } from './workouts.repository.js'
import { checkEnd, claim, instant } from './workouts.rules.js'
import type { WorkoutDto } from './workouts.schemas.js'
import { writeWorkout, type WriteDeps } from './workouts.write.js'

export { createWorkoutTx, type NestedWorkoutInput, type CreatedWorkout } from './workouts.create.js'
export { publishWorkoutChanged } from './workouts.write.js'

/** A create's answer: 201 with what was made, or 200 with what a replay had stored. */
export interface Created<T> { created: boolean, body: T }

async function mustLoad (db: Db, userId: string, id: string): Promise<WorkoutDto> {
  const workout = await loadWorkout(db, userId, id)
  if (workout === undefined) throw new NotFoundError('Workout')
  return workout
}

/**
 * Which stored workout a create replays, if any: the one with its id, or — when the client sent
 * ids only on nested exercises or sets — the one that holds them. Ids held by anyone else: 409.
 */
async function replayOf (trx: Db, userId: string, input: CreateWorkoutInput): Promise<string | undefined> {
  if (input.id !== undefined) {
    const owner = await workoutsRepository.ownerOf(trx, input.id)
    return claim(owner === undefined ? undefined : { user_id: owner }, userId) === 'replay' ? input.id : undefined
  }
  const items = input.exercises ?? []
  const exercises = await workoutExercisesRepository.owners(trx, items.flatMap((e) => e.id ?? []))
  const sets = await setsRepository.owners(trx, items.flatMap((e) => (e.sets ?? []).flatMap((s) => s.id ?? [])))
  if (exercises.length + sets.length === 0) return undefined
  const parents = await workoutExercisesRepository.owners(trx, sets.map((s) => s.workout_exercise_id))
  const holders = [...exercises, ...parents]
  const workoutIds = new Set(holders.map((h) => h.workout_id))
  if (workoutIds.size !== 1 || holders.some((h) => h.user_id !== userId) || sets.some((s) => s.user_id !== userId)) {
    throw new ConflictError('An id in this workout is already in use')
  }
  return [...workoutIds][0]
}

export class WorkoutsService {
  constructor (private readonly deps: WriteDeps) {}

  async get (userId: string, id: string): Promise<WorkoutDto> {
    return await mustLoad(this.deps.db, userId, id)
  }

  /** The workout as serialized JSON (see workout-documents.ts); `serialize` is the route's own. */
  async document (userId: string, id: string, serialize: (workout: WorkoutDto) => string): Promise<string> {
    const document = await workoutDocuments.read(this.deps.db, userId, id, serialize)
    if (document === undefined) throw new NotFoundError('Workout')
    return document
  }

  async create (userId: string, input: CreateWorkoutInput): Promise<Created<WorkoutDto & { newRecords: NewRecord[] }>> {
    return await writeWorkout<Created<WorkoutDto & { newRecords: NewRecord[] }>>(this.deps, userId, async (trx) => {
      const replayed = await replayOf(trx, userId, input)
      if (replayed !== undefined) return { result: { created: false, body: { ...await mustLoad(trx, userId, replayed), newRecords: [] } } }
      const { workout, newRecords, touched } = await createWorkoutTx(trx, userId, input)
      return { result: { created: true, body: { ...workout, newRecords } }, touched }
    })
  }

  /** `endedAt` decides the status (null reopens); a new start time moves the workout's records. */
  async patch (userId: string, id: string, input: PatchWorkoutInput): Promise<WorkoutDto> {
    return await writeWorkout(this.deps, userId, async (trx) => {
      const row = await workoutsRepository.find(trx, userId, id)
      if (row === undefined) throw new NotFoundError('Workout')
      const startedAt = input.startedAt === undefined ? row.started_at : instant(input.startedAt, '/startedAt')
      const endedAt = input.endedAt === undefined ? row.ended_at : input.endedAt === null ? null : instant(input.endedAt, '/endedAt')
      checkEnd(startedAt, endedAt, input.endedAt === undefined ? '/startedAt' : '/endedAt')
      await workoutsRepository.update(trx, userId, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        started_at: startedAt,
        ended_at: endedAt,
        status: endedAt === null ? 'in_progress' : 'completed',
        updated_at: nowIso()
      })
      // Records carry their workout's start (achievedAt) and ties go to the earliest: recompute.
      const exerciseIds = startedAt === row.started_at ? [] : await workoutExercisesRepository.exerciseIds(trx, id)
      await recordsService.recompute(trx, userId, exerciseIds)
      return { result: await mustLoad(trx, userId, id), touched: { workoutId: id, exerciseIds, at: startedAt, previousStartedAt: row.started_at } }
    })
  }

  /** Exercises and sets go with it; the bests it held are recomputed from what remains. */
  async delete (userId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const row = await workoutsRepository.find(trx, userId, id)
      if (row === undefined) throw new NotFoundError('Workout')
      const exerciseIds = await workoutExercisesRepository.exerciseIds(trx, id)
      const held = await recordsRepository.exercisesHeldBy(trx, userId, id)
      await workoutsRepository.delete(trx, userId, id)
      await recordsService.recompute(trx, userId, held)
      return { result: undefined, touched: { workoutId: id, exerciseIds, at: nowIso(), previousStartedAt: row.started_at } }
    })
  }
}
