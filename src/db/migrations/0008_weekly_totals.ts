import type { Kysely } from 'kysely'

// Per user and ISO week, the totals of completed workouts, maintained on write: the summary,
// streaks and weekly volume read one row per active week, so their cost follows the span of a
// history in weeks, not the number of workouts or sets in it.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('weekly_totals')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('workouts', 'integer', (c) => c.notNull())
    .addColumn('sets', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer', (c) => c.notNull())
    .addColumn('volume_kg', 'double precision', (c) => c.notNull())
    .addColumn('duration_sec', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('weekly_totals_pk', ['user_id', 'week'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_totals').execute()
}
