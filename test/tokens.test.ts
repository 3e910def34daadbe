import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { decodeJwt, signJwt, withPayload, withSpareBitsFlipped, type Claims } from './helpers/jwt.js'
import { assertUnauthorized } from './helpers/problem.js'

let t: TestApp | undefined
let app: FastifyInstance
let alice: Session
let bob: Session
/** Alice's real claims (sub, sid, iat, exp, iss, aud): the base every forged token starts from. */
let claims: Claims

before(async () => {
  t = await createTestApp()
  app = t.app
  alice = await register(app)
  bob = await register(app)
  claims = decodeJwt(alice.token).payload
})
after(async () => { await t?.close() })

const me = async (authorization?: string) =>
  await app.inject({ url: '/api/v1/me', headers: authorization === undefined ? {} : { authorization } })
const now = () => Math.floor(Date.now() / 1000)

describe('the token check accepts', () => {
  test('the issued token, typed at+jwt (RFC 9068)', async () => {
    assert.equal((await me(`Bearer ${alice.token}`)).statusCode, 200)
    assert.equal(decodeJwt(alice.token).header.typ, 'at+jwt')
  })

  test('an iat up to 60 s ahead (clock skew between instances)', async () => {
    assert.equal((await me(`Bearer ${signJwt({ ...claims, iat: now() + 30, exp: now() + 600 })}`)).statusCode, 200)
  })

  // Control for the attacks below: the forging helper makes tokens the API accepts, so each
  // rejection is down to the one thing the attack changes.
  test('a token built here with the right secret and claims', async () => {
    const res = await me(`Bearer ${signJwt({ ...claims, iat: now(), exp: now() + 600 })}`)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().id, alice.userId)
  })
})

describe('the token check answers 401 problem+json with WWW-Authenticate: Bearer for', () => {
  test('no Authorization header', async () => {
    assertUnauthorized(await me())
  })

  test('a malformed header: garbage, another scheme, or no scheme', async () => {
    for (const header of ['Bearer garbage', 'Bearer ', 'Bearer a.b', `Basic ${Buffer.from('a:b').toString('base64')}`, alice.token, `Bearer ${alice.token} extra`]) {
      assertUnauthorized(await me(header))
    }
  })

  test('a payload changed to another user with the old signature', async () => {
    assertUnauthorized(await me(`Bearer ${withPayload(alice.token, { ...claims, sub: bob.userId })}`))
    assertUnauthorized(await me(`Bearer ${withPayload(alice.token, { ...claims, exp: now() + 86_400 })}`))
  })

  test('a token signed with another secret', async () => {
    assertUnauthorized(await me(`Bearer ${signJwt(claims, { secret: 'another-secret-that-is-also-long-enough-to-sign' })}`))
  })

  test('an alg: none token, with or without a signature', async () => {
    const header = { alg: 'none', typ: 'JWT' }
    const unsigned = signJwt(claims, { header })
    assert.ok(unsigned.endsWith('.'), 'alg none carries an empty signature')
    assertUnauthorized(await me(`Bearer ${unsigned}`))
    const signature = signJwt(claims).split('.')[2]
    assertUnauthorized(await me(`Bearer ${unsigned}${signature}`))
  })

  test('another HMAC algorithm with the right secret (HS512)', async () => {
    assertUnauthorized(await me(`Bearer ${signJwt(claims, { header: { alg: 'HS512', typ: 'JWT' } })}`))
  })

  test('a wrong or missing issuer or audience', async () => {
    const { iss, aud, ...rest } = claims
    for (const payload of [{ ...claims, iss: 'someone-else' }, { ...claims, aud: 'another-api' }, { ...rest, aud }, { ...rest, iss }]) {
      assertUnauthorized(await me(`Bearer ${signJwt(payload)}`))
    }
  })

  test('an expired token with a valid signature', async () => {
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, iat: now() - 1000, exp: now() - 100 })}`))
  })

  test('a token without a session id, or with a session that does not exist', async () => {
    const { sid: _sid, ...withoutSid } = claims
    assertUnauthorized(await me(`Bearer ${signJwt(withoutSid)}`))
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, sid: randomUUID() })}`))
  })

  test("a validly signed token pairing another user's id with this session", async () => {
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, sub: bob.userId })}`))
  })

  test('a token issued in the future (iat beyond 60 s of clock skew), or with a non-numeric iat', async () => {
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, iat: now() + 3600, exp: now() + 4000 })}`))
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, iat: now() + 120, exp: now() + 600 })}`))
    assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, iat: String(now()), exp: now() + 600 })}`))
  })

  test('a JWT header typ other than the at+jwt issued (RFC 9068), exactly', async () => {
    for (const typ of ['JWT', 'jwt', 'AT+JWT', 'application/at+jwt', 'at+jwt ', undefined]) {
      const header = typ === undefined ? { alg: 'HS256' } : { alg: 'HS256', typ }
      assertUnauthorized(await me(`Bearer ${signJwt({ ...claims, iat: now(), exp: now() + 600 }, { header })}`))
    }
  })

  test('a signature whose spare trailing bits are flipped, so it decodes to the same bytes', async () => {
    const token = signJwt({ ...claims, iat: now(), exp: now() + 600 })
    const twin = withSpareBitsFlipped(token)
    assert.notEqual(twin, token)
    assert.deepEqual(Buffer.from(twin.split('.')[2], 'base64url'), Buffer.from(token.split('.')[2], 'base64url'))
    assert.equal((await me(`Bearer ${token}`)).statusCode, 200)
    assertUnauthorized(await me(`Bearer ${twin}`))
  })

  test('a signature with base64 padding or characters outside base64url', async () => {
    const token = signJwt({ ...claims, iat: now(), exp: now() + 600 })
    const [head, body, signature] = token.split('.')
    const standard = Buffer.from(signature, 'base64url').toString('base64')
    for (const sig of [`${signature}=`, standard, `${signature.slice(0, 10)}+${signature.slice(11)}`, `${signature} `]) {
      assertUnauthorized(await me(`Bearer ${head}.${body}.${sig}`))
    }
  })

  test('every rejection looks the same to the client apart from the detail', async () => {
    const bodies = await Promise.all([me(), me('Bearer garbage'), me(`Bearer ${signJwt(claims, { secret: 'x'.repeat(40) })}`)])
    for (const res of bodies) {
      const { detail: _detail, ...rest } = assertUnauthorized(res)
      assert.deepEqual(rest, { type: 'about:blank', title: 'Unauthorized', status: 401 })
    }
  })
})
