import { Migrator, sql, type Kysely, type Migration } from 'kysely'
import { migrations } from './migrations/index.js'
import { isPostgres, writeTransaction } from './sql.js'

export interface MigrationReport { applied: string[] }

/**
 * Applies the statically listed migrations in name order. Idempotent: applied ones are recorded
 * in kysely_migration. Instances starting at once take turns (see exclusively): the one that
 * holds the lock creates the bookkeeping tables, reads what ran and runs the rest; the others
 * then read that everything ran.
 */
export async function migrateToLatest (
  db: Kysely<any>,
  list: Record<string, Migration> = migrations
): Promise<MigrationReport> {
  return await exclusively(db, async (conn) => {
    const migrator = new Migrator({
      db: conn,
      provider: { getMigrations: async () => list },
      migrationTableSchema: await bookkeepingSchema(conn)
    })
    let { error, results } = await migrator.migrateToLatest()
    // Kysely looks for its bookkeeping tables by introspecting every schema of the database, and
    // fails (3F000) when another schema is dropped meanwhile (test runs drop theirs); nothing
    // has been applied then, so the run is simply repeated.
    for (let retry = 0; retry < 3 && isSchemaGone(error) && (results ?? []).length === 0; retry++) {
      ({ error, results } = await migrator.migrateToLatest())
    }
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
      throw new Error(
        `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
    }
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
  })
}

const isSchemaGone = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === '3F000'

/** How long an instance waits for another one's migration run on SQLite before giving up. */
const SQLITE_WAIT_MS = 10 * 60_000

/**
 * Runs `fn` on one connection while no other instance migrates the same database. Kysely's own
 * lock does not cover its bookkeeping tables and does nothing on SQLite, where two processes
 * would both read "nothing applied" and both create the tables.
 * - PostgreSQL: a session-level advisory lock keyed by the current schema, held on this
 *   connection for the whole run (Kysely runs the pending migrations in one transaction inside).
 * - SQLite: one BEGIN IMMEDIATE transaction around the run (writeTransaction), which takes the
 *   database's write lock before anything is read, so a waiting instance reads the winner's
 *   committed work; the run is also all or nothing. An instance waits up to SQLITE_WAIT_MS.
 */
async function exclusively<T> (db: Kysely<any>, fn: (conn: Kysely<any>) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return await writeTransaction(db, fn, SQLITE_WAIT_MS)
  return await db.connection().execute(async (conn) => {
    const key = sql`hashtextextended('spotter.migrate.' || current_schema(), 0)`
    await sql`select pg_advisory_lock(${key})`.execute(conn)
    try {
      return await fn(conn)
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn)
    }
  })
}

/**
 * Kysely looks for its kysely_migration tables in every schema unless told which one, so such a
 * table in another schema of the same database (another deployment, a parallel test run) would
 * be taken for ours and migrating would fail. On PostgreSQL, name the current schema.
 */
async function bookkeepingSchema (db: Kysely<any>): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema
}
