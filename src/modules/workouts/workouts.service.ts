import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { claimId, ID_IN_USE } from '../../lib/client-id.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import type { Created } from '../../lib/replies.js'
import { checkEnd, instant, nowIso } from '../../lib/time.js'
import type { NewRecord } from '../../rules/records.js'
import { setsRepository } from './sets.repository.js'
import { beforeOf, lockWorkout, writeWorkout, type WriteDeps } from './workout-writes.js'
import { workoutExercisesRepository } from './workout-exercises.repository.js'
import { createWorkoutTx } from './workouts.create.js'
import type { CreateWorkoutInput, PatchWorkoutInput } from './workouts.inputs.js'
import { workoutDocuments } from './workout-documents.js'
import { loadWorkout } from './workouts.read.js'
import { workoutsRepository } from './workouts.repository.js'
import type { WorkoutDto } from './workouts.schemas.js'

export async function mustLoad (db: Db, userId: string, id: string): Promise<WorkoutDto> {
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
    return claimId(owner === undefined ? undefined : { userId: owner }, userId) === 'replay' ? input.id : undefined
  }
  const items = input.exercises ?? []
  const exercises = await workoutExercisesRepository.owners(trx, items.flatMap((e) => e.id ?? []))
  const sets = await setsRepository.owners(trx, items.flatMap((e) => (e.sets ?? []).flatMap((s) => s.id ?? [])))
  if (exercises.length + sets.length === 0) return undefined
  const parents = await workoutExercisesRepository.owners(trx, sets.map((s) => s.workout_exercise_id))
  const holders = [...exercises, ...parents]
  const workoutIds = new Set(holders.map((h) => h.workout_id))
  if (workoutIds.size !== 1 || holders.some((h) => h.user_id !== userId) || sets.some((s) => s.user_id !== userId)) {
    throw new ConflictError(ID_IN_USE)
  }
  return [...workoutIds][0]
}

type WithRecords<T> = T & { newRecords: NewRecord[] }

export class WorkoutsService {
  constructor (private readonly deps: WriteDeps) {}

  async get (userId: string, id: string): Promise<WorkoutDto> {
    return await inSnapshot(this.deps.db, async (trx) => await mustLoad(trx, userId, id))
  }

  /** The workout as serialized JSON (see workout-documents.ts); `serialize` is the route's own. */
  async document (
    userId: string,
    id: string,
    serialize: (workout: WorkoutDto) => string,
    onStoreError?: (error: unknown) => void
  ): Promise<{ body: string, seq: number | null }> {
    const document = await workoutDocuments.read(this.deps.db, userId, id, serialize, onStoreError)
    if (document === undefined) throw new NotFoundError('Workout')
    return document
  }

  async create (userId: string, input: CreateWorkoutInput): Promise<Created<WithRecords<WorkoutDto>>> {
    let replayed = false
    const { result, newRecords } = await writeWorkout<WorkoutDto>(this.deps, userId, async (trx) => {
      const existing = await replayOf(trx, userId, input)
      replayed = existing !== undefined
      if (existing !== undefined) return { result: await mustLoad(trx, userId, existing) }
      const { id, change } = await createWorkoutTx(trx, userId, input)
      return { read: async (db: Db) => await mustLoad(db, userId, id), change }
    })
    return { created: !replayed, body: { ...result, newRecords } }
  }

  /** `endedAt` decides the status (null reopens); a new start time moves the workout's records. */
  async patch (userId: string, id: string, input: PatchWorkoutInput): Promise<WorkoutDto> {
    const { result } = await writeWorkout<WorkoutDto>(this.deps, userId, async (trx) => {
      const row = await lockWorkout(trx, userId, id)
      const startedAt = input.startedAt === undefined ? row.started_at : instant(input.startedAt, '/startedAt')
      const endedAt = input.endedAt === undefined
        ? row.ended_at
        : input.endedAt === null ? null : instant(input.endedAt, '/endedAt')
      checkEnd(startedAt, endedAt, input.endedAt === undefined ? '/startedAt' : '/endedAt')
      await workoutsRepository.update(trx, userId, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        started_at: startedAt,
        ended_at: endedAt,
        status: endedAt === null ? 'in_progress' : 'completed',
        updated_at: nowIso()
      })
      return {
        read: async (db: Db) => await mustLoad(db, userId, id),
        change: { workouts: [{ id, before: beforeOf(row) }] }
      }
    })
    return result
  }

  /** Exercises and sets go with it; the bests it held are recomputed from what remains. */
  async delete (userId: string, id: string): Promise<void> {
    await writeWorkout(this.deps, userId, async (trx) => {
      const row = await lockWorkout(trx, userId, id)
      const exerciseIds = await workoutExercisesRepository.exerciseIds(trx, id)
      await workoutsRepository.delete(trx, userId, id)
      return { result: undefined, change: { workouts: [{ id, before: beforeOf(row), deleted: true, exerciseIds }] } }
    })
  }
}
