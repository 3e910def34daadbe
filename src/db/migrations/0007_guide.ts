import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  // The guide's own state beside the workout: the current step is derived from the workout's
  // sets on every read, so only what the sets cannot say lives here (rest timer, skips).
  await db.schema.createTable('guide_states')
    .addColumn('workout_id', 'text', (c) => c.primaryKey().references('workouts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('rest_ends_at', 'text')
    .addColumn('skipped_set_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Short-lived, single-use tickets for EventSource clients, which cannot send a header.
  await db.schema.createTable('guide_tickets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workout_id', 'text', (c) => c.notNull().references('workouts.id').onDelete('cascade'))
    // The login session that asked for it: the stream it opens ends when that session does.
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('guide_tickets_user').on('guide_tickets').columns(['user_id', 'expires_at']).execute()
  await db.schema.createIndex('guide_tickets_workout').on('guide_tickets').column('workout_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_tickets').execute()
  await db.schema.dropTable('guide_states').execute()
}
