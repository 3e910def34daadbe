import type { Db } from '../../db/schema.js'
import { CHANNELS } from '../../lib/channels.js'
import type { EventBus } from '../../lib/event-bus.js'
import { nowIso } from '../../lib/time.js'
import { sessionsRepository } from './sessions.repository.js'

const MAX_ENTRIES = 50_000
/** A safety net only: revocations evict entries at once (see below). */
const ENTRY_TTL_MS = 60_000

interface Revocation { sessionIds?: string[], userId?: string }

/**
 * Decides whether an access token's session is still live, without a query on most requests.
 *
 * Only sessions seen live are cached. Every revocation (logout, refresh reuse, password change,
 * account deletion) evicts them here synchronously before its response is sent, and publishes
 * the ids on the event bus so that every other instance evicts them too (PostgreSQL
 * LISTEN/NOTIFY). While an instance's listener is disconnected it skips the cache and asks the
 * database, and after a reconnect it drops the whole cache, since messages may have been lost.
 */
export class SessionGuard {
  private readonly live = new Map<string, { userId: string, until: number }>()
  /** Bumped by every eviction, so a lookup that raced with a revocation is not cached. */
  private generation = 0

  constructor (private readonly db: Db, private readonly bus: EventBus) {
    bus.subscribe(CHANNELS.sessionRevoked, (payload) => { this.evict(JSON.parse(payload) as Revocation) })
    bus.onReset(() => { this.generation++; this.live.clear() })
  }

  async isLive (sessionId: string, userId: string): Promise<boolean> {
    const now = Date.now()
    const cached = this.live.get(sessionId)
    if (cached !== undefined && this.bus.connected && cached.until > now && cached.userId === userId) return true
    const generation = this.generation
    const row = await sessionsRepository.findActive(this.db, sessionId, userId, nowIso())
    if (row === undefined) return false
    if (generation !== this.generation) return true
    if (this.live.size >= MAX_ENTRIES) this.live.delete(this.live.keys().next().value as string)
    this.live.set(sessionId, { userId, until: Math.min(now + ENTRY_TTL_MS, Date.parse(row.expires_at)) })
    return true
  }

  /** Call after the revoking transaction has committed. */
  async revoked (revocation: Revocation): Promise<void> {
    this.evict(revocation)
    await this.bus.publish(CHANNELS.sessionRevoked, JSON.stringify(revocation))
  }

  private evict ({ sessionIds = [], userId }: Revocation): void {
    this.generation++
    for (const id of sessionIds) this.live.delete(id)
    if (userId === undefined) return
    for (const [id, entry] of this.live) if (entry.userId === userId) this.live.delete(id)
  }
}
