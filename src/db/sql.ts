import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely'

/**
 * The few SQL expressions that differ between SQLite and PostgreSQL, behind one interface, so
 * queries stay single-path. Instants are ISO 8601 UTC text in both.
 */
export interface SqlDialectFns {
  /** Seconds since the Unix epoch of an ISO instant column. */
  epochSeconds: (instant: Expression<unknown>) => RawBuilder<number>
  /** Rows of a JSON-array text column, as a table source aliased `(value)`. */
  jsonArrayElements: (column: Expression<unknown>, alias: string) => RawBuilder<unknown>
  /**
   * Appended to a select that reads rows (of `alias`) it is about to change: locks them until
   * commit (PostgreSQL; SQLite has one writer). NO KEY UPDATE, as an UPDATE of other columns
   * takes: it does not wait for the KEY SHARE locks that inserts referencing the row hold, so
   * concurrent inserts of a user's rows never deadlock with it.
   */
  forUpdate: (alias?: string) => RawBuilder<unknown>
  /**
   * A select-list item that takes a transaction-scoped lock on the key `text` (PostgreSQL; on
   * SQLite, with one writer, nothing). Later statements of the transaction then see what the
   * last holder committed.
   */
  lockKeyColumn: (text: Expression<unknown>) => RawBuilder<unknown>
  /** An aggregate of one JSON array per row: `[[a, b, …], …]` (NULL or '[]' over no rows; parse with jsonRows). */
  jsonArrays: (values: Array<Expression<unknown>>) => RawBuilder<unknown>
}

const sqlite: SqlDialectFns = {
  epochSeconds: (instant) => sql<number>`unixepoch(${instant}, 'subsec')`,
  jsonArrayElements: (column, alias) => sql`json_each(${column}) as ${sql.raw(alias)}`,
  forUpdate: () => sql``,
  lockKeyColumn: () => sql``,
  jsonArrays: (values) => sql`json_group_array(json_array(${sql.join(values)}))`
}

const postgres: SqlDialectFns = {
  epochSeconds: (instant) => sql<number>`extract(epoch from (${instant})::timestamptz)::double precision`,
  jsonArrayElements: (column, alias) => sql`jsonb_array_elements_text((${column})::jsonb) as ${sql.raw(alias)}(value)`,
  forUpdate: (alias) => alias === undefined ? sql` for no key update` : sql` for no key update of ${sql.raw(alias)}`,
  lockKeyColumn: (text) => sql`, pg_advisory_xact_lock(hashtextextended(${text}, 0)) as key_locked`,
  jsonArrays: (values) => sql`json_agg(json_build_array(${sql.join(values)}))`
}

export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter

export const sqlFns = (db: Kysely<any>): SqlDialectFns => isPostgres(db) ? postgres : sqlite

/** ISO week index (weeks since Monday 1969-12-29, UTC) of an epoch-seconds expression. */
export const isoWeekIndexSql = (epochSeconds: RawBuilder<number>): RawBuilder<number> =>
  sql<number>`cast(floor((${epochSeconds} / 86400.0 + 3) / 7.0) as integer)`

/** The Monday (YYYY-MM-DD) that starts ISO week `index`. */
export const mondayOfWeekIndex = (index: number): string =>
  new Date((index * 7 - 3) * 86_400_000).toISOString().slice(0, 10)

/** ISO week index of a JS time. */
export const isoWeekIndex = (ms: number): number => Math.floor((ms / 86_400_000 + 3) / 7)

/**
 * Runs reads that must agree with each other (a document assembled from several statements)
 * in one snapshot: on PostgreSQL a read-only repeatable-read transaction, on SQLite a read
 * transaction (WAL), so no write can commit between them.
 */
export async function inSnapshot<DB, T> (db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn)
}

/**
 * Takes transaction-scoped locks on these keys, in one order (so two writers never deadlock
 * over them), in one statement; nothing on SQLite, which has one writer.
 */
export async function lockKeys (db: Kysely<any>, keys: string[]): Promise<void> {
  if (!isPostgres(db) || keys.length === 0) return
  const sorted = [...new Set(keys)].sort()
  await sql`select ${sql.join(sorted.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`))}`.execute(db)
}

/**
 * A transaction that reads, then writes, safe against other processes on one SQLite file:
 * BEGIN IMMEDIATE takes the write lock before anything is read (waiting through busy_timeout,
 * and again while the file stays busy, up to `waitMs`). A plain BEGIN would read a snapshot that
 * another process's commit makes stale, and its first write would then fail at once with
 * SQLITE_BUSY ("database is locked"). On PostgreSQL, an ordinary transaction.
 */
export async function writeTransaction<DB, T> (
  db: Kysely<DB>,
  fn: (trx: Kysely<DB>) => Promise<T>,
  waitMs = 60_000
): Promise<T> {
  if (isPostgres(db)) return await db.transaction().execute(fn)
  return await db.connection().execute(async (conn) => {
    const deadline = Date.now() + waitMs
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn)
        break
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error
      }
    }
    let result: T
    try {
      result = await fn(conn)
    } catch (error) {
      // Some errors end the transaction themselves; the error is what matters.
      await sql`rollback`.execute(conn).catch(() => {})
      throw error
    }
    await sql`commit`.execute(conn)
    return result
  })
}

/** The rows of a jsonArrays aggregate: PostgreSQL's driver parses json, SQLite answers text. */
export function jsonRows (value: unknown): unknown[][] {
  if (value === null || value === undefined) return []
  return typeof value === 'string' ? JSON.parse(value) as unknown[][] : value as unknown[][]
}
