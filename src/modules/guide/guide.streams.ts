import type { OutgoingHttpHeaders } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { CHANNELS } from '../../lib/channels.js'
import type { EventBus } from '../../lib/event-bus.js'
import { TooManyRequestsError } from '../../lib/errors.js'
import { GuideStream, type StreamHost } from './guide.stream.js'

export interface StreamSettings {
  heartbeatMs: number
  maxPerUser: number
  maxTotal: number
  /** The reconnection delay sent to EventSource clients once (`retry:`). */
  retryMs: number
}

/** The stream settings of a configuration (GUIDE_HEARTBEAT_MS, GUIDE_STREAMS_PER_USER, GUIDE_STREAMS_MAX). */
export const streamSettings = (config: Config): StreamSettings => ({
  heartbeatMs: config.guide.heartbeatMs,
  maxPerUser: config.guide.streamsPerUser,
  maxTotal: config.guide.streamsMax,
  retryMs: 3000
})

/**
 * Every guide event stream this instance holds, by workout. One bus subscription per channel
 * serves them all: a change committed by any instance (PostgreSQL NOTIFY, or the in-process bus
 * on SQLite) makes the streams of that workout read the guide again.
 */
export class GuideStreams {
  private readonly byWorkout = new Map<string, Set<GuideStream>>()
  private readonly perUser = new Map<string, number>()
  private total = 0
  private readonly unsubscribe: Array<() => void>
  private readonly host: StreamHost

  constructor (
    private readonly settings: StreamSettings,
    bus: EventBus,
    read: StreamHost['read'],
    log: StreamHost['log']
  ) {
    this.host = { read, log, remove: (stream) => { this.remove(stream) } }
    const onChange = (payload: string): void => {
      let workoutId: unknown
      try { workoutId = (JSON.parse(payload) as { workoutId?: unknown }).workoutId } catch { return }
      for (const stream of this.byWorkout.get(String(workoutId)) ?? []) stream.refresh().catch(() => {})
    }
    // A stream lives no longer than the login that opened it: logout, password change, refresh
    // reuse and account deletion end it (on every instance, through the bus).
    const onRevoked = (payload: string): void => {
      let revoked: { sessionIds?: string[], userId?: string }
      try { revoked = JSON.parse(payload) } catch { return }
      const sessions = new Set(revoked.sessionIds ?? [])
      for (const set of [...this.byWorkout.values()]) {
        for (const stream of [...set]) {
          if (sessions.has(stream.sessionId) || stream.userId === revoked.userId) stream.close()
        }
      }
    }
    this.unsubscribe = [
      bus.subscribe(CHANNELS.workoutChanged, onChange),
      bus.subscribe(CHANNELS.guideChanged, onChange),
      bus.subscribe(CHANNELS.sessionRevoked, onRevoked)
    ]
    // Notifications may have been lost while the listener reconnected: every stream reads again.
    bus.onReset(() => {
      for (const set of this.byWorkout.values()) for (const stream of set) stream.refresh().catch(() => {})
    })
  }

  get size (): number { return this.total }

  /** Takes over the response (429 before that when the limits are reached) and streams the guide. */
  open (
    request: FastifyRequest,
    reply: FastifyReply,
    owner: { userId: string, sessionId: string },
    workoutId: string,
    lastEventId: string | undefined
  ): void {
    const { userId, sessionId } = owner
    const retryAfter = Math.max(1, Math.ceil((2 * this.settings.heartbeatMs) / 1000))
    if (this.total >= this.settings.maxTotal) {
      throw new TooManyRequestsError('This server holds as many event streams as it can; retry later', retryAfter)
    }
    if ((this.perUser.get(userId) ?? 0) >= this.settings.maxPerUser) {
      throw new TooManyRequestsError(
        `At most ${this.settings.maxPerUser} open event streams per user; close one first`,
        retryAfter
      )
    }
    reply.hijack()
    reply.raw.writeHead(200, {
      // CORS and security headers set by the onRequest hooks, which a hijacked reply would lose.
      ...reply.getHeaders() as OutgoingHttpHeaders,
      'x-request-id': request.id,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    // A peer that stops reading stalls our writes: with no socket activity for a few heartbeats
    // the socket times out and is destroyed (and the stream cleaned up); TCP keep-alive finds dead peers.
    reply.raw.socket?.setTimeout(Math.max(3 * this.settings.heartbeatMs, 5000))
    reply.raw.socket?.setKeepAlive(true, this.settings.heartbeatMs)
    reply.raw.write(`retry: ${this.settings.retryMs}\n\n`)
    const stream = new GuideStream(
      { userId, sessionId },
      workoutId,
      reply.raw,
      this.host,
      this.settings.heartbeatMs,
      lastEventId
    )
    this.total++
    this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1)
    const set = this.byWorkout.get(workoutId) ?? new Set()
    this.byWorkout.set(workoutId, set.add(stream))
    stream.refresh().catch(() => {})
  }

  private remove (stream: GuideStream): void {
    const set = this.byWorkout.get(stream.workoutId)
    if (set?.delete(stream) !== true) return
    if (set.size === 0) this.byWorkout.delete(stream.workoutId)
    this.total--
    const left = (this.perUser.get(stream.userId) ?? 1) - 1
    if (left > 0) this.perUser.set(stream.userId, left)
    else this.perUser.delete(stream.userId)
  }

  /** On shutdown: every stream ends now, so a graceful close never waits for them. */
  closeAll (): void {
    for (const off of this.unsubscribe) off()
    for (const set of [...this.byWorkout.values()]) for (const stream of [...set]) stream.close()
  }
}
