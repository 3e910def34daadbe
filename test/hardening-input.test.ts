import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { assertProblem } from './helpers/problem.js'

// Hostile bodies: whatever their shape, the answer is a 4xx problem, never a 5xx.
let t: TestApp | undefined
let app: FastifyInstance
let session: Session
before(async () => {
  t = await createTestApp()
  app = t.app
  session = await register(app)
})
after(async () => { await t?.close() })

const send = async (method: 'POST' | 'PATCH', url: string, payload: string, contentType = 'application/json', token?: string) =>
  await app.inject({
    method,
    url,
    payload,
    headers: { 'content-type': contentType, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }
  })

const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)
const objects = (depth: number, leaf = '1'): string => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth)

describe('deeply nested JSON bodies', () => {
  const DEEP = [['arrays', arrays(8000)], ['objects', objects(8000)], ['mixed', '{"a":['.repeat(4000) + '1' + ']}'.repeat(4000)]]

  test('8,000 levels are a 400 that names the limit, on public and authenticated routes', async () => {
    for (const [name, payload] of DEEP) {
      for (const [method, url, token] of [
        ['POST', '/api/v1/auth/login', undefined],
        ['POST', '/api/v1/auth/register', undefined],
        ['PATCH', '/api/v1/me', session.token],
        ['POST', '/api/v1/workouts', session.token]
      ] as const) {
        const body = assertProblem(await send(method, url, payload, 'application/json', token), 400)
        assert.match(body.detail, /nested more than 64 levels/, `${name} ${method} ${url}`)
      }
    }
  })

  test('without a token an authenticated route answers 401 (the token is checked first), never a 5xx', async () => {
    for (const [, payload] of DEEP) {
      assertProblem(await send('POST', '/api/v1/workouts', payload), 401)
      assertProblem(await send('PATCH', '/api/v1/me', payload), 401)
    }
  })

  test('the JSON parser itself survives the deepest body that fits in 1 MiB', async () => {
    const depth = 500_000 // 1,000,000 bytes
    assertProblem(await send('POST', '/api/v1/auth/login', arrays(depth)), 400)
    // A forbidden key deep inside makes secure-json-parse walk the whole tree.
    const poisoned = assertProblem(await send('POST', '/api/v1/auth/login', objects(100_000, '{"__proto__":1}')), 400)
    assert.equal(poisoned.detail, 'Body is not valid JSON')
    const constructor = objects(100_000, '{"constructor":{"prototype":1}}')
    assertProblem(await send('POST', '/api/v1/auth/login', constructor), 400)
  })

  test('64 levels are still parsed (65 are not) and reach the schema check', async () => {
    const body = assertProblem(await send('POST', '/api/v1/auth/login', objects(64)), 400)
    assert.doesNotMatch(body.detail, /nested/)
    assert.match(assertProblem(await send('POST', '/api/v1/auth/login', objects(65)), 400).detail, /nested/)
    const ok = await send('POST', '/api/v1/auth/login', JSON.stringify({ email: 'nobody@example.com', password: 'long enough' }))
    assertProblem(ok, 401)
  })

  test('a NUL character is still found, at its path, deep inside an allowed body', async () => {
    const res = await send('PATCH', '/api/v1/me', JSON.stringify({ displayName: { a: [0, { b: 'x\u0000' }] } }), 'application/json', session.token)
    const body = assertProblem(res, 400)
    assert.deepEqual(body.errors, [{ path: '/displayName/a/1/b', message: 'must not contain a NUL character' }])
  })
})

describe('JSON body charset', () => {
  const login = JSON.stringify({ email: 'nobody@example.com', password: 'long enough' })

  test('a charset other than utf-8 is 415', async () => {
    for (const type of [
      'application/json; charset=utf-16',
      'application/json; charset=UTF-16LE',
      'application/json;charset=iso-8859-1',
      'application/json; charset="latin1"'
    ]) {
      const body = assertProblem(await send('POST', '/api/v1/auth/login', login, type), 415)
      assert.match(body.detail, /UTF-8/, type)
    }
  })

  test('utf-8 in any case, quoted or not, and no charset at all are accepted', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"']) {
      assertProblem(await send('POST', '/api/v1/auth/login', login, type), 401)
    }
  })
})

describe('paths the router cannot take and query strings a route does not read', () => {
  test('a path that is not valid percent-encoding, or a segment over 200 characters, is a 400 problem', async () => {
    for (const url of ['/api/v1/goals/%', '/api/v1/goals/%zz', '/api/v1/goals/%E0%A4%A', `/api/v1/goals/${'a'.repeat(201)}`]) {
      for (const token of [undefined, session.token]) {
        const headers = token === undefined ? {} : { authorization: `Bearer ${token}` }
        const res = await app.inject({ method: 'GET', url, headers })
        assertProblem(res, 400)
        assert.equal(res.headers['cache-control'], 'no-store', url)
      }
    }
  })

  test('/health and /ready ignore a query string they do not read, NUL included', async () => {
    for (const url of ['/health?a=%00', '/ready?a=%00', '/health?%00=1']) {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url)
    }
  })

  test('a NUL in a query parameter a route reads is still a 400 at its name', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/exercises?q=a%00b',
      headers: { authorization: `Bearer ${session.token}` }
    })
    const body = assertProblem(res, 400)
    assert.match(body.detail, /querystring\/q must not contain a NUL/)
  })
})
