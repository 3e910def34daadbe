import type { Kysely } from 'kysely'

// Password reset tokens, by SHA-256 hash only (the token itself is only in the mail). A row is
// single use (used_at) and expires (expires_at); the user's rows go with the user.
// Frozen: no application code.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute()
  await db.schema.createIndex('password_resets_expires').on('password_resets').column('expires_at').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute()
}
