import { sql, type Kysely } from 'kysely'
import { DIMENSIONS, weeklyBreakdownsRepository } from '../../modules/stats/weekly-breakdowns.repository.js'

// Per user, ISO week and exercise (or primary muscle), the volume of completed workouts,
// maintained beside weekly_totals: volume by exercise or muscle over the whole history then
// reads one row per week and key, however many workouts each week holds. Existing histories
// are filled in here, with the same query the writes use.
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
  for (const dimension of DIMENSIONS) await weeklyBreakdownsRepository.insert(db, dimension, sql`1 = 1`)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_breakdowns').execute()
}
