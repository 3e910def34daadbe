import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { parseDatabaseUrl } from '../src/config.js'
import { createDatabase } from '../src/db/database.js'
import { migrations } from '../src/db/migrations/index.js'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { dialect, freshDatabaseUrl, TEST_SECRET } from './helpers/app.js'

const CHILD = fileURLToPath(new URL('./helpers/start-instance.ts', import.meta.url))
const MIGRATIONS = Object.keys(migrations).sort()

interface Outcome { mode: string, code: number | null, stdout: string, stderr: string }

/** Runs one child per mode on `url`, all released at once once every one has loaded, and waits for them. */
async function startTogether (modes: string[], url: string): Promise<Outcome[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'info' }
  delete env.NODE_TEST_CONTEXT
  const children = modes.map((mode) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const outcome: Outcome = { mode, code: null, stdout: '', stderr: '' }
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        outcome.stdout += chunk.toString()
        if (outcome.stdout.startsWith('ready\n')) resolve()
      })
    })
    child.stderr.on('data', (chunk: Buffer) => { outcome.stderr += chunk.toString() })
    const exited = new Promise<Outcome>((resolve) => child.once('exit', (code) => { outcome.code = code; resolve(outcome) }))
    return { child, ready: Promise.race([ready, exited]), exited }
  })
  const timer = setTimeout(() => { for (const { child } of children) child.kill() }, 90_000)
  try {
    await Promise.all(children.map(async (c) => await c.ready))
    for (const { child } of children) child.stdin.end('go\n')
    return await Promise.all(children.map(async (c) => await c.exited))
  } finally {
    clearTimeout(timer)
  }
}

const jsonLines = (stdout: string): any[] => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))

/** All started; the schema was migrated once (each migration by exactly one of them) and the library loaded once. */
async function assertStartedOnce (outcomes: Outcome[], url: string): Promise<void> {
  assert.deepEqual(outcomes.filter((o) => o.code !== 0).map((o) => `${o.mode} exited ${o.code}: ${o.stderr}`), [])
  const logs = outcomes.flatMap((o) => jsonLines(o.stdout))
  const applied = logs.flatMap((l) => [undefined, 'database migrated'].includes(l.msg) && Array.isArray(l.applied) ? l.applied : [])
  assert.deepEqual(applied.sort(), MIGRATIONS)
  const loads = logs.filter((l) => l.msg === 'exercise library loaded')
  assert.equal(loads.length, outcomes.filter((o) => o.mode === 'app').length)
  assert.equal(loads.reduce((n, l) => n + Number(l.inserted), 0), library.length)
  const database = createDatabase(parseDatabaseUrl(url))
  try {
    const { rows: [ran] } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(database.db)
    assert.equal(Number(ran.n), MIGRATIONS.length)
    const { rows: [predefined] } = await sql<{ n: number }>`select count(*) as n from exercises where owner_id is null`
      .execute(database.db)
    assert.equal(Number(predefined.n), library.length)
  } finally {
    await database.close()
  }
}

const MODES = ['migrate', 'app', 'migrate', 'app']

describe('instances started at once on a fresh database', () => {
  test('SQLite file: all start, the schema is migrated and the library loaded exactly once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spotter-start-'))
    const url = `sqlite:${path.join(dir, 'spotter.db')}`
    try {
      await assertStartedOnce(await startTogether(MODES, url), url)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('PostgreSQL schema: all start, the schema is migrated and the library loaded exactly once', {
    skip: dialect !== 'postgres' && 'needs DATABASE_URL=postgres://…'
  }, async () => {
    const fresh = await freshDatabaseUrl()
    try {
      await assertStartedOnce(await startTogether(MODES, fresh.url), fresh.url)
    } finally {
      await fresh.drop()
    }
  })
})
