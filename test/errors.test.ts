import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { Body } from '../src/lib/schemas.js'
import { freshDatabaseUrl, register, TEST_SECRET } from './helpers/app.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

const INTERNAL = 'secret internal detail /etc/passwd'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

// Built by hand (not createTestApp) because the extra routes must exist before ready(): one
// that throws an unexpected error, and one with an integer body field for the coercion check.
let app: FastifyInstance
let close = async (): Promise<void> => {}
before(async () => {
  const fresh = await freshDatabaseUrl()
  close = fresh.drop
  app = await buildApp(loadConfig({ DATABASE_URL: fresh.url, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MIN: '100000' }))
  app.get('/boom', { config: { public: true } }, async () => { throw new Error(INTERNAL) })
  app.post('/typed', {
    config: { public: true },
    schema: { body: Body({ count: Type.Integer(), flag: Type.Optional(Type.Boolean()) }) }
  }, async (request) => request.body)
  close = async () => { await app.close(); await fresh.drop() }
  await app.ready()
})
after(async () => { await close() })

const post = async (url: string, payload: string | object, contentType = 'application/json') =>
  await app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } })
const login = async (payload: string | object, contentType?: string) => await post('/api/v1/auth/login', payload, contentType)

describe('problem documents', () => {
  test('an unknown route is 404 problem+json, with or without the API prefix', async () => {
    for (const url of ['/api/v1/no-such-thing', '/no-such-thing']) {
      const body = assertProblem(await app.inject({ url }), 404)
      assert.equal(body.title, 'Not Found')
    }
    assertProblem(await app.inject({ method: 'DELETE', url: '/api/v1/auth/register' }), 404)
  })

  test('malformed JSON and an empty JSON body are 400', async () => {
    assertProblem(await login('{"email": "a@example.com",'), 400)
    assertProblem(await login(''), 400)
  })

  test('a schema violation is 400 with errors[{path, message}] and a detail', async () => {
    const missing = assertFieldError(await login({ email: 'a@example.com' }), '/password')
    assert.deepEqual(missing.errors, [{ path: '/password', message: 'is required' }])
    assert.equal(missing.detail, 'body/password is required')
    const short = assertFieldError(await post('/api/v1/auth/register', { email: 'a@example.com', password: 'short' }), '/password')
    assert.match(short.errors?.[0].message ?? '', /8/)
  })

  test('an unknown body field is 400 at that field', async () => {
    const body = assertFieldError(await login({ email: 'a@example.com', password: 'whatever123', remember: true }), '/remember')
    assert.equal(body.errors?.length, 1)
  })

  test('body types are not coerced: a number is not a string, "5" is not an integer', async () => {
    assertFieldError(await login({ email: 'a@example.com', password: 12345678 }), '/password')
    assertFieldError(await post('/typed', { count: '5' }), '/count')
    assertFieldError(await post('/typed', { count: 5.5 }), '/count')
    assertFieldError(await post('/typed', { count: 5, flag: 'true' }), '/flag')
    const ok = await post('/typed', { count: 5, flag: true })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.deepEqual(ok.json(), { count: 5, flag: true })
  })

  test('a body over 1 MiB is 413', async () => {
    const body = assertProblem(await login({ email: 'a@example.com', password: 'x'.repeat(1024 * 1024) }), 413)
    assert.equal(body.title, 'Payload Too Large')
  })

  test('a body that is not JSON is 415', async () => {
    assertProblem(await login('email=a@example.com', 'text/plain'), 415)
    assertProblem(await login('email=a%40example.com&password=x', 'application/x-www-form-urlencoded'), 415)
  })

  test('a NUL character in a body string, a body key or a query parameter a route reads is 400', async () => {
    assertFieldError(await post('/api/v1/auth/register', { email: 'nul@example.com', password: 'long enough', displayName: 'a\u0000b' }), '/displayName')
    assertProblem(await login({ email: 'a@example.com', password: 'long enough', 'x\u0000': 1 }), 400)
    const s = await register(app, 'nul.query@example.com')
    const auth = { authorization: `Bearer ${s.token}` }
    assertFieldError(await app.inject({ url: '/api/v1/exercises?q=a%00b', headers: auth }), '/q')
    // A route without a query schema never reads its query string: ignored like any unknown parameter.
    assert.equal((await app.inject({ url: '/health?note=a%00b' })).statusCode, 200)
    assert.equal((await app.inject({ url: '/api/v1/me?x=%00', headers: auth })).statusCode, 200)
  })

  test('an unexpected error is a bare 500 problem that leaks nothing', async () => {
    const res = await app.inject({ url: '/boom' })
    const body = assertProblem(res, 500)
    assert.deepEqual(Object.keys(body).sort(), ['detail', 'status', 'title', 'type'])
    assert.equal(body.title, 'Internal Server Error')
    for (const leak of ['secret', '/etc/passwd', 'Error:', 'at ', '.ts', 'stack']) {
      assert.ok(!res.body.includes(leak), `500 body leaks "${leak}": ${res.body}`)
    }
  })
})

describe('response headers', () => {
  test('security headers are set and X-Powered-By is not', async () => {
    for (const res of [await app.inject({ url: '/health' }), await app.inject({ url: '/nope' })]) {
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
      assert.equal(res.headers['referrer-policy'], 'no-referrer')
      // Plain HTTP: no HSTS (test/security-headers.test.ts covers TLS behind a proxy).
      assert.equal(res.headers['strict-transport-security'], undefined)
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/)
      assert.equal(res.headers['x-powered-by'], undefined)
    }
  })

  test('X-Request-Id is echoed when sane and generated otherwise, on errors too', async () => {
    const echoed = await app.inject({ url: '/health', headers: { 'x-request-id': 'client-req.42' } })
    assert.equal(echoed.headers['x-request-id'], 'client-req.42')
    assert.equal((await app.inject({ url: '/nope', headers: { 'x-request-id': 'abc_1' } })).headers['x-request-id'], 'abc_1')
    assert.match(String((await app.inject({ url: '/health' })).headers['x-request-id']), UUID)
    for (const bad of ['has spaces', 'x'.repeat(65), '<script>']) {
      const res = await app.inject({ url: '/boom', headers: { 'x-request-id': bad } })
      assert.match(String(res.headers['x-request-id']), UUID, `"${bad}" should be replaced`)
    }
  })
})
