import type { Db } from '../../db/schema.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js'
import { claimId, ID_IN_USE } from '../../lib/client-id.js'
import { newId } from '../../lib/ids.js'
import type { Created } from '../../lib/replies.js'
import { nowIso } from '../../lib/time.js'
import { rankAlternatives } from './exercises.alternatives.js'
import {
  exercisesRepository as repo,
  toColumns,
  toExercise,
  type ExerciseColumns,
  type ExerciseRow
} from './exercises.repository.js'
import type { CreateExerciseInput, ExerciseDto, UpdateExerciseInput } from './exercises.schemas.js'
import { findAlternativeCandidates } from './exercises.search.js'
import { foldName } from './exercises.text.js'
import { projections } from '../../projections/index.js'

export class ExercisesService {
  constructor (private readonly db: Db) {}

  /** Predefined or the caller's own (archived ones too: history still shows them). */
  async get (userId: string, id: string): Promise<ExerciseDto> {
    return toExercise(await this.visible(this.db, userId, id))
  }

  /** `created: false` is a replay of the same client id: nothing new was made. */
  async create (userId: string, input: CreateExerciseInput): Promise<Created<ExerciseDto>> {
    if (input.id !== undefined) {
      const replay = await this.replay(userId, input.id)
      if (replay !== undefined) return { created: false, body: replay }
    }
    const name = cleanName(input.name)
    await this.assertNameFree(this.db, userId, name)
    const now = nowIso()
    const row: ExerciseRow = {
      id: input.id ?? newId(),
      owner_id: userId,
      ...toColumns({
        description: '',
        instructions: [],
        secondaryMuscles: [],
        mechanic: null,
        force: null,
        ...input,
        name
      }) as ExerciseColumns,
      archived_at: null,
      created_at: now,
      updated_at: now
    }
    const inserted = await this.db.transaction().execute(async (trx) => {
      if (!await repo.insert(trx, row)) return false
      await projections.changed(trx, userId, [{ type: 'exercise', id: row.id }])
      return true
    })
    if (!inserted) {
      // Lost a race for this client id: a concurrent replay by the same user, or someone else's.
      const replay = await this.replay(userId, row.id)
      if (replay !== undefined) return { created: false, body: replay }
      throw new ConflictError(ID_IN_USE)
    }
    return { created: true, body: toExercise(row) }
  }

  async update (userId: string, id: string, input: UpdateExerciseInput): Promise<ExerciseDto> {
    return await this.db.transaction().execute(async (trx) => {
      const row = await this.ownCustom(trx, userId, id)
      const name = input.name === undefined ? undefined : cleanName(input.name)
      if (name !== undefined) await this.assertNameFree(trx, userId, name, id)
      // Logged sets were recorded under the old tracking; changing it would make them misfit.
      if (input.tracking !== undefined && input.tracking !== row.tracking && await repo.isUsedInWorkouts(trx, id)) {
        throw BadRequestError.field('/tracking', 'cannot change: the exercise is already used in a workout')
      }
      // Archived meanwhile (PostgreSQL): gone, and nothing to record.
      if (!await repo.updateCustom(trx, userId, id, { ...toColumns({ ...input, name }), updated_at: nowIso() })) {
        throw new NotFoundError('Exercise')
      }
      // Workouts show its name and tracking; statistics its name and muscles.
      const muscles = input.primaryMuscles !== undefined && JSON.stringify(input.primaryMuscles) !== row.primary_muscles
      await projections.exercisesChanged(trx, [id], { userId, muscles })
      return toExercise(await this.visible(trx, userId, id))
    })
  }

  /** Archives: gone from lists, still readable by id for the history that used it. */
  async remove (userId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.ownCustom(trx, userId, id)
      if (!await repo.archiveCustom(trx, userId, id, nowIso())) throw new NotFoundError('Exercise')
      await projections.changed(trx, userId, [{ type: 'exercise', id, op: 'delete' }])
    })
  }

  async alternatives (
    userId: string,
    id: string,
    equipment: string[] | undefined,
    limit: number
  ): Promise<ExerciseDto[]> {
    const base = await this.visible(this.db, userId, id)
    const candidates = await findAlternativeCandidates(this.db, userId, base)
    return rankAlternatives(base, candidates, equipment, limit).map(toExercise)
  }

  private async visible (db: Db, userId: string, id: string): Promise<ExerciseRow> {
    const row = await repo.findVisible(db, userId, id)
    if (row === undefined) throw new NotFoundError('Exercise')
    return row
  }

  /** The caller's live custom exercise; the library is read-only (403), a deleted one is gone (404). */
  private async ownCustom (db: Db, userId: string, id: string): Promise<ExerciseRow> {
    const row = await this.visible(db, userId, id)
    if (row.owner_id === null) throw new ForbiddenError('Predefined exercises cannot be changed or deleted')
    if (row.archived_at !== null) throw new NotFoundError('Exercise')
    return row
  }

  /** The stored exercise when `id` is the caller's own; 409 when anyone else (or the library) holds it. */
  private async replay (userId: string, id: string): Promise<ExerciseDto | undefined> {
    const owner = await repo.findOwnerOf(this.db, id)
    return claimId(owner && { userId: owner.owner_id }, userId) === 'replay' ? await this.get(userId, id) : undefined
  }

  /** Names are unique, case-insensitively, among the caller's own live custom exercises. */
  private async assertNameFree (db: Db, userId: string, name: string, exceptId?: string): Promise<void> {
    const lower = name.toLowerCase()
    const same = await repo.findLiveCustomBySearchName(db, userId, foldName(name))
    if (same.some((e) => e.id !== exceptId && e.name.toLowerCase() === lower)) {
      throw new ConflictError(`You already have a custom exercise named "${name}"`)
    }
  }
}

/**
 * For importers, inside their own transaction: the caller's live custom exercise of this name
 * (case aside), or a new one made from `input`. Answers the row and whether it was made now.
 */
export async function customExerciseNamed (
  trx: Db,
  userId: string,
  input: CreateExerciseInput,
  now: string
): Promise<{ row: Pick<ExerciseRow, 'id' | 'name' | 'tracking'>, created: boolean }> {
  const name = cleanName(input.name)
  const same = await repo.findLiveCustomBySearchName(trx, userId, foldName(name))
  const existing = same.find((e) => e.name.toLowerCase() === name.toLowerCase())
  if (existing !== undefined) return { row: existing, created: false }
  const row: ExerciseRow = {
    id: newId(),
    owner_id: userId,
    ...toColumns({
      description: '', instructions: [], secondaryMuscles: [], mechanic: null, force: null, ...input, name
    }) as ExerciseColumns,
    archived_at: null,
    created_at: now,
    updated_at: now
  }
  await repo.insert(trx, row)
  return { row, created: true }
}

function cleanName (raw: string): string {
  const name = raw.trim()
  if (name === '') throw BadRequestError.field('/name', 'must not be blank')
  return name
}
