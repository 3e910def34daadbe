import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * SQLite in WAL mode copies the log back into the database file (a checkpoint, with an fsync)
 * inside whichever commit crosses wal_autocheckpoint: every ~1000 pages, one write stalls the
 * event loop for milliseconds (seen: 40 µs a write on average, 12 ms at worst, under set
 * logging). A worker thread with its own connection runs passive checkpoints instead (every
 * 100 ms), which never block readers or writers; the main connection keeps a much higher
 * autocheckpoint as a safety net should the worker fall behind or stop.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close() })
`

export const SAFETY_NET_PAGES = 20_000

export interface Checkpointer { stop: () => Promise<void> }

// Often enough that the log stays small under heavy writing (it grows by every commit's pages
// until a checkpoint lets it restart); a checkpoint with nothing to copy costs next to nothing.
export function startCheckpointer (file: string, intervalMs = 100): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver } })
  worker.unref()
  // A failing worker only loses the optimisation: the safety net still checkpoints.
  worker.on('error', () => {})
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve() }))
  return {
    stop: async () => {
      // Unreferenced while it runs; held while it finishes, or the process may end first.
      worker.ref()
      worker.postMessage('stop')
      await exited
    }
  }
}
