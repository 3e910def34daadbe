import assert from 'node:assert/strict'
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { as, createTestApp, dialect, freshDatabaseUrl, register, type Session, type TestApp } from './helpers/app.js'
import { assertProblem } from './helpers/problem.js'
import { isDatabaseUnavailable } from '../src/db/errors.js'

// The database cannot serve: clients get 503 + Retry-After (they retry), /ready says which
// dependency is down, and nothing of the driver's or the SQL's text leaks.
const LEAKS = ['ECONN', 'SQLITE', 'sqlite', 'select', 'insert', 'kysely', 'pg_', '127.0.0.1', 'relation', 'table', 'terminated']

function assertUnavailable (res: LightMyRequestResponse): ReturnType<typeof assertProblem> {
  const body = assertProblem(res, 503)
  assert.match(String(res.headers['retry-after']), /^[1-9]\d*$/, 'Retry-After in seconds')
  assert.ok(Number(res.headers['retry-after']) <= 30)
  for (const leak of LEAKS) assert.ok(!res.body.includes(leak), `503 body leaks "${leak}": ${res.body}`)
  return body
}

const logWeight = async (app: FastifyInstance, s: Session, note = 'x'): Promise<LightMyRequestResponse> =>
  await as(app, s).post('/progress-logs', { metric: 'body_weight', value: 80, note })

async function ready (app: FastifyInstance): Promise<LightMyRequestResponse> {
  return await app.inject({ url: '/ready' })
}

describe('readiness checks the real schema', () => {
  let t: TestApp | undefined
  let app: FastifyInstance
  before(async () => { t = await createTestApp(); app = t.app })
  after(async () => { await t?.close() })

  test('/ready is 200 with checks while the schema is there', async () => {
    const res = await ready(app)
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { status: 'ok', checks: { database: 'ok' } })
  })

  for (const table of ['users', 'kysely_migration']) {
    test(`/ready is 503 "schema missing" while ${table} is renamed away, 200 once it is back`, async () => {
      const db = app.database.db
      await sql.raw(`alter table ${table} rename to ${table}_gone`).execute(db)
      try {
        const res = await ready(app)
        const body = assertUnavailable(res)
        assert.deepEqual((body as unknown as { checks: unknown }).checks, { database: 'down: schema missing' })
        assert.match(body.detail, /schema missing/)
      } finally {
        await sql.raw(`alter table ${table}_gone rename to ${table}`).execute(db)
      }
      assert.equal((await ready(app)).statusCode, 200)
    })
  }
})

describe('SQLite: a full disk', { skip: dialect !== 'sqlite' && 'a full disk is simulated with PRAGMA max_page_count, SQLite only (run without DATABASE_URL)' }, () => {
  let t: TestApp | undefined
  let app: FastifyInstance
  let session: Session
  before(async () => { t = await createTestApp(); app = t.app; session = await register(app) })
  after(async () => { await t?.close() })

  /** Caps the database at the pages it has, with none free: the next page a write needs fails as SQLITE_FULL. */
  async function fillDisk (): Promise<void> {
    const db = app.database.db
    await sql.raw('vacuum').execute(db)
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db)
    await sql.raw(`pragma max_page_count = ${rows[0].page_count}`).execute(db)
  }
  const freeDisk = async () => { await sql.raw('pragma max_page_count = 1073741823').execute(app.database.db) }

  test('a write that needs room answers 503 with Retry-After, and /ready says the disk is full', async () => {
    assert.equal((await logWeight(app, session)).statusCode, 201)
    await fillDisk()
    try {
      // Rows share pages: the first write that needs a new one fails (a 4000-character note
      // needs one at once; never more than a few writes).
      let res: LightMyRequestResponse | undefined
      for (let i = 0; i < 50; i++) {
        res = await logWeight(app, session, 'n'.repeat(4000))
        if (res.statusCode !== 201) break
      }
      assert.ok(res !== undefined)
      const body = assertUnavailable(res)
      assert.equal(body.detail, 'The database is unavailable; retry later')
      const readiness = assertUnavailable(await ready(app))
      assert.deepEqual((readiness as unknown as { checks: unknown }).checks, { database: 'down: disk full' })
      // Reads still work.
      assert.equal((await as(app, session).get('/progress-logs')).statusCode, 200)
    } finally {
      await freeDisk()
    }
    assert.equal((await ready(app)).statusCode, 200)
    assert.equal((await logWeight(app, session, 'n'.repeat(4000))).statusCode, 201)
  })
})

