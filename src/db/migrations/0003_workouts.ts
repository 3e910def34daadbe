import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  // set_count, reps and volume_kg are maintained on every write in the same transaction
  // (completed sets; volume without warm-ups), so lists and statistics read one row per
  // workout instead of scanning every set.
  await db.schema.createTable('workouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('plan_day_id', 'text')
    .addColumn('exercise_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('set_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volume_kg', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('workouts_user_started').on('workouts').columns(['user_id', 'started_at', 'id']).execute()

  // user_id is copied from the workout so per-user, per-exercise queries need no join.
  await db.schema.createTable('workout_exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workout_id', 'text', (c) => c.notNull().references('workouts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    // Exercises are archived, never deleted, except with their owner's account: then the
    // workout rows go too (PostgreSQL checks the reference row by row during the cascade).
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('rest_sec', 'integer')
    .addColumn('superset_group', 'integer')
    .addColumn('set_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volume_kg', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('workout_exercises_workout')
    .on('workout_exercises')
    .columns(['workout_id', 'position'])
    .execute()
  await db.schema.createIndex('workout_exercises_user_exercise')
    .on('workout_exercises')
    .columns(['user_id', 'exercise_id', 'workout_id'])
    .execute()

  await db.schema.createTable('sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workout_exercise_id', 'text', (c) => c.notNull().references('workout_exercises.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('reps', 'integer')
    .addColumn('weight_kg', 'double precision')
    .addColumn('duration_sec', 'double precision')
    .addColumn('distance_m', 'double precision')
    .addColumn('rpe', 'double precision')
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('completed_at', 'text')
    .addColumn('target_reps', 'integer')
    .addColumn('target_weight_kg', 'double precision')
    .addColumn('target_duration_sec', 'double precision')
    .addColumn('target_distance_m', 'double precision')
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('sets_workout_exercise').on('sets').columns(['workout_exercise_id', 'position']).execute()

  // Each user's best per exercise and record kind, maintained on write: newRecords, records,
  // and goals read this table instead of rescanning the history.
  await db.schema.createTable('exercise_bests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('exercise_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('reps', 'integer')
    .addColumn('weight_kg', 'double precision')
    .addColumn('workout_id', 'text', (c) => c.notNull())
    .addColumn('achieved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exercise_bests_pk', ['user_id', 'exercise_id', 'kind'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exercise_bests').execute()
  await db.schema.dropTable('sets').execute()
  await db.schema.dropTable('workout_exercises').execute()
  await db.schema.dropTable('workouts').execute()
}
