import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/modules/auth/tokens.js'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { decodeJwt } from './helpers/jwt.js'
import { assertFieldError, assertProblem, assertUnauthorized } from './helpers/problem.js'

const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'tr0ub4dor & 3 more words'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

let t: TestApp | undefined
let app: FastifyInstance
before(async () => { t = await createTestApp(); app = t.app })
after(async () => { await t?.close() })

const freshEmail = () => `auth.${randomBytes(4).toString('hex')}@example.com`
const auth = async (path: string, payload: object) => await app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload })
const login = async (email: string, password = PASSWORD) => await auth('login', { email, password })
const refresh = async (refreshToken: string) => await auth('refresh', { refreshToken })
const meStatus = async (s: Session) => (await as(app, s).get('/me')).statusCode
/** Another login session of the same user. */
async function secondSession (s: Session, password = PASSWORD): Promise<Session> {
  const res = await login(s.email, password)
  assert.equal(res.statusCode, 200, res.body)
  return { ...s, token: res.json().accessToken, refreshToken: res.json().refreshToken }
}

describe('POST /auth/register', () => {
  test('answers 201, a Location and an AuthResult', async () => {
    const email = freshEmail()
    const res = await auth('register', { email, password: PASSWORD })
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'expiresIn', 'refreshToken', 'tokenType', 'user'])
    assert.equal(body.tokenType, 'Bearer')
    assert.ok(Number.isInteger(body.expiresIn) && body.expiresIn > 0 && body.expiresIn <= 900)
    assert.match(body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/)
    assert.ok(typeof body.refreshToken === 'string' && body.refreshToken.length >= 32)
    assert.deepEqual(body.user, { id: body.user.id, email, displayName: null, unitSystem: 'metric', timeZone: 'UTC', createdAt: body.user.createdAt })
    assert.match(body.user.id, UUID)
    assert.match(body.user.createdAt, INSTANT)
    assert.ok(Math.abs(Date.parse(body.user.createdAt) - Date.now()) < 60_000)
    const located = await app.inject({ url: String(res.headers.location), headers: { authorization: `Bearer ${body.accessToken}` } })
    assert.equal(located.statusCode, 200)
    assert.deepEqual(located.json(), body.user)
  })

  test('trims and lower-cases the email; the same address in another case is 409', async () => {
    const local = `Mixed.${randomBytes(3).toString('hex')}`
    const res = await auth('register', { email: `  ${local}@Example.COM `, password: PASSWORD })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().user.email, `${local.toLowerCase()}@example.com`)
    assertProblem(await auth('register', { email: `${local.toUpperCase()}@EXAMPLE.com`, password: PASSWORD }), 409)
    assert.equal((await login(` ${local.toUpperCase()}@example.com`)).statusCode, 200)
  })

  test('passwords must be 8 to 128 characters (400 at /password); emails must be emails', async () => {
    for (const password of ['1234567', 'x'.repeat(129)]) assertFieldError(await auth('register', { email: freshEmail(), password }), '/password')
    for (const password of ['12345678', 'x'.repeat(128)]) assert.equal((await auth('register', { email: freshEmail(), password })).statusCode, 201)
    for (const email of ['not-an-email', 'two words@example.com']) assertFieldError(await auth('register', { email, password: PASSWORD }), '/email')
  })

  test('displayName is optional and kept when given', async () => {
    const res = await auth('register', { email: freshEmail(), password: PASSWORD, displayName: 'Ada' })
    assert.equal(res.statusCode, 201)
    assert.equal(res.json().user.displayName, 'Ada')
  })
})

describe('POST /auth/login', () => {
  test('the right password answers 200 with a new session for the same user', async () => {
    const s = await register(app)
    const res = await login(s.email)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().user.id, s.userId)
    assert.equal(res.json().tokenType, 'Bearer')
    assert.notEqual(decodeJwt(res.json().accessToken).payload.sid, decodeJwt(s.token).payload.sid)
  })

  test('a wrong password and an unknown email give the same 401', async () => {
    const s = await register(app)
    const wrong = await login(s.email, 'not the password')
    const unknown = await login(freshEmail(), 'not the password')
    assertUnauthorized(wrong)
    assert.equal(unknown.statusCode, wrong.statusCode)
    assert.equal(unknown.headers['content-type'], wrong.headers['content-type'])
    assert.deepEqual(unknown.json(), wrong.json())
  })

  test('the access token is HS256 with sub, sid, iat, exp (≤ 15 min), iss and aud', async () => {
    const res = (await login((await register(app)).email)).json()
    const { header, payload } = decodeJwt(res.accessToken)
    assert.equal(header.alg, 'HS256')
    assert.equal(payload.sub, res.user.id)
    assert.ok(typeof payload.sid === 'string' && payload.sid.length > 0)
    assert.equal(payload.iss, TOKEN_ISSUER)
    assert.equal(payload.aud, TOKEN_AUDIENCE)
    const { iat, exp } = payload as { iat: number, exp: number }
    assert.ok(Number.isInteger(iat) && Math.abs(iat - Date.now() / 1000) < 60)
    assert.ok(exp > iat && exp - iat <= 900, `lifetime ${exp - iat} s`)
    assert.equal(res.expiresIn, exp - iat)
  })
})

