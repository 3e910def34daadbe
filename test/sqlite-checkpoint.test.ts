import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { SAFETY_NET_PAGES } from '../src/db/checkpointer.js'
import { createDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

/** The WAL index header (native byte order): frames in the log, and frames already copied back. */
function walState (file: string): { frames: number, backfilled: number } {
  const header = readFileSync(`${file}-shm`).subarray(0, 136)
  return { frames: header.readUInt32LE(16), backfilled: header.readUInt32LE(96) }
}

describe('SQLite checkpoints off the request path', () => {
  test('a background worker copies the log back while the main connection only writes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spotter-ckpt-'))
    const file = path.join(dir, 'spotter.db')
    const database = createDatabase({ dialect: 'sqlite', file })
    try {
      await migrateToLatest(database.db)
      // Far fewer pages than the main connection's own threshold, so only the worker can have copied them.
      for (let i = 0; i < 50; i++) {
        await database.db.insertInto('login_throttle').values({ email: `u${i}@example.com`, failures: 1, blocked_until: null, updated_at: 'x'.repeat(2000) }).execute()
      }
      const written = walState(file)
      assert.ok(written.frames > 50 && written.frames < SAFETY_NET_PAGES, `frames: ${written.frames}`)
      let state = written
      for (let i = 0; i < 40 && state.backfilled < written.frames; i++) {
        await sleep(100)
        state = walState(file)
      }
      assert.ok(state.backfilled >= written.frames, `backfilled ${state.backfilled} of ${written.frames} frames`)
    } finally {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
