import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Per user and ISO week, the totals of completed workouts, maintained on write: the summary,
// streaks and weekly volume read one row per active week, so their cost follows the span of a
// history in weeks, not the number of workouts or sets in it.
//
// Frozen: this file never imports application code; it fills the table for the workouts that
// exist when it runs, with the week rule of its time (UTC weeks; 0011 files them again in each
// user's time zone). Databases that ran an earlier version of this file, which left the table
// empty, are brought up to date by 0011.
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
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const epoch = (column: string) => pg
    ? sql`extract(epoch from (${sql.ref(column)})::timestamptz)::double precision`
    : sql`unixepoch(${sql.ref(column)}, 'subsec')`
  const week = sql`cast(floor((${epoch('started_at')} / 86400.0 + 3) / 7.0) as integer)`
  await sql`insert into weekly_totals (user_id, week, workouts, sets, reps, volume_kg, duration_sec)
    select user_id, ${week}, count(*), sum(set_count), sum(reps), sum(volume_kg),
      sum(${epoch('ended_at')} - ${epoch('started_at')})
    from workouts where status = 'completed' group by user_id, ${week}`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_totals').execute()
}
