import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { signJwt } from './helpers/jwt.js'

// Token answers and everything behind a token are personal: no browser or proxy cache may
// keep them (RFC 6749 §5.1, RFC 9111 §5.2.2.5), errors included.
const PASSWORD = 'correct horse battery'

let t: TestApp | undefined
let app: FastifyInstance
let s: Session
before(async () => { t = await createTestApp(); app = t.app; s = await register(app) })
after(async () => { await t?.close() })

const freshEmail = () => `cache.${randomBytes(4).toString('hex')}@example.com`
const auth = async (path: string, payload: object, authorization?: string) => await app.inject({
  method: 'POST',
  url: `/api/v1/auth/${path}`,
  payload,
  headers: authorization === undefined ? {} : { authorization }
})

function assertNoStore (res: LightMyRequestResponse, status: number, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body}`)
  assert.equal(res.headers['cache-control'], 'no-store', `${what} answers ${status} without Cache-Control: no-store`)
}

describe('Cache-Control: no-store', () => {
  test('on every token route, on success and on error', async () => {
    const email = freshEmail()
    const registered = await auth('register', { email, password: PASSWORD })
    assertNoStore(registered, 201, 'register')
    assertNoStore(await auth('register', { email, password: PASSWORD }), 409, 'register taken')
    assertNoStore(await auth('register', { email: 'not-an-email', password: PASSWORD }), 400, 'register invalid')
    assertNoStore(await auth('login', { email, password: PASSWORD }), 200, 'login')
    assertNoStore(await auth('login', { email, password: 'wrong password' }), 401, 'login wrong')
    assertNoStore(await auth('login', { email }), 400, 'login without password')
    const { refreshToken, accessToken } = registered.json()
    assertNoStore(await auth('refresh', { refreshToken }), 200, 'refresh')
    assertNoStore(await auth('refresh', { refreshToken }), 401, 'refresh reused')
    const fresh = (await auth('login', { email, password: PASSWORD })).json()
    assertNoStore(await auth('logout', {}, `Bearer ${fresh.accessToken}`), 204, 'logout')
    assertNoStore(await auth('logout', {}, `Bearer ${fresh.accessToken}`), 401, 'logout again')
    assertNoStore(await auth('logout', {}), 401, 'logout without a token')
    assert.ok(typeof accessToken === 'string')
  })

  test('on a throttled login (429)', async () => {
    const email = freshEmail()
    for (let i = 0; i < 5; i++) await auth('login', { email, password: 'wrong password' })
    const res = await auth('login', { email, password: 'wrong password' })
    assertNoStore(res, 429, 'throttled login')
  })

  test('on authenticated routes, on success and on error', async () => {
    const client = as(app, s)
    assertNoStore(await client.get('/me'), 200, 'GET /me')
    assertNoStore(await client.get('/workouts'), 200, 'GET /workouts')
    assertNoStore(await client.get('/exercises?limit=1'), 200, 'GET /exercises')
    assertNoStore(await client.get('/stats/summary'), 200, 'GET /stats/summary')
    assertNoStore(await client.get(`/workouts/${randomUUID()}`), 404, 'GET /workouts/{unknown}')
    assertNoStore(await client.patch('/me', { unitSystem: 'furlongs' }), 400, 'PATCH /me invalid')
    assertNoStore(await client.post('/me/password', { currentPassword: 'wrong password', newPassword: PASSWORD }),
      401, 'POST /me/password wrong')
    assertNoStore(await app.inject({ url: '/api/v1/me' }), 401, 'GET /me without a token')
    const forged = signJwt({ sub: s.userId, sid: randomUUID() }, { secret: 'x'.repeat(48) })
    assertNoStore(await app.inject({ url: '/api/v1/workouts', headers: { authorization: `Bearer ${forged}` } }),
      401, 'GET /workouts with a bad token')
  })

  test('public cacheable routes are left alone', async () => {
    const res = await app.inject({ url: '/health' })
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['cache-control'], undefined)
  })
})
