import { EventEmitter } from 'node:events'
import pg from 'pg'

export type BusHandler = (payload: string) => void

/**
 * Cross-instance messages (session revocations, guide changes). With SQLite one process is the
 * deployment, so an in-process emitter is enough; with PostgreSQL every instance LISTENs on one
 * dedicated connection and NOTIFY reaches them all.
 */
export interface EventBus {
  publish: (channel: string, payload: string) => Promise<void>
  subscribe: (channel: string, handler: BusHandler) => () => void
  /** False while a PostgreSQL listener is reconnecting: caches that rely on the bus must not trust themselves then. */
  readonly connected: boolean
  /** Called after a reconnect, when messages may have been missed. */
  onReset: (handler: () => void) => void
  close: () => Promise<void>
}

export function createLocalBus (): EventBus {
  const emitter = new EventEmitter().setMaxListeners(0)
  return {
    connected: true,
    publish: async (channel, payload) => { emitter.emit(channel, payload) },
    subscribe: (channel, handler) => { emitter.on(channel, handler); return () => { emitter.off(channel, handler) } },
    onReset: () => {},
    close: async () => { emitter.removeAllListeners() }
  }
}

export function createPostgresBus (
  connectionString: string,
  log: { warn: (obj: object, msg: string) => void }
): EventBus {
  const emitter = new EventEmitter().setMaxListeners(0)
  const resetHandlers: Array<() => void> = []
  const pool = new pg.Pool({ connectionString, max: 2 })
  pool.on('error', () => {})
  let client: pg.Client | undefined
  let connected = false
  let closed = false
  let retryTimer: NodeJS.Timeout | undefined

  async function connect (): Promise<void> {
    const next = new pg.Client({ connectionString })
    next.on('notification', (msg) => { emitter.emit(msg.channel, msg.payload ?? '') })
    next.on('error', (err) => { log.warn({ err }, 'event bus connection lost'); reconnect(next).catch(() => {}) })
    await next.connect()
    for (const channel of emitter.eventNames()) await next.query(`LISTEN "${String(channel)}"`)
    client = next
    connected = true
    for (const handler of resetHandlers) handler()
  }

  async function reconnect (broken: pg.Client): Promise<void> {
    if (client !== broken && client !== undefined) return
    connected = false
    client = undefined
    await broken.end().catch(() => {})
    if (closed) return
    retryTimer = setTimeout(() => {
      connect().catch((err) => {
        log.warn({ err }, 'event bus reconnect failed')
        reconnect(broken).catch(() => {})
      })
    }, 1000)
    retryTimer.unref()
  }

  const ready = connect()
  // One statement at a time on the listening connection: LISTENs queue behind each other.
  let listening: Promise<unknown> = ready
  return {
    get connected () { return connected },
    publish: async (channel, payload) => { await pool.query('SELECT pg_notify($1, $2)', [channel, payload]) },
    subscribe (channel, handler) {
      if (emitter.listenerCount(channel) === 0) {
        listening = listening.then(async () => await client?.query(`LISTEN "${channel}"`)).catch(() => {})
      }
      emitter.on(channel, handler)
      return () => { emitter.off(channel, handler) }
    },
    onReset: (handler) => { resetHandlers.push(handler) },
    async close () {
      closed = true
      clearTimeout(retryTimer)
      await ready.catch(() => {})
      await client?.end().catch(() => {})
      await pool.end()
    }
  }
}
