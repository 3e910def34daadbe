import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { afterCursor, decodeCursor, toPage } from '../../lib/pagination.js'
import type { GoalProgressTable } from './goals.tables.js'

export type GoalProgressRow = Selectable<GoalProgressTable>

export interface GoalProgressDto {
  id: string
  goalId: string
  value: number
  note: string | null
  recordedAt: string
  createdAt: string
}

export const toGoalProgress = (row: GoalProgressRow): GoalProgressDto => ({
  id: row.id,
  goalId: row.goal_id,
  value: row.value,
  note: row.note,
  recordedAt: row.recorded_at,
  createdAt: row.created_at
})

/** Manual goal updates. Every query is scoped by user and goal, so another user's rows are never found. */
export const goalProgressRepository = {
  async findById (db: Db, userId: string, goalId: string, id: string): Promise<GoalProgressRow | undefined> {
    return await db.selectFrom('goal_progress').selectAll()
      .where('id', '=', id).where('goal_id', '=', goalId).where('user_id', '=', userId).executeTakeFirst()
  },

  /** Any user's update with this id: only for client-supplied id checks. */
  async findAnyById (db: Db, id: string): Promise<GoalProgressRow | undefined> {
    return await db.selectFrom('goal_progress').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async insert (db: Db, row: GoalProgressRow): Promise<boolean> {
    const result = await db.insertInto('goal_progress')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  /** Every update of these goals, each goal's newest first (as its list): one query for a page of goals. */
  async forGoals (db: Db, userId: string, goalIds: string[]): Promise<GoalProgressRow[]> {
    if (goalIds.length === 0) return []
    return await db.selectFrom('goal_progress').selectAll()
      .where('user_id', '=', userId).where('goal_id', 'in', goalIds)
      .orderBy('goal_id').orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute()
  },

  /** Newest first by (recordedAt, id). */
  async list (
    db: Db,
    userId: string,
    goalId: string,
    query: { limit?: number, cursor?: string }
  ): Promise<{ items: GoalProgressDto[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const after = decodeCursor(query.cursor, 2)
    let q = db.selectFrom('goal_progress').selectAll().where('goal_id', '=', goalId).where('user_id', '=', userId)
    if (after !== undefined) q = q.where(afterCursor(['recorded_at', 'id'], after, 'desc'))
    const rows = await q.orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
    return toPage(rows, limit, toGoalProgress, (r) => [r.recorded_at, r.id])
  }
}
