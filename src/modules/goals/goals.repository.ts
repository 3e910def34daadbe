import { sql, type Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import type { GoalsTable } from './goals.tables.js'

export type GoalRow = Selectable<GoalsTable>
export type GoalChanges = Partial<Pick<GoalRow, 'title' | 'target_value' | 'deadline' | 'status' | 'achieved_at' | 'updated_at'>>

export const goalsRepository = {
  async findById (db: Db, userId: string, id: string): Promise<GoalRow | undefined> {
    return await db.selectFrom('goals').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  },

  /** Any user's goal with this id: only for client-supplied id checks. */
  async findAnyById (db: Db, id: string): Promise<GoalRow | undefined> {
    return await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /** False when the id already exists (a concurrent create with the same client id). */
  async insert (db: Db, row: GoalRow): Promise<boolean> {
    const result = await db.insertInto('goals').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  async update (db: Db, userId: string, id: string, changes: GoalChanges): Promise<void> {
    await db.updateTable('goals').set(changes).where('id', '=', id).where('user_id', '=', userId).execute()
  },

  /** Marks an active goal achieved; a goal that is no longer active (a concurrent write got there first) is left alone. */
  async markAchieved (db: Db, userId: string, id: string, achievedAt: string, now: string): Promise<void> {
    await db.updateTable('goals').set({ status: 'achieved', achieved_at: achievedAt, updated_at: now })
      .where('id', '=', id).where('user_id', '=', userId).where('status', '=', 'active').execute()
  },

  async delete (db: Db, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('goals').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(result.numDeletedRows) === 1
  },

  /** Newest first by (createdAt, id). */
  async list (db: Db, userId: string, query: { status?: string, limit?: number, cursor?: string }): Promise<{ items: GoalRow[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const after = decodeCursor(query.cursor, 2)
    let q = db.selectFrom('goals').selectAll().where('user_id', '=', userId)
    if (query.status !== undefined) q = q.where('status', '=', query.status)
    if (after !== undefined) {
      const [at, id] = after.map(String)
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]))
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
    return toPage(rows, limit, (r) => r, (r) => [r.created_at, r.id])
  },

  /**
   * The user's active goals of the given types (and, for exercise goals, of the given exercises).
   * SQL text: this runs inside every training write (goal evaluation), where building the query
   * with the builder cost several times what running it did.
   */
  async active (db: Db, userId: string, filter: { metric?: string, exerciseIds?: string[], types: string[] }): Promise<GoalRow[]> {
    if (filter.types.length === 0) return []
    const ids = filter.exerciseIds
    const metric = filter.metric === undefined ? sql`` : sql` and metric = ${filter.metric}`
    const exercise = ids === undefined
      ? sql``
      : ids.length === 0 ? sql` and exercise_id is null` : sql` and (exercise_id is null or exercise_id in (${sql.join(ids)}))`
    const { rows } = await sql<GoalRow>`select * from goals
      where user_id = ${userId} and status = 'active' and type in (${sql.join(filter.types)})${metric}${exercise}
      order by created_at, id`.execute(db)
    return rows
  }
}