describe('POST /auth/refresh', () => {
  test('rotates: a new working pair for the same session', async () => {
    const s = await register(app)
    const res = await refresh(s.refreshToken)
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    assert.equal(body.user.id, s.userId)
    assert.notEqual(body.refreshToken, s.refreshToken)
    assert.equal(decodeJwt(body.accessToken).payload.sid, decodeJwt(s.token).payload.sid)
    assert.equal(await meStatus({ ...s, token: body.accessToken }), 200)
  })

  test('a used refresh token answers 401 and revokes its whole session', async () => {
    const s = await register(app)
    const other = await secondSession(s)
    const first = (await refresh(s.refreshToken)).json()
    const newest = (await refresh(first.refreshToken)).json()
    assert.equal(await meStatus({ ...s, token: newest.accessToken }), 200)
    assertUnauthorized(await refresh(s.refreshToken))
    assertUnauthorized(await as(app, { ...s, token: newest.accessToken }).get('/me'))
    assertUnauthorized(await refresh(newest.refreshToken))
    assert.equal(await meStatus(other), 200, 'another session of the user is not affected')
  })

  test('an unknown refresh token answers 401', async () => {
    assertUnauthorized(await refresh(randomBytes(32).toString('base64url')))
  })
})

describe('POST /auth/logout', () => {
  test('answers 204 and ends this session at once, and only this one', async () => {
    const s = await register(app)
    const other = await secondSession(s)
    assert.equal(await meStatus(s), 200)
    const res = await as(app, s).post('/auth/logout')
    assert.equal(res.statusCode, 204)
    assert.equal(res.body, '')
    assertUnauthorized(await as(app, s).get('/me'))
    assertUnauthorized(await refresh(s.refreshToken))
    assert.equal(await meStatus(other), 200)
    assert.equal((await refresh(other.refreshToken)).statusCode, 200)
  })

  test('needs a token', async () => {
    assertUnauthorized(await as(app, undefined).post('/auth/logout'))
  })
})

describe('POST /me/password', () => {
  test('answers 204, ends every other session at once and keeps this one', async () => {
    const s = await register(app)
    const other = await secondSession(s)
    assert.equal(await meStatus(other), 200)
    const res = await as(app, s).post('/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
    assert.equal(res.statusCode, 204, res.body)
    assertUnauthorized(await as(app, other).get('/me'))
    assertUnauthorized(await refresh(other.refreshToken))
    assert.equal(await meStatus(s), 200)
    assertUnauthorized(await login(s.email))
    assert.equal((await login(s.email, NEW_PASSWORD)).statusCode, 200)
  })

  test('a wrong currentPassword is 401 and changes nothing; a short newPassword is 400', async () => {
    const s = await register(app)
    assertProblem(await as(app, s).post('/me/password', { currentPassword: 'not the password', newPassword: NEW_PASSWORD }), 401)
    assertFieldError(await as(app, s).post('/me/password', { currentPassword: PASSWORD, newPassword: 'short' }), '/newPassword')
    assert.equal(await meStatus(s), 200)
    assert.equal((await login(s.email)).statusCode, 200)
  })
})

describe('DELETE /me', () => {
  test('a wrong password is 401 and keeps the account', async () => {
    const s = await register(app)
    assertProblem(await as(app, s).delete('/me', { password: 'not the password' }), 401)
    assert.equal(await meStatus(s), 200)
    assert.equal((await login(s.email)).statusCode, 200)
  })

  test('the right password removes the account: tokens and login fail, the email is free', async () => {
    const s = await register(app)
    const other = await secondSession(s)
    assert.equal(await meStatus(other), 200)
    assert.equal((await as(app, s).delete('/me', { password: PASSWORD })).statusCode, 204)
    assertUnauthorized(await as(app, s).get('/me'))
    assertUnauthorized(await as(app, other).get('/me'))
    assertUnauthorized(await refresh(other.refreshToken))
    assertUnauthorized(await login(s.email))
    const again = await auth('register', { email: s.email, password: PASSWORD })
    assert.equal(again.statusCode, 201, again.body)
    assert.notEqual(again.json().user.id, s.userId)
  })
})

describe('GET and PATCH /me', () => {
  test('PATCH changes displayName and unitSystem, and GET shows it', async () => {
    const s = await register(app)
    const before = (await as(app, s).get('/me')).json()
    assert.deepEqual(before, { id: s.userId, email: s.email, displayName: null, unitSystem: 'metric', timeZone: 'UTC', createdAt: before.createdAt })
    const res = await as(app, s).patch('/me', { displayName: 'Ada', unitSystem: 'imperial' })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { ...before, displayName: 'Ada', unitSystem: 'imperial' })
    assert.deepEqual((await as(app, s).get('/me')).json(), res.json())
    const cleared = await as(app, s).patch('/me', { displayName: null })
    assert.deepEqual(cleared.json(), { ...before, unitSystem: 'imperial' })
  })

  test('PATCH refuses unknown fields and invalid values with 400', async () => {
    const s = await register(app)
    assertFieldError(await as(app, s).patch('/me', { email: 'new@example.com' }), '/email')
    assertFieldError(await as(app, s).patch('/me', { unitSystem: 'furlongs' }), '/unitSystem')
    assertFieldError(await as(app, s).patch('/me', { displayName: '' }), '/displayName')
    assert.deepEqual((await as(app, s).get('/me')).json().unitSystem, 'metric')
  })
})
