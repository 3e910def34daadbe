import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import { afterCursor, type CursorKey } from '../../lib/pagination.js'
import type { ImportsTable } from './imports.tables.js'

export type ImportRow = Selectable<ImportsTable>

/** A day: previews older than this are removed (the contract's 24 hours). */
export const PREVIEW_TTL_MS = 24 * 3600 * 1000
const previewCutoff = (now: number): string => new Date(now - PREVIEW_TTL_MS).toISOString()
// Columns without the parsed file, which can be megabytes: only the commit reads it.
const SUMMARY = ['id', 'user_id', 'source', 'status', 'file_name', 'weight_unit', 'distance_unit', 'time_zone',
  'counts', 'exercises', 'warnings', 'created_at', 'committed_at'] as const

/** Imports, always scoped to their owner; an expired preview is as good as gone. */
export const importsRepository = {
  async insert (db: Db, row: Insertable<ImportsTable>): Promise<void> {
    await db.insertInto('imports').values(row).execute()
  },

  async find (db: Db, userId: string, id: string, now = Date.now()): Promise<Omit<ImportRow, 'document'> | undefined> {
    const row = await db.selectFrom('imports').select(SUMMARY)
      .where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return row === undefined || isExpired(row, now) ? undefined : row
  },

  /** The import with its parsed file, locked for the caller's transaction (PostgreSQL; SQLite has one writer). */
  async lock (db: Db, userId: string, id: string, now = Date.now()): Promise<ImportRow | undefined> {
    const row = await db.selectFrom('imports').selectAll()
      .where('id', '=', id).where('user_id', '=', userId)
      .modifyEnd(sqlFns(db).forUpdate()).executeTakeFirst()
    return row === undefined || isExpired(row, now) ? undefined : row
  },

  async list (db: Db, userId: string, limit: number, after: CursorKey | undefined, now = Date.now()) {
    let q = db.selectFrom('imports').select(SUMMARY).where('user_id', '=', userId)
      .where((eb) => eb.or([eb('status', '!=', 'preview'), eb('created_at', '>=', previewCutoff(now))]))
    if (after !== undefined) q = q.where(afterCursor(['created_at', 'id'], after, 'desc'))
    return await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
  },

  async update (db: Db, userId: string, id: string, values: Partial<ImportsTable>): Promise<void> {
    await db.updateTable('imports').set(values).where('id', '=', id).where('user_id', '=', userId).execute()
  },

  async delete (db: Db, userId: string, id: string): Promise<void> {
    await db.deleteFrom('imports').where('id', '=', id).where('user_id', '=', userId).execute()
  },

  /** Removes every user's previews older than a day (their parsed files are the bulk of the table). */
  async deleteExpiredPreviews (db: Db, now = Date.now()): Promise<number> {
    const result = await db.deleteFrom('imports').where('status', '=', 'preview')
      .where('created_at', '<', previewCutoff(now)).executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

function isExpired (row: { status: string, created_at: string }, now: number): boolean {
  return row.status === 'preview' && row.created_at < previewCutoff(now)
}
