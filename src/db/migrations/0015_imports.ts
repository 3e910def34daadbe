import type { Kysely } from 'kysely'

// Imports from other apps (Strong, Hevy, FitNotes) and Spotter's own export. A preview keeps
// the parsed file (`document`, JSON text) until it is committed or discarded, or expires after a
// day. What a commit created is listed (import_workouts, import_rows) with the updated_at it had
// then, so an undo removes exactly that and keeps what the user changed since; import_workouts
// also finds the workouts a second import of the same file would duplicate. Everything goes with
// the user; a workout deleted by hand takes its listing with it.
// Frozen: no application code.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('weight_unit', 'text', (c) => c.notNull())
    .addColumn('distance_unit', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('exercises', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute()
  await db.schema.createIndex('imports_user_created').on('imports').columns(['user_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('imports_status_created').on('imports').columns(['status', 'created_at']).execute()

  await db.schema.createTable('import_workouts')
    .addColumn('workout_id', 'text', (c) => c.primaryKey().references('workouts.id').onDelete('cascade'))
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('import_workouts_key').on('import_workouts')
    .columns(['user_id', 'source', 'started_at']).execute()
  await db.schema.createIndex('import_workouts_import').on('import_workouts').column('import_id').execute()

  await db.schema.createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'kind', 'row_id'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_rows').execute()
  await db.schema.dropTable('import_workouts').execute()
  await db.schema.dropTable('imports').execute()
}
