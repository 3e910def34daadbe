import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createDatabase } from '../src/db/database.js'
import { TEST_SECRET } from './helpers/app.js'

const dir = mkdtempSync(path.join(tmpdir(), 'spotter-sync-'))
after(() => { rmSync(dir, { recursive: true, force: true }) })

/** PRAGMA synchronous as SQLite reports it: 1 = NORMAL, 2 = FULL. */
async function synchronousOf (db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db)
  return Number(rows[0]?.synchronous)
}

describe('SQLITE_SYNCHRONOUS on a file database', () => {
  test('the app opens its file with synchronous = FULL by default', async () => {
    const app = await buildApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'default.db')}`, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }))
    try {
      await app.ready()
      assert.equal(await synchronousOf(app.database.db), 2)
    } finally {
      await app.close()
    }
  })

  for (const [setting, expected] of [['normal', 1], ['full', 2]] as const) {
    test(`SQLITE_SYNCHRONOUS=${setting} is in effect (PRAGMA synchronous = ${expected})`, async () => {
      const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, `${setting}.db`)}`, SQLITE_SYNCHRONOUS: setting })
      const database = createDatabase(config.database)
      try {
        assert.equal(await synchronousOf(database.db), expected)
      } finally {
        await database.close()
      }
    })
  }
})
