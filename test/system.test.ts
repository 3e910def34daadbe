import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp, type TestApp } from './helpers/app.js'

const ORIGIN = 'https://app.example.com'
const PUBLIC_OPERATIONS = new Set(['post /api/v1/auth/register', 'post /api/v1/auth/login', 'post /api/v1/auth/refresh',
  'post /api/v1/auth/password-reset', 'post /api/v1/auth/password-reset/confirm'])
const PROBLEM_REF = '#/components/schemas/Problem'
const METHODS = ['get', 'post', 'put', 'patch', 'delete']

interface Parameter { name: string, in: string, description?: string }
interface Operation {
  summary?: string, tags?: string[], security?: unknown, requestBody?: any, parameters?: Parameter[], responses: Record<string, any>
}
interface OpenApi { openapi: string, paths: Record<string, Record<string, Operation>>, components: Record<string, any> }

let t: TestApp | undefined
let app: FastifyInstance
let doc: OpenApi
before(async () => {
  t = await createTestApp({ CORS_ORIGINS: ORIGIN })
  app = t.app
  const res = await app.inject({ url: '/openapi.json' })
  assert.equal(res.statusCode, 200)
  doc = res.json()
})
after(async () => { await t?.close() })

/** Every API operation as [`method path`, operation]. */
const apiOperations = (): Array<[string, Operation]> => Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, item]) => METHODS.filter((m) => item[m] !== undefined).map((m): [string, Operation] => [`${m} ${path}`, item[m]]))

function assertProblemResponse (name: string, op: Operation, status: string): void {
  const response = op.responses[status]
  assert.ok(response !== undefined, `${name} does not document ${status}`)
  assert.equal(response.content?.['application/problem+json']?.schema?.$ref, PROBLEM_REF, `${name} ${status}`)
}

describe('health', () => {
  test('GET /health and GET /ready answer 200 {status: "ok"} without a token; /ready adds its checks', async () => {
    const expected: Record<string, unknown> = { '/health': { status: 'ok' }, '/ready': { status: 'ok', checks: { database: 'ok' } } }
    for (const url of ['/health', '/ready']) {
      const res = await app.inject({ url })
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      assert.match(String(res.headers['content-type']), /^application\/json/)
      assert.deepEqual(res.json(), expected[url])
    }
  })
})

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 with the bearer scheme and the Problem schema', () => {
    assert.equal(doc.openapi, '3.1.0')
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    const problem = doc.components.schemas.Problem
    assert.deepEqual([...problem.required].sort(), ['status', 'title', 'type'])
    assert.ok(['type', 'title', 'status', 'detail', 'errors'].every((p) => p in problem.properties))
  })

  test('describes the auth and me routes', () => {
    const names = new Set(apiOperations().map(([name]) => name))
    for (const name of [...PUBLIC_OPERATIONS, 'post /api/v1/auth/logout', 'get /api/v1/me', 'patch /api/v1/me', 'delete /api/v1/me', 'post /api/v1/me/password']) {
      assert.ok(names.has(name), `missing ${name}`)
    }
    const register = doc.paths['/api/v1/auth/register'].post
    const body = register.requestBody.content['application/json'].schema
    assert.deepEqual([...body.required].sort(), ['email', 'password'])
    assert.equal(body.additionalProperties, false)
    assert.ok(register.responses['201'] !== undefined)
    assertProblemResponse('register', register, '409')
  })

  test('every API operation has a summary, tags, 400/500, and only problem+json error responses', () => {
    const operations = apiOperations()
    assert.ok(operations.length >= 8)
    for (const [name, op] of operations) {
      assert.ok(typeof op.summary === 'string' && op.summary.length > 0, `${name} has no summary`)
      assert.ok(Array.isArray(op.tags) && op.tags.length > 0, `${name} has no tags`)
      assertProblemResponse(name, op, '400')
      assertProblemResponse(name, op, '500')
      if (op.requestBody !== undefined) for (const status of ['413', '415']) assertProblemResponse(name, op, status)
      for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) assertProblemResponse(name, op, status)
    }
  })

  test('every parameter (path, query, header) of every operation has a description', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS
      .filter((m) => item[m] !== undefined).map((m): [string, Operation] => [`${m} ${path}`, item[m]]))
    assert.ok(operations.some(([, op]) => (op.parameters ?? []).length > 0), 'no parameters at all')
    const undescribed = operations.flatMap(([name, op]) => (op.parameters ?? [])
      .filter((p) => typeof p.description !== 'string' || p.description.trim() === '')
      .map((p) => `${name}: ${p.in} ${p.name}`))
    assert.deepEqual(undescribed, [])
  })

  test('every operation has an operationId of its own', () => {
    const seen = new Map<string, string>()
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method} ${path}`
        assert.ok(typeof op.operationId === 'string' && /^[a-z][A-Za-z]+$/.test(op.operationId), `${name} has no operationId`)
        assert.equal(seen.get(op.operationId), undefined, `${name} and ${seen.get(op.operationId)} share ${op.operationId}`)
        seen.set(op.operationId, name)
      }
    }
  })

  test('authenticated operations declare bearer security and 401; the public ones 429 and no security', () => {
    for (const [name, op] of apiOperations()) {
      if (PUBLIC_OPERATIONS.has(name)) {
        assert.deepEqual(op.security, [], `${name} is public`)
        assertProblemResponse(name, op, '429')
      } else {
        assert.deepEqual(op.security, [{ bearerAuth: [] }], `${name} security`)
        assertProblemResponse(name, op, '401')
      }
    }
  })
})

describe('Swagger UI', () => {
  test('GET /docs serves an HTML page', async () => {
    let url = '/docs'
    let res = await app.inject({ url })
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      url = new URL(String(res.headers.location), `http://localhost${url}`).pathname
      res = await app.inject({ url })
    }
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^text\/html/)
    assert.match(res.body, /swagger/i)
  })
})

describe('CORS', () => {
  const preflight = async (origin: string) => await app.inject({
    method: 'OPTIONS',
    url: '/api/v1/me',
    headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' }
  })

  test('a preflight from an allowed origin is answered with that origin', async () => {
    const res = await preflight(ORIGIN)
    assert.ok(res.statusCode === 204 || res.statusCode === 200, res.body)
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN)
    assert.match(String(res.headers['access-control-allow-methods']), /PATCH/)
    assert.match(String(res.headers['access-control-allow-headers']), /Authorization/i)
    const get = await app.inject({ url: '/health', headers: { origin: ORIGIN } })
    assert.equal(get.headers['access-control-allow-origin'], ORIGIN)
  })

  test('another origin gets no access-control-allow-origin', async () => {
    const res = await preflight('https://evil.example.com')
    assert.equal(res.headers['access-control-allow-origin'], undefined)
    const get = await app.inject({ url: '/health', headers: { origin: 'https://evil.example.com' } })
    assert.equal(get.headers['access-control-allow-origin'], undefined)
  })
})
