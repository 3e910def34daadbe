import type { ServerResponse } from 'node:http'
import type { Snapshot } from './guide.view.js'

/** What a stream needs from its hub: reading the guide (undefined once the workout is gone), and leaving. */
export interface StreamHost {
  read: (userId: string, workoutId: string) => Promise<Snapshot | undefined>
  remove: (stream: GuideStream) => void
  log: { warn: (obj: object, msg: string) => void }
}

/**
 * One open event stream (Server-Sent Events) on a hijacked response. It sends a `guide` event
 * whenever the Guide's event id changes, `rest_over` when a rest it saw runs out (the rest timer
 * lives here, set from the stored restEndsAt, so whichever instance holds the stream keeps it),
 * and a comment every heartbeat. A heartbeat that cannot be written, because the socket is gone
 * or the client has not read the previous one, closes the stream.
 */
export class GuideStream {
  private closed = false
  private refreshing = false
  private dirty = false
  private heartbeat: NodeJS.Timeout
  private restTimer: NodeJS.Timeout | undefined

  readonly userId: string
  readonly sessionId: string

  constructor (
    owner: { userId: string, sessionId: string },
    readonly workoutId: string,
    private readonly res: ServerResponse,
    private readonly host: StreamHost,
    heartbeatMs: number,
    private lastId: string | undefined
  ) {
    this.userId = owner.userId
    this.sessionId = owner.sessionId
    this.heartbeat = setInterval(() => { this.beat() }, heartbeatMs).unref()
    res.on('close', () => { this.close() })
    res.on('error', () => { this.close() })
  }

  /** Reads the guide and sends it if it changed; calls made meanwhile are folded into one more read. */
  async refresh (): Promise<void> {
    if (this.refreshing) { this.dirty = true; return }
    this.refreshing = true
    try {
      do {
        this.dirty = false
        const snapshot = await this.host.read(this.userId, this.workoutId)
        if (this.closed) return
        if (snapshot === undefined) { this.close(); return }
        if (snapshot.eventId !== this.lastId) {
          this.lastId = snapshot.eventId
          this.write(`id: ${snapshot.eventId}\nevent: guide\ndata: ${JSON.stringify(snapshot.guide)}\n\n`)
        }
        this.armRest(snapshot.guide.restEndsAt)
      } while (this.dirty && !this.closed)
    } catch (err) {
      // The next change reads again; the stream itself stays up.
      if (!this.closed) this.host.log.warn({ err, workoutId: this.workoutId }, 'guide stream refresh failed')
    } finally {
      this.refreshing = false
    }
  }

  private armRest (restEndsAt: string | null): void {
    clearTimeout(this.restTimer)
    this.restTimer = undefined
    if (restEndsAt === null) return
    // A few ms late rather than early: at read time the rest is over only once now >= restEndsAt.
    const delay = Math.max(0, Date.parse(restEndsAt) - Date.now()) + 5
    this.restTimer = setTimeout(() => {
      this.write(`event: rest_over\ndata: ${JSON.stringify({ workoutId: this.workoutId, restEndsAt })}\n\n`)
      this.refresh().catch(() => {})
    }, delay).unref()
  }

  write (chunk: string): void {
    if (this.closed) return
    try {
      this.res.write(chunk)
    } catch {
      this.close()
    }
  }

  private beat (): void {
    if (this.res.writableNeedDrain || this.res.destroyed) { this.close(); return }
    this.write(': heartbeat\n\n')
  }

  /** Ends the response and its connection (the client's EventSource reconnects), and leaves the hub. */
  close (): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.heartbeat)
    clearTimeout(this.restTimer)
    this.host.remove(this)
    const socket = this.res.socket
    if (socket === null || socket.destroyed) return
    // A client that stopped reading cannot take the final chunk: never let it hold the connection (or a shutdown).
    if (this.res.writableNeedDrain) { socket.destroy(); return }
    const force = setTimeout(() => { socket.destroy() }, 1000).unref()
    this.res.end(() => { clearTimeout(force); socket.destroy() })
  }
}
