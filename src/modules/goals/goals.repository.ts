import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { afterCursor, decodeCursor, toPage } from '../../lib/pagination.js'
import type { GoalsTable } from './goals.tables.js'

export type GoalRow = Selectable<GoalsTable>
export type GoalChanges =
  Partial<Pick<GoalRow, 'title' | 'target_value' | 'deadline' | 'status' | 'achieved_at' | 'updated_at'>>

export const goalsRepository = {
  async findById (db: Db, userId: string, id: string): Promise<GoalRow | undefined> {
    return await db.selectFrom('goals')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** Any user's goal with this id: only for client-supplied id checks. */
  async findAnyById (db: Db, id: string): Promise<GoalRow | undefined> {
    return await db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /** False when the id already exists (a concurrent create with the same client id). */
  async insert (db: Db, row: GoalRow): Promise<boolean> {
    const result = await db.insertInto('goals')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  /** False when the goal is not there (any more). */
  async update (db: Db, userId: string, id: string, changes: GoalChanges): Promise<boolean> {
    const result = await db.updateTable('goals').set(changes).where('id', '=', id).where('user_id', '=', userId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  async delete (db: Db, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('goals').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(result.numDeletedRows) === 1
  },

  /** Newest first by (createdAt, id). */
  async list (
    db: Db,
    userId: string,
    query: { status?: string, limit?: number, cursor?: string }
  ): Promise<{ items: GoalRow[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const after = decodeCursor(query.cursor, 2)
    let q = db.selectFrom('goals').selectAll().where('user_id', '=', userId)
    if (query.status !== undefined) q = q.where('status', '=', query.status)
    if (after !== undefined) q = q.where(afterCursor(['created_at', 'id'], after, 'desc'))
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
    return toPage(rows, limit, (r) => r, (r) => [r.created_at, r.id])
  }
}
