import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createTestApp, type TestApp } from './helpers/app.js'
import { assertProblem, assertUnauthorized } from './helpers/problem.js'

const LIMIT = 3
const PASSWORD = 'correct horse battery'

// One app whose address limit is 3 a minute. The per-address tests use one address each; the
// per-account tests send every request from a new address, so only the account throttle acts.
let t: TestApp | undefined
let app: FastifyInstance
before(async () => { t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: String(LIMIT) }); app = t.app })
after(async () => { await t?.close() })

let lastAddress = 0
const newAddress = () => { lastAddress++; return `10.0.${lastAddress >> 8}.${lastAddress & 255}` }
const freshEmail = () => `limit.${randomBytes(4).toString('hex')}@example.com`
const auth = async (path: string, payload: object, remoteAddress = newAddress()) =>
  await app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload, remoteAddress })

async function registerUser (email = freshEmail()): Promise<{ email: string, token: string }> {
  const res = await auth('register', { email, password: PASSWORD })
  assert.equal(res.statusCode, 201, res.body)
  return { email, token: res.json().accessToken }
}

function assertRetryAfter (res: LightMyRequestResponse, maxSec: number): void {
  assertProblem(res, 429)
  const retryAfter = Number(res.headers['retry-after'])
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSec, `Retry-After: ${res.headers['retry-after']}`)
}

describe('per-address limit on the auth endpoints', () => {
  test('the 4th login in a minute from one address is 429 with Retry-After; other addresses go on', async () => {
    const user = await registerUser()
    const address = newAddress()
    for (let i = 0; i < LIMIT; i++) assert.equal((await auth('login', { email: user.email, password: PASSWORD }, address)).statusCode, 200)
    assertRetryAfter(await auth('login', { email: user.email, password: PASSWORD }, address), 60)
    assert.equal((await auth('login', { email: user.email, password: PASSWORD })).statusCode, 200)
  })

  test('register and refresh are limited the same way', async () => {
    for (const [path, body] of [['register', () => ({ email: freshEmail(), password: PASSWORD })], ['refresh', () => ({ refreshToken: 'not-a-real-token' })]] as const) {
      const address = newAddress()
      for (let i = 0; i < LIMIT; i++) assert.notEqual((await auth(path, body(), address)).statusCode, 429, `${path} #${i + 1}`)
      assertRetryAfter(await auth(path, body(), address), 60)
    }
  })

  test('GET /me is not limited', async () => {
    const address = newAddress()
    const user = await registerUser()
    for (let i = 0; i < LIMIT; i++) await auth('login', { email: user.email, password: 'wrong password' }, address)
    assertProblem(await auth('login', { email: user.email, password: PASSWORD }, address), 429)
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await app.inject({ url: '/api/v1/me', remoteAddress: address, headers: { authorization: `Bearer ${user.token}` } })
      assert.equal(res.statusCode, 200, `GET /me #${i + 1}: ${res.body}`)
    }
  })
})

// The per-account lock and per-address wait are tested in login-throttle.test.ts; here, how
// they sit behind the address limit.
describe('per-account login throttle behind the address limit', () => {
  const fail = async (email: string, address?: string) => {
    assertUnauthorized(await auth('login', { email, password: 'wrong password' }, address))
  }

  test('wrong passwords from many addresses never make the owner wait; other accounts are unaffected', async () => {
    const victim = await registerUser()
    const bystander = await registerUser()
    // Case and spaces do not make a new account key.
    for (const email of [victim.email, victim.email.toUpperCase(), ` ${victim.email}`, victim.email, victim.email, victim.email]) await fail(email)
    const row = await app.database.db.selectFrom('login_throttle').select('failures').where('email', '=', victim.email).executeTakeFirst()
    assert.equal(Number(row?.failures), 6)
    assert.equal((await auth('login', { email: victim.email, password: PASSWORD })).statusCode, 200)
    assert.equal((await auth('login', { email: bystander.email, password: PASSWORD })).statusCode, 200)
  })
})
