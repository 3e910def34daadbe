import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import {
  FREE_FAILURES,
  LOCK_AFTER,
  LOCK_SEC,
  MAX_DELAY_SEC,
  delayAfter
} from '../src/modules/auth/login-throttle.repository.js'
import { as, createTestApp, type TestApp } from './helpers/app.js'
import { assertProblem, assertUnauthorized } from './helpers/problem.js'

// The per-account lock and the per-account-and-address wait of failed logins (NIST SP 800-63B
// §5.2.2). createTestApp sets the per-address rate limit out of the way. Time is not slept
// through: `waitOver` moves the stored "next attempt at" into the past, as the clock would.
const PASSWORD = 'correct horse battery'
const WRONG = 'wrong password'

let t: TestApp | undefined
let app: FastifyInstance
before(async () => { t = await createTestApp(); app = t.app })
after(async () => { await t?.close() })

let lastAddress = 0
const newAddress = () => { lastAddress++; return `10.1.${lastAddress >> 8}.${lastAddress & 255}` }
const freshEmail = () => `throttle.${randomBytes(4).toString('hex')}@example.com`
const login = async (email: string, password: string, remoteAddress: string) =>
  await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress })
const db = () => app.database.db

async function registerUser (): Promise<{ email: string, token: string, refreshToken: string }> {
  const email = freshEmail()
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: PASSWORD } })
  assert.equal(res.statusCode, 201, res.body)
  return { email, token: res.json().accessToken, refreshToken: res.json().refreshToken }
}

function assertRetryAfter (res: LightMyRequestResponse, seconds: number): void {
  assertProblem(res, 429)
  assert.equal(res.headers['retry-after'], String(seconds), res.body)
}

/** As if the waits of this email (every address) had run out. */
async function waitOver (email: string): Promise<void> {
  await db().updateTable('login_delays').set({ next_attempt_at: '2000-01-01T00:00:00.000Z' })
    .where('email', '=', email).execute()
}
const accountFailures = async (email: string): Promise<number> => Number((await db().selectFrom('login_throttle')
  .select('failures').where('email', '=', email).executeTakeFirst())?.failures ?? 0)

describe('failed-login wait, per account and client address', () => {
  test('grows 1, 2, 4 … s up to 30 s after 5 failures; attempts inside it are 429 and not counted', async () => {
    const { email } = await registerUser()
    const address = newAddress()
    for (let n = 1; n <= 15; n++) {
      assertUnauthorized(await login(email, WRONG, address))
      const expected = delayAfter(n)
      assert.equal(expected, n < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_SEC, 2 ** (n - FREE_FAILURES)))
      if (expected > 0) {
        // Right or wrong, the password is not even checked during the wait.
        assertRetryAfter(await login(email, WRONG, address), expected)
        assertRetryAfter(await login(email, PASSWORD, address), expected)
        await waitOver(email)
      }
      assert.equal(await accountFailures(email), n)
    }
    assert.equal(delayAfter(15), MAX_DELAY_SEC)
  })

  test("a stranger's many wrong passwords never keep the owner out: another address logs in at once, " +
    'the same one within the 30 s cap', async () => {
    const { email } = await registerUser()
    const stranger = newAddress()
    for (let n = 1; n <= 30; n++) {
      assertUnauthorized(await login(email, WRONG, stranger))
      await waitOver(email)
    }
    assertUnauthorized(await login(email, WRONG, stranger))
    assertRetryAfter(await login(email, WRONG, stranger), MAX_DELAY_SEC)
    // The owner, elsewhere: no wait at all.
    assert.equal((await login(email, PASSWORD, newAddress())).statusCode, 200)
    // The owner behind the stranger's address (same network): at most the cap, then in.
    for (let n = 1; n <= 30; n++) {
      assertUnauthorized(await login(email, WRONG, stranger))
      await waitOver(email)
    }
    assertUnauthorized(await login(email, WRONG, stranger))
    const waiting = await login(email, PASSWORD, stranger)
    assertRetryAfter(waiting, MAX_DELAY_SEC)
    await waitOver(email)
    assert.equal((await login(email, PASSWORD, stranger)).statusCode, 200)
  })

  test('a success resets the count, for every address', async () => {
    const { email } = await registerUser()
    const address = newAddress()
    for (let round = 0; round < 3; round++) {
      for (let n = 1; n < FREE_FAILURES; n++) assertUnauthorized(await login(email, WRONG, address))
      assert.equal(await accountFailures(email), FREE_FAILURES - 1)
      assert.equal((await login(email, PASSWORD, address)).statusCode, 200)
      assert.equal(await accountFailures(email), 0)
    }
    const rows = await db().selectFrom('login_delays').selectAll().where('email', '=', email).execute()
    assert.deepEqual(rows, [])
  })
})

