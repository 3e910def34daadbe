import { statfs } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import type { DatabaseConfig } from '../../config.js'
import type { AppDatabase } from '../../db/database.js'
import { isDatabaseUnavailable } from '../../db/errors.js'

/** `ok`, or `down: <reason>` in plain words: never SQL or driver text. */
export type CheckResult = 'ok' | `down: ${string}`

/** Below this much room for new pages (or free disk space) a write is about to fail. */
const MIN_FREE_BYTES = 1024 * 1024

interface SchemaRow { migrations: number, users: number }
interface SqlitePages { pageSize: number, pageCount: number, maxPageCount: number, freePages: number }
interface PgState { readOnly: string, recovery: boolean }

/**
 * Readiness of the database, in at most two cheap queries: the real schema is there (the
 * migrations table and `users`, read through an index), and a write could succeed: on SQLite
 * room for new pages (under max_page_count and on the disk), on PostgreSQL a server that is
 * not read-only (a standby, or default_transaction_read_only).
 */
export async function checkDatabase (database: AppDatabase, config: DatabaseConfig): Promise<CheckResult> {
  try {
    const { rows } = await sql<SchemaRow>`select (select count(*) from kysely_migration) as migrations,
      (select count(*) from (select 1 from users limit 1) as u) as users`.execute(database.db)
    if (Number(rows[0]?.migrations ?? 0) === 0) return 'down: schema missing'
    return database.dialect === 'sqlite'
      ? await sqliteWritable(database, config)
      : await postgresWritable(database)
  } catch (error) {
    return reasonOf(error)
  }
}

async function sqliteWritable (database: AppDatabase, config: DatabaseConfig): Promise<CheckResult> {
  const { rows } = await sql<SqlitePages>`select s.page_size as "pageSize", c.page_count as "pageCount",
    m.max_page_count as "maxPageCount", f.freelist_count as "freePages"
    from pragma_page_size() s, pragma_page_count() c, pragma_max_page_count() m, pragma_freelist_count() f`
    .execute(database.db)
  const pages = rows[0]
  const roomBytes = pages === undefined
    ? Infinity
    : (pages.maxPageCount - pages.pageCount + pages.freePages) * pages.pageSize
  if (roomBytes < MIN_FREE_BYTES) {
    return 'down: disk full'
  }
  if (config.dialect === 'sqlite' && config.file !== ':memory:') {
    const disk = await statfs(path.dirname(path.resolve(config.file)))
    if (disk.bavail * disk.bsize < MIN_FREE_BYTES) return 'down: disk full'
  }
  return 'ok'
}

async function postgresWritable (database: AppDatabase): Promise<CheckResult> {
  const { rows } = await sql<PgState>`select current_setting('transaction_read_only') as "readOnly",
    pg_is_in_recovery() as recovery`.execute(database.db)
  const state = rows[0]
  return state === undefined || state.readOnly === 'on' || state.recovery ? 'down: read-only' : 'ok'
}

function reasonOf (error: unknown): CheckResult {
  const { code, message } = (error ?? {}) as { code?: unknown, message?: unknown }
  // PostgreSQL: undefined_table; SQLite has no code of its own for it.
  if (code === '42P01' || (typeof message === 'string' && /^no such table/.test(message))) return 'down: schema missing'
  if (typeof code === 'string' && /^SQLITE_FULL/.test(code)) return 'down: disk full'
  if (code === '25006') return 'down: read-only'
  return isDatabaseUnavailable(error) ? 'down: unavailable' : 'down: failed'
}
