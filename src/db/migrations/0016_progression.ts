import { sql, type Kysely } from 'kysely'

// Training tools: a plan item's progression rule (JSON text or null) and whether its start adds
// warm-up sets; a workout exercise remembers the plan item it was started from, which is how the
// next start finds "the last completed workout started from the same plan item". No foreign key,
// as workouts.plan_id has none: a deleted item simply has no next start.
// Existing data: workouts started from a plan day before this migration get their exercises linked
// to the day's item at the same position with the same exercise (how a start created them), so a
// rule added later already sees that history. Frozen: no application code.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plan_items').addColumn('progression', 'text').execute()
  await db.schema.alterTable('plan_items')
    .addColumn('warmup_sets', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('workout_exercises').addColumn('plan_item_id', 'text').execute()
  await db.schema.createIndex('workout_exercises_plan_item')
    .on('workout_exercises')
    .columns(['user_id', 'plan_item_id'])
    .where(sql.ref('plan_item_id'), 'is not', null)
    .execute()
  await sql`update workout_exercises set plan_item_id = (
      select pi.id from plan_items pi join workouts w on w.plan_day_id = pi.day_id
      where w.id = workout_exercises.workout_id and pi.position = workout_exercises.position
        and pi.exercise_id = workout_exercises.exercise_id and pi.user_id = workout_exercises.user_id
      limit 1)
    where workout_id in (select id from workouts where plan_day_id is not null)`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('workout_exercises_plan_item').execute()
  await db.schema.alterTable('workout_exercises').dropColumn('plan_item_id').execute()
  await db.schema.alterTable('plan_items').dropColumn('warmup_sets').execute()
  await db.schema.alterTable('plan_items').dropColumn('progression').execute()
}
