import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('progress_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('measured_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // Lists (newest first, optionally by metric) and "latest log of a metric" are index range scans.
  await db.schema.createIndex('progress_logs_user_metric_time').on('progress_logs').columns(['user_id', 'metric', 'measured_at', 'id']).execute()
  await db.schema.createIndex('progress_logs_user_time').on('progress_logs').columns(['user_id', 'measured_at', 'id']).execute()

  // The primary key makes "the first log fixes the unit" safe against concurrent first logs.
  await db.schema.createTable('custom_metrics')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('custom_metrics_pk', ['user_id', 'metric'])
    .execute()

  await db.schema.createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('metric', 'text')
    .addColumn('exercise_id', 'text', (c) => c.references('exercises.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('start_value', 'double precision', (c) => c.notNull())
    .addColumn('target_value', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('achieved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // Lists (all, or by status) newest first; evaluation reads a user's active goals.
  await db.schema.createIndex('goals_user_created').on('goals').columns(['user_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('goals_user_status_created').on('goals').columns(['user_id', 'status', 'created_at', 'id']).execute()

  await db.schema.createTable('goal_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('goal_progress_goal_time').on('goal_progress').columns(['goal_id', 'recorded_at', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goal_progress').execute()
  await db.schema.dropTable('goals').execute()
  await db.schema.dropTable('custom_metrics').execute()
  await db.schema.dropTable('progress_logs').execute()
}