describe('account lock after 100 consecutive failures', () => {
  test('the 100th failure from anywhere locks the account for 24 h, right password included; ' +
    'existing sessions go on, and a password change ends the lock', async () => {
    const owner = await registerUser()
    // One wrong guess each from 99 addresses: no address ever waits, the account counts them all.
    for (let n = 1; n < LOCK_AFTER; n++) assertUnauthorized(await login(owner.email, WRONG, newAddress()))
    assert.equal(await accountFailures(owner.email), LOCK_AFTER - 1)
    assert.equal(LOCK_AFTER, 100)
    assertUnauthorized(await login(owner.email, WRONG, newAddress()))
    const locked = await login(owner.email, PASSWORD, newAddress())
    const problem = assertProblem(locked, 429)
    assert.match(problem.detail, /locked/)
    const retryAfter = Number(locked.headers['retry-after'])
    assert.ok(retryAfter > LOCK_SEC - 60 && retryAfter <= LOCK_SEC, `Retry-After: ${retryAfter}`)
    // Locked attempts are not counted.
    assert.equal(await accountFailures(owner.email), LOCK_AFTER)
    // Sessions and refresh keep working: the lock is on password logins only.
    assert.equal((await as(app, { token: owner.token, refreshToken: '', userId: '', email: '' }).get('/me')).statusCode, 200)
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }
    })
    assert.equal(changed.statusCode, 204, changed.body)
    assert.equal((await login(owner.email, 'a brand new passphrase', newAddress())).statusCode, 200)
  })

  test('after the lock runs out one more failure locks it again; a success instead resets it', async () => {
    const { email } = await registerUser()
    for (let n = 1; n <= LOCK_AFTER; n++) assertUnauthorized(await login(email, WRONG, newAddress()))
    assertProblem(await login(email, PASSWORD, newAddress()), 429)
    const expire = async () => {
      await db().updateTable('login_throttle').set({ blocked_until: '2000-01-01T00:00:00.000Z' })
        .where('email', '=', email).execute()
    }
    await expire()
    assertUnauthorized(await login(email, WRONG, newAddress()))
    assertProblem(await login(email, PASSWORD, newAddress()), 429)
    await expire()
    assert.equal((await login(email, PASSWORD, newAddress())).statusCode, 200)
    assert.equal(await accountFailures(email), 0)
  })

  test('an unknown email is throttled and locked the same way', async () => {
    const ghost = freshEmail()
    const address = newAddress()
    for (let n = 1; n <= FREE_FAILURES; n++) assertUnauthorized(await login(ghost, WRONG, address))
    assertRetryAfter(await login(ghost, PASSWORD, address), 1)
  })
})

describe('failures are counted atomically across concurrent requests', () => {
  test('40 simultaneous wrong passwords (8 addresses) are all counted, per account and per address', async () => {
    const { email } = await registerUser()
    const addresses = Array.from({ length: 8 }, newAddress)
    const answers = await Promise.all(Array.from({ length: 40 }, async (_, i) =>
      await login(email, WRONG, addresses[i % addresses.length])))
    // Some may have found their address waiting already (429, uncounted); every 401 is counted.
    const counted = answers.filter((r) => r.statusCode === 401).length
    for (const r of answers) assert.ok([401, 429].includes(r.statusCode), r.body)
    assert.equal(await accountFailures(email), counted)
    const rows = await db().selectFrom('login_delays').select(['address', 'failures']).where('email', '=', email).execute()
    assert.equal(rows.reduce((sum, r) => sum + Number(r.failures), 0), counted)
    assert.ok(counted >= 8, `only ${counted} counted`)
  })
})
