import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Per user, ISO week and exercise (or primary muscle), the volume of completed workouts,
// maintained beside weekly_totals: volume by exercise or muscle over the whole history then
// reads one row per week and key, however many workouts each week holds. Existing histories
// are filled in here (frozen: no application code; UTC weeks, as of this migration).
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('weekly_breakdowns')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('volume_kg', 'double precision', (c) => c.notNull())
    .addColumn('sets', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer', (c) => c.notNull())
    .addColumn('workouts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('weekly_breakdowns_pk', ['user_id', 'dimension', 'week', 'key'])
    .execute()
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const epoch = pg
    ? sql`extract(epoch from (w.started_at)::timestamptz)::double precision`
    : sql`unixepoch(w.started_at, 'subsec')`
  const week = sql`cast(floor((${epoch} / 86400.0 + 3) / 7.0) as integer)`
  const muscles = pg
    ? sql`jsonb_array_elements_text((e.primary_muscles)::jsonb) as m(value)`
    : sql`json_each(e.primary_muscles) as m`
  for (const [dimension, key, join] of [
    ['exercise', sql`we.exercise_id`, sql``],
    ['muscle', sql`m.value`, sql`join exercises e on e.id = we.exercise_id cross join ${muscles}`]
  ] as const) {
    await sql`insert into weekly_breakdowns (user_id, week, dimension, key, volume_kg, sets, reps, workouts)
      select w.user_id, ${week}, ${sql.lit(dimension)}, ${key},
        sum(we.volume_kg), sum(we.set_count), sum(we.reps), count(distinct w.id)
      from workouts w join workout_exercises we on we.workout_id = w.id ${join}
      where w.status = 'completed'
      group by w.user_id, ${week}, ${key}`.execute(db)
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_breakdowns').execute()
}
