import type { Kysely } from 'kysely'

// Read models kept beside the data they are made of, so the hottest reads are one row:
// - workouts.document: the serialized GET /workouts/{id} answer, cleared (and revision bumped)
//   by every write to the workout in the write's transaction, rebuilt by the next read;
// - stats_cache: serialized statistics per user, valid while their tag matches the user's
//   stats_version, which every write that changes statistics bumps in its transaction.
// Both live in the database, so every API instance sees the same, exact state.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workouts').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('workouts').addColumn('document', 'text').execute()
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
  await db.schema.alterTable('workouts').dropColumn('document').execute()
  await db.schema.alterTable('workouts').dropColumn('revision').execute()
}
