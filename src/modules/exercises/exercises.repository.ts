import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { afterCursor } from '../../lib/pagination.js'
import type { ExerciseDto, UpdateExerciseInput } from './exercises.schemas.js'
import type { ExercisesTable } from './exercises.tables.js'
import { searchWords } from '../../lib/search-text.js'
import { foldName } from './exercises.text.js'
import type { Tracking } from './exercises.vocabulary.js'

export type ExerciseRow = Selectable<ExercisesTable>
/** The columns an exercise's own fields map to (everything but identity, ownership and times). */
export type ExerciseColumns = Omit<ExerciseRow, 'id' | 'owner_id' | 'archived_at' | 'created_at' | 'updated_at'>

/** The short form other resources embed: `exercise: { id, name, tracking }`. */
export interface ExerciseRef { id: string, name: string, tracking: Tracking }
export const toExerciseRef = (row: Pick<ExerciseRow, 'id' | 'name' | 'tracking'>): ExerciseRef =>
  ({ id: row.id, name: row.name, tracking: row.tracking as Tracking })

const list = (text: string): any[] => JSON.parse(text) as any[]

export const toExercise = (row: ExerciseRow): ExerciseDto => ({
  id: row.id,
  name: row.name,
  description: row.description,
  instructions: list(row.instructions),
  category: row.category as ExerciseDto['category'],
  primaryMuscles: list(row.primary_muscles),
  secondaryMuscles: list(row.secondary_muscles),
  equipment: list(row.equipment),
  level: row.level as ExerciseDto['level'],
  mechanic: row.mechanic as ExerciseDto['mechanic'],
  force: row.force as ExerciseDto['force'],
  tracking: row.tracking as Tracking,
  isCustom: row.owner_id !== null,
  archived: row.archived_at !== null,
  createdAt: row.created_at,
  updatedAt: row.updated_at
})

/** API fields → columns, for whichever fields are given (a full create or a partial update). */
export function toColumns (fields: UpdateExerciseInput): Partial<ExerciseColumns> {
  const c: Partial<ExerciseColumns> = {}
  if (fields.name !== undefined) {
    c.name = fields.name
    c.search_name = foldName(fields.name)
    c.search_words = searchWords([fields.name])
  }
  if (fields.description !== undefined) c.description = fields.description
  if (fields.instructions !== undefined) c.instructions = JSON.stringify(fields.instructions)
  if (fields.category !== undefined) c.category = fields.category
  if (fields.primaryMuscles !== undefined) c.primary_muscles = JSON.stringify(fields.primaryMuscles)
  if (fields.secondaryMuscles !== undefined) c.secondary_muscles = JSON.stringify(fields.secondaryMuscles)
  if (fields.equipment !== undefined) c.equipment = JSON.stringify(fields.equipment)
  if (fields.level !== undefined) c.level = fields.level
  if (fields.mechanic !== undefined) c.mechanic = fields.mechanic
  if (fields.force !== undefined) c.force = fields.force
  if (fields.tracking !== undefined) c.tracking = fields.tracking
  return c
}

export const exercisesRepository = {
  /**
   * An exercise the user may use or read: predefined, or their own custom one. Archived ones
   * stay readable (history keeps their names); callers decide whether new use is allowed.
   */
  async findVisible (db: Db, userId: string, id: string): Promise<ExerciseRow | undefined> {
    return await db.selectFrom('exercises').selectAll().where('id', '=', id)
      .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
      .executeTakeFirst()
  },

  /** findVisible for many ids in one query, keyed by id; unknown or foreign ids are absent. */
  async findVisibleMany (db: Db, userId: string, ids: string[]): Promise<Map<string, ExerciseRow>> {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('exercises').selectAll().where('id', 'in', [...new Set(ids)])
      .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
      .execute()
    return new Map(rows.map((r) => [r.id, r]))
  },

  /**
   * A page of the user's custom exercises, archived ones included (history still uses them), in
   * the list's order (folded name, id) after the keyset `after`: for reading them all (exports).
   */
  async customPage (db: Db, userId: string, limit: number, after?: [string, string]): Promise<ExerciseRow[]> {
    let query = db.selectFrom('exercises').selectAll().where('owner_id', '=', userId)
    if (after !== undefined) query = query.where(afterCursor(['search_name', 'id'], after, 'asc'))
    return await query.orderBy('search_name').orderBy('id').limit(limit).execute()
  },

  /** Whoever owns it: only for telling a client-id replay (own) from a collision (anyone else's). */
  async findOwnerOf (db: Db, id: string): Promise<{ owner_id: string | null } | undefined> {
    return await db.selectFrom('exercises').select('owner_id').where('id', '=', id).executeTakeFirst()
  },

  /** The user's live custom exercises whose folded name equals this one (a superset of case-insensitive equality). */
  async findLiveCustomBySearchName (
    db: Db,
    userId: string,
    searchName: string
  ): Promise<Array<Pick<ExerciseRow, 'id' | 'name' | 'tracking'>>> {
    return await db.selectFrom('exercises').select(['id', 'name', 'tracking'])
      .where('owner_id', '=', userId).where('search_name', '=', searchName).where('archived_at', 'is', null)
      .execute()
  },

  /** False when the id is taken (by anyone): the primary key decides, so concurrent replays are safe. */
  async insert (db: Db, row: ExerciseRow): Promise<boolean> {
    const result = await db.insertInto('exercises')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  /** Only the owner's live custom exercise changes; anything else is left alone (false). */
  async updateCustom (
    db: Db,
    userId: string,
    id: string,
    changes: Partial<ExerciseColumns> & { updated_at: string }
  ): Promise<boolean> {
    const result = await db.updateTable('exercises').set(changes)
      .where('id', '=', id).where('owner_id', '=', userId).where('archived_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  /** Deleting archives: workouts and plans that used it keep showing its name. False when it was not live. */
  async archiveCustom (db: Db, userId: string, id: string, at: string): Promise<boolean> {
    const result = await db.updateTable('exercises').set({ archived_at: at, updated_at: at })
      .where('id', '=', id).where('owner_id', '=', userId).where('archived_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  /** Whether any logged workout uses the exercise (its sets were recorded under its tracking). */
  async isUsedInWorkouts (db: Db, exerciseId: string): Promise<boolean> {
    const row = await db.selectFrom('workout_exercises')
      .select('id')
      .where('exercise_id', '=', exerciseId)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }
}
