import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('days_per_week', 'integer', (c) => c.notNull())
    .addColumn('session_duration_min', 'integer', (c) => c.notNull())
    .addColumn('exercise_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('plans_user_created').on('plans').columns(['user_id', 'created_at', 'id']).execute()
  // The database itself guarantees "one active plan per user", whatever races the code has.
  await db.schema.createIndex('plans_one_active').on('plans').column('user_id').unique()
    .where(sql.ref('is_active'), '=', 1).execute()

  // user_id is copied down so every lookup is scoped to its owner without joins.
  await db.schema.createTable('plan_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('weekday', 'integer')
    .execute()
  await db.schema.createIndex('plan_days_plan').on('plan_days').columns(['plan_id', 'position']).execute()

  await db.schema.createTable('plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day_id', 'text', (c) => c.notNull().references('plan_days.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // Exercises are only ever hard-deleted with their owner (otherwise archived), and a custom
    // exercise only appears in its owner's plans: cascading lets DELETE /me pass PostgreSQL's
    // end-of-statement foreign key check, which a plain reference fails.
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sets', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer')
    .addColumn('reps_min', 'integer')
    .addColumn('reps_max', 'integer')
    .addColumn('weight_kg', 'double precision')
    .addColumn('duration_sec', 'double precision')
    .addColumn('distance_m', 'double precision')
    .addColumn('rest_sec', 'integer', (c) => c.notNull())
    .addColumn('superset_group', 'integer')
    .addColumn('notes', 'text')
    .execute()
  await db.schema.createIndex('plan_items_day').on('plan_items').columns(['day_id', 'position']).execute()
  await db.schema.createIndex('plan_items_plan').on('plan_items').column('plan_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_items').execute()
  await db.schema.dropTable('plan_days').execute()
  await db.schema.dropTable('plans').execute()
}
