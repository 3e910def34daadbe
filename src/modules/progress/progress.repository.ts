import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { afterCursor, decodeCursor, toPage } from '../../lib/pagination.js'
import type { TimeRange } from '../../lib/time.js'
import type { ProgressLogDto, ProgressLogQueryInput } from './progress.schemas.js'
import type { ProgressLogsTable } from './progress.tables.js'

export type ProgressLogRow = Selectable<ProgressLogsTable>

export const toProgressLog = (row: ProgressLogRow): ProgressLogDto => ({
  id: row.id,
  metric: row.metric,
  value: row.value,
  unit: row.unit,
  measuredAt: row.measured_at,
  note: row.note,
  createdAt: row.created_at,
  updatedAt: row.updated_at
})

export const progressRepository = {
  async findById (db: Db, userId: string, id: string): Promise<ProgressLogRow | undefined> {
    return await db.selectFrom('progress_logs')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** Any user's log with this id: only for client-supplied id checks. */
  async findAnyById (db: Db, id: string): Promise<ProgressLogRow | undefined> {
    return await db.selectFrom('progress_logs').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /** False when the id already exists (a concurrent create with the same client id). */
  async insert (db: Db, row: ProgressLogRow): Promise<boolean> {
    const result = await db.insertInto('progress_logs')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  async update (
    db: Db,
    userId: string,
    id: string,
    changes: Partial<Pick<ProgressLogRow, 'value' | 'measured_at' | 'note' | 'updated_at'>>
  ): Promise<void> {
    await db.updateTable('progress_logs').set(changes).where('id', '=', id).where('user_id', '=', userId).execute()
  },

  async delete (db: Db, userId: string, id: string): Promise<void> {
    await db.deleteFrom('progress_logs').where('id', '=', id).where('user_id', '=', userId).execute()
  },

  /** Newest first by (measuredAt, id); `from` and `to` are inclusive. */
  async list (
    db: Db,
    userId: string,
    query: ProgressLogQueryInput,
    range: TimeRange
  ): Promise<{ items: ProgressLogDto[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const after = decodeCursor(query.cursor, 2)
    let q = db.selectFrom('progress_logs').selectAll().where('user_id', '=', userId)
    if (query.metric !== undefined) q = q.where('metric', '=', query.metric)
    if (range.from !== null) q = q.where('measured_at', '>=', range.from)
    if (range.to !== null) q = q.where('measured_at', '<=', range.to)
    if (after !== undefined) q = q.where(afterCursor(['measured_at', 'id'], after, 'desc'))
    const rows = await q.orderBy('measured_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
    return toPage(rows, limit, toProgressLog, (r) => [r.measured_at, r.id])
  },

  async hasLogs (db: Db, userId: string, metric: string): Promise<boolean> {
    const row = await db.selectFrom('progress_logs')
      .select('id')
      .where('user_id', '=', userId)
      .where('metric', '=', metric)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  },

  async customMetrics (db: Db, userId: string): Promise<Array<{ metric: string, unit: string }>> {
    return await db.selectFrom('custom_metrics')
      .select(['metric', 'unit'])
      .where('user_id', '=', userId)
      .orderBy('metric')
      .execute()
  },

  async customUnit (db: Db, userId: string, metric: string): Promise<string | undefined> {
    const row = await db.selectFrom('custom_metrics')
      .select('unit')
      .where('user_id', '=', userId)
      .where('metric', '=', metric)
      .executeTakeFirst()
    return row?.unit
  },

  /** Registers a custom metric's unit unless it already has one; returns the unit in force. */
  async claimCustomUnit (db: Db, userId: string, metric: string, unit: string, now: string): Promise<string> {
    await db.insertInto('custom_metrics').values({ user_id: userId, metric, unit, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'metric']).doNothing()).execute()
    return await this.customUnit(db, userId, metric) ?? unit
  },

  async dropCustomMetric (db: Db, userId: string, metric: string): Promise<void> {
    await db.deleteFrom('custom_metrics').where('user_id', '=', userId).where('metric', '=', metric).execute()
  }
}
