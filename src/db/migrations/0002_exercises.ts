import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  // owner_id NULL marks a predefined exercise. Arrays are JSON text (portable across dialects);
  // search_name is the name lower-cased and stripped of accents, for accent-insensitive search.
  await db.schema.createTable('exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('instructions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('primary_muscles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('secondary_muscles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('equipment', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('mechanic', 'text')
    .addColumn('force', 'text')
    .addColumn('tracking', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('exercises_owner_name')
    .on('exercises')
    .columns(['owner_id', 'search_name', 'id'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exercises').execute()
}
