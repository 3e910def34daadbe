import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { as, createTestApp, dialect, freshDatabaseUrl, register, type Session, type TestApp } from './helpers/app.js'

// Two instances on one database: a revocation on one must reach the other's session cache
// through PostgreSQL LISTEN/NOTIFY. With SQLite a single process is the deployment.
const PASSWORD = 'correct horse battery'

/** Polls every 20 ms for up to 2 s; true as soon as `check` is. */
async function eventually (check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 2000
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await sleep(20)
  }
}

if (dialect !== 'postgres') {
  test.skip('session revocation across instances needs DATABASE_URL=postgres://… (LISTEN/NOTIFY)')
} else {
  describe('session revocation across two instances', () => {
    let a: TestApp | undefined
    let b: TestApp | undefined
    let drop: (() => Promise<void>) | undefined
    let appA: FastifyInstance
    let appB: FastifyInstance

    before(async () => {
      const fresh = await freshDatabaseUrl()
      drop = fresh.drop
      a = await createTestApp({}, fresh.url)
      b = await createTestApp({}, fresh.url)
      appA = a.app
      appB = b.app
    })
    after(async () => { await b?.close(); await a?.close(); await drop?.() })

    const statusOn = async (app: FastifyInstance, s: Session) => (await as(app, s).get('/me')).statusCode
    const endsOnB = async (s: Session) => await eventually(async () => await statusOn(appB, s) === 401)

    /** One user with two login sessions made on A, both already seen (and cached) by B. */
    async function twoSessionsSeenByB (): Promise<[Session, Session]> {
      const first = await register(appA)
      const res = await appA.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: first.email, password: PASSWORD } })
      assert.equal(res.statusCode, 200, res.body)
      const second = { ...first, token: res.json().accessToken, refreshToken: res.json().refreshToken }
      for (const s of [first, second]) assert.equal(await statusOn(appB, s), 200)
      return [first, second]
    }

    test('a logout on A ends that session on B within 2 s', async () => {
      const [first, second] = await twoSessionsSeenByB()
      assert.equal((await as(appA, second).post('/auth/logout')).statusCode, 204)
      assert.equal(await statusOn(appA, second), 401)
      assert.ok(await endsOnB(second), 'B still accepts the logged-out token after 2 s')
      assert.equal(await statusOn(appB, first), 200)
    })

    test('a password change on A ends the other sessions on B, not the current one', async () => {
      const [current, other] = await twoSessionsSeenByB()
      const res = await as(appA, current).post('/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' })
      assert.equal(res.statusCode, 204, res.body)
      assert.ok(await endsOnB(other), 'B still accepts a session ended by the password change')
      assert.equal(await statusOn(appB, current), 200)
    })

    test('deleting the account on A ends all its sessions on B', async () => {
      const sessions = await twoSessionsSeenByB()
      assert.equal((await as(appA, sessions[0]).delete('/me', { password: PASSWORD })).statusCode, 204)
      for (const s of sessions) assert.ok(await endsOnB(s), 'B still accepts a token of a deleted account')
    })

    // Kysely finds its migration tables by name in any schema unless told which: A's schema
    // already has them, and a third instance on a new schema of the same database must still migrate.
    test('an instance on another schema of the same database migrates its own schema', async () => {
      const c = await createTestApp()
      try {
        assert.equal((await c.app.inject({ url: '/ready' })).statusCode, 200)
        const s = await register(c.app)
        assert.equal(await statusOn(c.app, s), 200)
        assert.equal(await statusOn(appA, s), 401, 'the schemas must not share users')
      } finally {
        await c.close()
      }
    })
  })
}