/** A TCP proxy to the PostgreSQL server that can be cut (the server "goes away") and restored. */
async function proxyTo (host: string, port: number): Promise<{ port: number, cut: () => Promise<void>, restore: () => Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host)
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      sockets.add(a)
      a.on('error', () => { b.destroy() })
      a.on('close', () => { sockets.delete(a); b.destroy() })
      a.pipe(b)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const own = (server.address() as net.AddressInfo).port
  return {
    port: own,
    cut: async () => {
      await new Promise<void>((resolve) => {
        if (server.listening) server.close(() => resolve()); else resolve()
        for (const s of sockets) s.destroy()
      })
    },
    restore: async () => { await new Promise<void>((resolve) => server.listen(own, '127.0.0.1', resolve)) }
  }
}

describe('PostgreSQL: the server goes away', { skip: dialect !== 'postgres' && 'needs DATABASE_URL=postgres://…' }, () => {
  let t: TestApp | undefined
  let app: FastifyInstance
  let session: Session
  let drop: (() => Promise<void>) | undefined
  let proxy: Awaited<ReturnType<typeof proxyTo>> | undefined
  before(async () => {
    const fresh = await freshDatabaseUrl()
    drop = fresh.drop
    const url = new URL(fresh.url)
    proxy = await proxyTo(url.hostname, Number(url.port === '' ? 5432 : url.port))
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    t = await createTestApp({}, url.toString())
    app = t.app
    session = await register(app)
  })
  after(async () => { await t?.close(); await proxy?.cut(); await drop?.() })

  test('every request answers 503 with Retry-After while nothing listens, and recovers after', async () => {
    assert.equal((await logWeight(app, session)).statusCode, 201)
    assert.ok(proxy !== undefined)
    await proxy.cut()
    // Lets the pool see its connections end while they are idle (a client checked out at that
    // moment has a listener of its own: src/db/database.ts).
    await sleep(200)
    try {
      assertUnavailable(await logWeight(app, session))
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: session.email, password: 'correct horse battery' } })
      assertUnavailable(login)
      const readiness = assertUnavailable(await ready(app))
      assert.deepEqual((readiness as unknown as { checks: unknown }).checks, { database: 'down: unavailable' })
    } finally {
      await proxy.restore()
    }
    assert.equal((await ready(app)).statusCode, 200)
    assert.equal((await logWeight(app, session)).statusCode, 201)
  })
})

describe('PostgreSQL: the server turns read-only (a standby after failover)', { skip: dialect !== 'postgres' && 'needs DATABASE_URL=postgres://…' }, () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  const name = `spotter_ro_${process.pid}_${randomBytes(3).toString('hex')}`
  let t: TestApp | undefined
  let app: FastifyInstance
  let session: Session
  before(async () => {
    if (dialect !== 'postgres') return
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(String(process.env.DATABASE_URL))
    url.pathname = `/${name}`
    t = await createTestApp({}, url.toString())
    app = t.app
    session = await register(app)
  })
  after(async () => {
    if (dialect !== 'postgres') return
    await t?.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  })

  test('/ready says read-only and writes answer 503 while new sessions are read-only', async () => {
    await admin.query(`alter database ${name} set default_transaction_read_only = on`)
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])
    // The pool notices its terminated connections as it uses them (each a 503 meanwhile).
    let readiness: LightMyRequestResponse | undefined
    for (let i = 0; i < 40; i++) {
      readiness = await ready(app)
      if (readiness.body.includes('read-only')) break
      assertUnavailable(readiness)
      await sleep(50)
    }
    assert.ok(readiness !== undefined)
    assert.deepEqual((assertUnavailable(readiness) as unknown as { checks: unknown }).checks, { database: 'down: read-only' })
    assertUnavailable(await logWeight(app, session))
    await admin.query(`alter database ${name} reset default_transaction_read_only`)
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])
    let back = 0
    for (let i = 0; i < 40 && back !== 200; i++) { back = (await ready(app)).statusCode; if (back !== 200) await sleep(50) }
    assert.equal(back, 200)
    assert.equal((await logWeight(app, session)).statusCode, 201)
  })
})

describe('which errors mean "database unavailable"', () => {
  const err = (fields: Record<string, unknown>): Error => Object.assign(new Error(String(fields.message ?? 'x')), fields)

  test('connection, resource and shutdown errors of both drivers do; query errors do not', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '08006', '08001', '57P01', '57P02', '57P03', '53300', '53100', '25006',
      'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) {
      assert.ok(isDatabaseUnavailable(err({ code })), code)
    }
    assert.ok(isDatabaseUnavailable(err({ message: 'Connection terminated unexpectedly' })))
    assert.ok(isDatabaseUnavailable(err({ message: 'timeout exceeded when trying to connect' })))
    assert.ok(isDatabaseUnavailable(new AggregateError([err({ code: 'ECONNREFUSED' })])))
    assert.ok(isDatabaseUnavailable(new Error('wrapped', { cause: err({ code: '57P01' }) })))
    for (const code of ['23505', '42P01', '22P02', '40001', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', undefined]) {
      assert.ok(!isDatabaseUnavailable(err({ code })), String(code))
    }
  })
})
