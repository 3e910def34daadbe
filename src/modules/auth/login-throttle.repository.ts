import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'

/*
 * Failed-login throttling after NIST SP 800-63B §5.2.2, in two parts, both in the database so
 * that every instance sees the same state, and both counted with one atomic upsert each
 * (INSERT … ON CONFLICT DO UPDATE SET failures = failures + 1), so concurrent failures are all
 * counted. The key is the normalised email, registered or not, so throttling reveals nothing.
 *
 * - Lock, per account: consecutive failed logins from anywhere; the LOCK_AFTERth (100) locks
 *   the account for LOCK_SEC (24 h), during which every login answers 429 unchecked (after it,
 *   each further failure locks it again). A success, a password change or a new registration
 *   of the email clears it. Existing sessions and refresh tokens are not affected.
 * - Delay, per account and client address: after FREE_FAILURES (5) failures in a row from one
 *   address, that address must wait 1 s, then 2, 4, 8, 16, up to MAX_DELAY_SEC (30 s), before
 *   its next attempt is checked at all (429 with Retry-After, uncounted, the right password
 *   too: otherwise the wait would still let a guesser test passwords). Keyed by address, the
 *   wait never falls on the owner signing in from elsewhere: a stranger's wrong guesses slow
 *   the stranger only, and the one thing they can do to the owner is the lock, which costs
 *   100 guesses (from one address at least 45 minutes; from many, as fast as the address
 *   limit lets them: the price of NIST's hard limit). The owner retrying from the same address
 *   waits at most 30 s per attempt. The per-address rate limit (AUTH_RATE_LIMIT_PER_MIN)
 *   stands in front of both.
 */
export const FREE_FAILURES = 5
export const MAX_DELAY_SEC = 30
export const LOCK_AFTER = 100
export const LOCK_SEC = 24 * 3600

/** Seconds an address must wait after its `failures`th consecutive failure on an account. */
export const delayAfter = (failures: number): number =>
  failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_SEC, 2 ** (failures - FREE_FAILURES))

const iso = (ms: number): string => new Date(ms).toISOString()
const secondsUntil = (at: string | null | undefined, nowMs: number): number =>
  at == null ? 0 : Math.max(0, (Date.parse(at) - nowMs) / 1000)

export interface LoginBlock { seconds: number, locked: boolean }

export const loginThrottleRepository = {
  /** Whether this address may try this email now: seconds to wait (0: go ahead), and why. */
  async blocked (db: Db, email: string, address: string, nowMs: number): Promise<LoginBlock> {
    const lock = await db.selectFrom('login_throttle').select('blocked_until')
      .where('email', '=', email).executeTakeFirst()
    const locked = secondsUntil(lock?.blocked_until, nowMs)
    if (locked > 0) return { seconds: locked, locked: true }
    const delay = await db.selectFrom('login_delays').select('next_attempt_at')
      .where('email', '=', email).where('address', '=', address).executeTakeFirst()
    return { seconds: secondsUntil(delay?.next_attempt_at, nowMs), locked: false }
  },

  /** Counts one failed login; returns the account's consecutive failures. */
  async recordFailure (db: Db, email: string, address: string, nowMs: number): Promise<number> {
    const now = iso(nowMs)
    const account = await db.insertInto('login_throttle')
      .values({ email, failures: 1, blocked_until: null, updated_at: now })
      .onConflict((oc) => oc.column('email').doUpdateSet({
        failures: sql`login_throttle.failures + 1`,
        updated_at: now
      }))
      .returning('failures').executeTakeFirstOrThrow()
    const failures = Number(account.failures)
    // Only the failure that made this count writes its consequence: a concurrent later one
    // has a higher count and writes its own, so a shorter wait never overwrites a longer one.
    if (failures >= LOCK_AFTER) {
      await db.updateTable('login_throttle').set({ blocked_until: iso(nowMs + LOCK_SEC * 1000) })
        .where('email', '=', email).where('failures', '=', failures).execute()
    }
    const pair = await db.insertInto('login_delays')
      .values({ email, address, failures: 1, next_attempt_at: null, updated_at: now })
      .onConflict((oc) => oc.columns(['email', 'address']).doUpdateSet({
        failures: sql`login_delays.failures + 1`,
        updated_at: now
      }))
      .returning('failures').executeTakeFirstOrThrow()
    const delay = delayAfter(Number(pair.failures))
    if (delay > 0) {
      await db.updateTable('login_delays').set({ next_attempt_at: iso(nowMs + delay * 1000) })
        .where('email', '=', email).where('address', '=', address).where('failures', '=', Number(pair.failures))
        .execute()
    }
    return failures
  },

  /** The owner proved the account theirs: every count and wait of the email ends. */
  async clear (db: Db, email: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('email', '=', email).execute()
    await db.deleteFrom('login_delays').where('email', '=', email).execute()
  }
}
