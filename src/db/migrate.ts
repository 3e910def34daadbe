import { Migrator, type Kysely, type Migration } from 'kysely'
import { migrations } from './migrations/index.js'

export interface MigrationReport { applied: string[] }

/**
 * Applies the statically listed migrations in name order. Idempotent: applied ones are recorded
 * in kysely_migration, and on PostgreSQL an advisory lock lets several instances start at once.
 */
export async function migrateToLatest (db: Kysely<any>, list: Record<string, Migration> = migrations): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list } })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
