import type { Db } from '../../db/schema.js'

// After FREE_FAILURES consecutive failures an email must wait before its next attempt, doubling
// from 1 s up to MAX_BLOCK_SEC: guessing becomes hopeless (~100 tries a day) while the owner
// is never locked out for longer than a few minutes; a success clears the count.
const FREE_FAILURES = 5
const MAX_BLOCK_SEC = 300

export const loginThrottleRepository = {
  /** Seconds the email must still wait, or 0. */
  async secondsBlocked (db: Db, email: string, nowMs: number): Promise<number> {
    const row = await db.selectFrom('login_throttle')
      .select('blocked_until')
      .where('email', '=', email)
      .executeTakeFirst()
    if (row?.blocked_until == null) return 0
    return Math.max(0, (Date.parse(row.blocked_until) - nowMs) / 1000)
  },

  async recordFailure (db: Db, email: string, nowMs: number): Promise<void> {
    const now = new Date(nowMs).toISOString()
    const row = await db.selectFrom('login_throttle').select('failures').where('email', '=', email).executeTakeFirst()
    const failures = (row?.failures ?? 0) + 1
    const blockSec = failures >= FREE_FAILURES ? Math.min(MAX_BLOCK_SEC, 2 ** (failures - FREE_FAILURES)) : 0
    const blockedUntil = blockSec > 0 ? new Date(nowMs + blockSec * 1000).toISOString() : null
    await db.insertInto('login_throttle').values({ email, failures, blocked_until: blockedUntil, updated_at: now })
      .onConflict((oc) => oc.column('email').doUpdateSet({ failures, blocked_until: blockedUntil, updated_at: now }))
      .execute()
  },

  async clear (db: Db, email: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('email', '=', email).execute()
  }
}
