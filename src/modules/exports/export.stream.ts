import { PassThrough } from 'node:stream'
import { setImmediate } from 'node:timers/promises'
import type { Db } from '../../db/schema.js'
import { inSnapshot, isPostgres } from '../../db/sql.js'
import { TooManyRequestsError } from '../../lib/errors.js'

/** Thrown into a producer whose stream is gone (the client left, or the server is shutting down). */
export class ExportAborted extends Error {}

/**
 * Where an export writes: a PassThrough the reply sends. `write` waits while the client has not
 * read what was written (backpressure), so at most a page of the document is in memory however
 * large the history is, and it throws ExportAborted once the stream is gone.
 */
export class ExportSink {
  readonly stream = new PassThrough()
  private wrote = false

  constructor (private readonly onStart: () => void) {
    // A failure is logged by ExportStreams and ends the response; it must not also be an uncaught 'error'.
    this.stream.on('error', () => {})
  }

  /** Whether anything was written (the response has begun). */
  get started (): boolean { return this.wrote }

  async write (chunk: string): Promise<void> {
    if (this.stream.destroyed) throw new ExportAborted()
    if (!this.wrote) { this.wrote = true; this.onStart() }
    if (this.stream.write(chunk)) return
    await new Promise<void>((resolve, reject) => {
      const drained = (): void => { off(); resolve() }
      const gone = (): void => { off(); reject(new ExportAborted()) }
      const off = (): void => { this.stream.off('drain', drained); this.stream.off('close', gone) }
      this.stream.on('drain', drained)
      this.stream.on('close', gone)
    })
  }
}

/** Runs one page's reads: inside the export's own snapshot, or in a snapshot of their own. */
export type ReadPage = <T>(fn: (db: Db) => Promise<T>) => Promise<T>

/**
 * How an export reads. PostgreSQL: the whole export in one read-only REPEATABLE READ
 * transaction, one snapshot for every page however long the client takes (it holds one pooled
 * connection meanwhile, hence the limits in ExportStreams). SQLite: one snapshot per page,
 * because the app has a single connection and a transaction holds it: a snapshot kept open
 * while a client downloads would stall every other request. Each page (a workout with its
 * exercises and sets, a goal with its updates) is consistent in itself; a change committed
 * between two pages can show in the later one.
 */
export async function withReader<T> (db: Db, produce: (read: ReadPage) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return await inSnapshot(db, async (trx) => await produce(async (fn) => await fn(trx)))
  return await produce(async (fn) => {
    // better-sqlite3 answers synchronously: without a turn of the event loop between pages, an
    // export whose client keeps up would hold the process until its last page.
    await setImmediate()
    return await inSnapshot(db, fn)
  })
}

export interface ExportLimits {
  maxTotal: number
  maxPerUser: number
  /** On shutdown, how long running exports may still take before they are cut off. */
  graceMs: number
}

interface Running { userId: string, sink: ExportSink, done: Promise<void> }

/**
 * The exports this instance is streaming. Each may hold a database connection for as long as
 * its client downloads (PostgreSQL), so there are few at a time (429 beyond), and shutdown
 * gives them a moment to finish and then cuts them off (the client sees an aborted download,
 * never a truncated file that looks complete), so app.close() never waits on a slow client.
 */
export class ExportStreams {
  private readonly running = new Set<Running>()

  constructor (private readonly limits: ExportLimits) {}

  /**
   * Starts `produce` on a new sink. `ready` settles at its first write (the reply may then be
   * sent) or with the error it failed with before writing anything (answered as a problem).
   */
  open (
    userId: string,
    produce: (sink: ExportSink) => Promise<void>,
    onError: (error: unknown) => void
  ): { stream: PassThrough, ready: Promise<void> } {
    this.checkLimits(userId)
    let start = (): void => {}
    const ready = new Promise<void>((resolve) => { start = resolve })
    const sink = new ExportSink(() => { start() })
    const run: Running = { userId, sink, done: Promise.resolve() }
    const produced = produce(sink)
    run.done = produced.then(() => { sink.stream.end() }, (error: unknown) => {
      // Before the first write the route answers the error itself (a problem document).
      if (sink.started && !(error instanceof ExportAborted)) onError(error)
      sink.stream.destroy(error instanceof Error ? error : new Error(String(error)))
    }).finally(() => { this.running.delete(run) })
    this.running.add(run)
    return { stream: sink.stream, ready: Promise.race([ready, produced.then(() => {})]) }
  }

  private checkLimits (userId: string): void {
    const retryAfter = 10
    if (this.running.size >= this.limits.maxTotal) {
      throw new TooManyRequestsError('This server is streaming as many exports as it can; retry later', retryAfter)
    }
    if ([...this.running].filter((r) => r.userId === userId).length >= this.limits.maxPerUser) {
      throw new TooManyRequestsError(
        `At most ${this.limits.maxPerUser} exports of one account at a time; wait for one to finish`,
        retryAfter
      )
    }
  }

  /** On shutdown: waits up to graceMs for running exports, then cuts the rest off and waits for them to stop. */
  async closeAll (): Promise<void> {
    const all = [...this.running]
    if (all.length === 0) return
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, this.limits.graceMs) })
    await Promise.race([Promise.all(all.map(async (r) => await r.done)), grace])
    clearTimeout(timer)
    for (const r of this.running) r.sink.stream.destroy(new ExportAborted('The server is shutting down'))
    await Promise.all(all.map(async (r) => await r.done))
  }
}
