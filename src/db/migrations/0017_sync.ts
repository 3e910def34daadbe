import { sql, type Kysely } from 'kysely'

// The change feed (shared/API.md, Sync; docs/sync.md). `changes` holds one row per resource a
// user can sync: its latest change, numbered by the user's own counter (`change_counters.seq`),
// which every write bumps in its own transaction as its last lock, so numbers follow commit
// order. A delete leaves its row as a tombstone (op 'delete') until it is 30 days old; the
// highest number pruned so far is `pruned_seq`, and an older cursor has expired.
// Existing data: every live resource of every user gets an upsert at number 1, so a first sync
// (no cursor) sees everything, and every user's counter starts at 1. Frozen: no application code.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('change_counters')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('pruned_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createTable('changes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('changes_pk', ['user_id', 'type', 'resource_id'])
    .execute()
  await db.schema.createIndex('changes_feed').on('changes').columns(['user_id', 'seq', 'type', 'resource_id']).execute()
  await db.schema.createIndex('changes_tombstones').on('changes').columns(['user_id', 'op', 'changed_at']).execute()

  const now = new Date().toISOString()
  await sql`insert into change_counters (user_id, seq, pruned_seq) select id, 1, 0 from users`.execute(db)
  const live: Array<[string, string, string]> = [
    ['user', 'users', 'id'],
    ['workout', 'workouts', 'user_id'],
    ['progress_log', 'progress_logs', 'user_id'],
    ['goal', 'goals', 'user_id'],
    ['plan', 'plans', 'user_id']
  ]
  for (const [type, table, owner] of live) {
    await sql`insert into changes (user_id, type, resource_id, seq, op, changed_at)
      select ${sql.ref(owner)}, ${type}, id, 1, 'upsert', ${now} from ${sql.table(table)}`.execute(db)
  }
  await sql`insert into changes (user_id, type, resource_id, seq, op, changed_at)
    select owner_id, 'exercise', id, 1, 'upsert', ${now} from exercises
    where owner_id is not null and archived_at is null`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('changes').execute()
  await db.schema.dropTable('change_counters').execute()
}
