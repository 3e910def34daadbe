import { sql, type Kysely } from 'kysely'

// Login throttling after NIST SP 800-63B §5.2.2: login_throttle keeps counting an account's
// consecutive failed logins (from anywhere) and now only locks it, at 100; the growing wait
// between attempts moves to login_delays, per account and client address, so a stranger's
// wrong guesses slow the stranger and not the owner signing in from elsewhere.
// Frozen: no application code.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('login_delays')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_delays_pk', ['email', 'address'])
    .execute()
  // blocked_until was the per-account wait (at most 5 minutes) and now means "locked until":
  // the old waits end here. The counts stay: an account already past 100 failures locks at
  // its next failure.
  await sql`update login_throttle set blocked_until = null`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_delays').execute()
}
