import { Migrator, PostgresAdapter, sql, type Kysely, type Migration } from 'kysely'
import { migrations } from './migrations/index.js'

export interface MigrationReport { applied: string[] }

/**
 * Applies the statically listed migrations in name order. Idempotent: applied ones are recorded
 * in kysely_migration, and on PostgreSQL an advisory lock lets several instances start at once.
 */
export async function migrateToLatest (
  db: Kysely<any>,
  list: Record<string, Migration> = migrations
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => list },
    migrationTableSchema: await bookkeepingSchema(db)
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    )
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

/**
 * Kysely looks for its kysely_migration tables in every schema unless told which one, so such a
 * table in another schema of the same database (another deployment, a parallel test run) would
 * be taken for ours and migrating would fail. On PostgreSQL, name the current schema.
 */
async function bookkeepingSchema (db: Kysely<any>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema
}
