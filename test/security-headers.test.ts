import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { createTestApp, register, type TestApp } from './helpers/app.js'

// Swagger UI was a blank page from any host but localhost over plain HTTP: its CSP said
// upgrade-insecure-requests, so the browser fetched its assets over https, and HSTS was sent over
// plain HTTP. Neither may appear on a plain HTTP answer; HSTS (and COOP) only when the request
// came over TLS.

let direct: TestApp
let proxied: TestApp
let token: string

before(async () => {
  direct = await createTestApp()
  proxied = await createTestApp({ TRUST_PROXY: 'true' })
  token = (await register(direct.app)).token
})
after(async () => { await direct.close(); await proxied.close() })

const csp = (res: LightMyRequestResponse): string => String(res.headers['content-security-policy'] ?? '')

async function answers (t: TestApp, headers: Record<string, string> = {}): Promise<Record<string, LightMyRequestResponse>> {
  const docs = await t.app.inject({ url: '/docs', headers })
  const page = docs.statusCode === 302 ? await t.app.inject({ url: String(docs.headers.location), headers }) : docs
  return {
    docs,
    page,
    asset: await t.app.inject({ url: '/docs/static/swagger-ui.css', headers }),
    initializer: await t.app.inject({ url: '/docs/static/swagger-initializer.js', headers }),
    health: await t.app.inject({ url: '/health', headers }),
    api: await t.app.inject({ url: '/api/v1/exercises/vocabulary', headers: { ...headers, authorization: `Bearer ${token}` } }),
    missing: await t.app.inject({ url: '/api/v1/nope', headers })
  }
}

describe('security headers', () => {
  test('over plain HTTP: a CSP without upgrade-insecure-requests and no HSTS, on the docs, their assets and the API', async () => {
    const all = await answers(direct)
    assert.equal(all.page.statusCode, 200)
    assert.match(all.page.body, /swagger-ui/)
    assert.equal(all.asset.statusCode, 200)
    for (const [name, res] of Object.entries(all)) {
      assert.ok(res.statusCode < 500, name)
      assert.match(csp(res), /default-src 'self'/, name)
      assert.doesNotMatch(csp(res), /upgrade-insecure-requests/i, name)
      assert.equal(res.headers['strict-transport-security'], undefined, name)
      assert.equal(res.headers['cross-origin-opener-policy'], undefined, name)
      assert.equal(res.headers['x-content-type-options'], 'nosniff', name)
    }
    assert.equal(all.api.statusCode, 200)
    assert.match(csp(all.page), /style-src 'self' https: 'unsafe-inline'/)
    // Swagger UI keeps its own policy, not the API's.
    assert.match(csp(all.page), /img-src 'self' data: validator\.swagger\.io/)
    assert.doesNotMatch(csp(all.api), /validator\.swagger\.io/)
  })

  test('X-Forwarded-Proto: https is ignored without TRUST_PROXY', async () => {
    for (const [name, res] of Object.entries(await answers(direct, { 'x-forwarded-proto': 'https' }))) {
      assert.equal(res.headers['strict-transport-security'], undefined, name)
    }
  })

  test('behind TRUST_PROXY, a request the proxy received over TLS gets HSTS, and still no upgrade', async () => {
    const tls = await answers(proxied, { 'x-forwarded-proto': 'https' })
    for (const [name, res] of Object.entries(tls)) {
      assert.match(String(res.headers['strict-transport-security']), /^max-age=\d+; includeSubDomains$/, name)
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', name)
      assert.doesNotMatch(csp(res), /upgrade-insecure-requests/i, name)
    }
    for (const [name, res] of Object.entries(await answers(proxied, { 'x-forwarded-proto': 'http' }))) {
      assert.equal(res.headers['strict-transport-security'], undefined, name)
    }
  })
})
