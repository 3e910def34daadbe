import type { Kysely } from 'kysely'

// Read models kept beside the data they are made of, so the hottest reads are one row:
// - workout_documents: the serialized GET /workouts/{id} answer, valid while its revision is
//   the workout's; every write to the workout bumps workouts.revision in its transaction;
// - stats_cache: serialized statistics per user, valid while their tag matches the user's
//   stats_version, which every write that changes statistics bumps in its transaction.
// Both live in the database, so every API instance sees the same, exact state. They have
// tables of their own so that the workouts rows that lists and statistics scan stay small.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workouts').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.createTable('workout_documents')
    .addColumn('workout_id', 'text', (c) => c.primaryKey().references('workouts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('users').addColumn('stats_version', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.createTable('stats_cache')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_cache_pk', ['user_id', 'name'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_cache').execute()
  await db.schema.alterTable('users').dropColumn('stats_version').execute()
  await db.schema.dropTable('workout_documents').execute()
  await db.schema.alterTable('workouts').dropColumn('revision').execute()
}
