import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { SMTPServer } from 'smtp-server'
import { buildApp } from '../src/app.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { as, createTestApp, freshDatabaseUrl, register, TEST_SECRET, type Session, type TestApp } from './helpers/app.js'
import { assertFieldError, assertProblem, assertUnauthorized } from './helpers/problem.js'

// Password reset end to end: a real SMTP server (smtp-server) receives the mail, the link is
// read from the raw message, and the token is followed through the API.
const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'a brand new passphrase'
const APP_URL = 'https://app.example.test'

interface Mail { to: string[], raw: string }
const mails: Mail[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // A mailbox that does not exist: the reset must still answer 202.
  onRcptTo (address, _session, callback) {
    callback(address.address.startsWith('bounce.') ? new Error('550 no such mailbox') : null)
  },
  onData (stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') })
      callback()
    })
  }
})

let t: TestApp | undefined
let app: FastifyInstance
before(async () => {
  await new Promise<void>((resolve) => { smtp.listen(0, '127.0.0.1', resolve) })
  const { port } = smtp.server.address() as AddressInfo
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, APP_URL: `${APP_URL}/` })
  app = t.app
})
after(async () => {
  await t?.close()
  await new Promise<void>((resolve) => { smtp.close(resolve) })
})

const freshEmail = (prefix = 'reset') => `${prefix}.${randomBytes(4).toString('hex')}@example.com`
const post = async (target: FastifyInstance, path: string, payload: object, remoteAddress?: string) =>
  await target.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload, remoteAddress })
const requestReset = async (email: string) => await post(app, 'password-reset', { email })
const confirm = async (token: string, newPassword = NEW_PASSWORD) =>
  await post(app, 'password-reset/confirm', { token, newPassword })
const login = async (email: string, password: string) => await post(app, 'login', { email, password })

/** The body of a quoted-printable (or 7bit) message, with soft line breaks and =XX decoded. */
const decodeQp = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** Waits for every reset in flight, then returns (and forgets) the mails sent to `email`. */
async function mailsTo (email: string): Promise<Mail[]> {
  await app.passwordReset.drain()
  const mine = mails.filter((m) => m.to.includes(email))
  for (const m of mine) mails.splice(mails.indexOf(m), 1)
  return mine
}

function tokenOf (mail: Mail): string {
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(decodeQp(mail.raw))
  assert.ok(match !== null, `no link in ${mail.raw}`)
  assert.ok(decodeQp(mail.raw).includes(`${APP_URL}/reset-password?token=${match[1]}`), 'link on APP_URL')
  return match[1]
}

async function resetToken (email: string): Promise<string> {
  const res = await requestReset(email)
  assert.equal(res.statusCode, 202, res.body)
  const received = await mailsTo(email)
  assert.equal(received.length, 1)
  return tokenOf(received[0])
}

function assertInvalidToken (res: LightMyRequestResponse): void {
  const body = assertFieldError(res, '/token')
  assert.match(body.detail, /invalid, expired or already used/)
}

describe('POST /auth/password-reset', () => {
  test('a known email gets one mail with a 256-bit token; an unknown one the same 202 and no mail', async () => {
    const user = await register(app, freshEmail())
    const unknown = freshEmail('nobody')
    const known = await requestReset(user.email.toUpperCase())
    const other = await requestReset(`  ${unknown} `)
    assert.equal(known.statusCode, 202, known.body)
    assert.equal(other.statusCode, 202, other.body)
    assert.equal(known.body, other.body)
    assert.deepEqual(await mailsTo(unknown), [])
    const [mail, ...rest] = await mailsTo(user.email)
    assert.deepEqual(rest, [])
    assert.match(mail.raw, /^From: Spotter <no-reply@localhost>\r$/m)
    assert.match(mail.raw, /^Subject: Reset your Spotter password\r$/m)
    const token = tokenOf(mail)
    assert.equal(Buffer.from(token, 'base64url').length, 32)
  })

  test('only a hash of the token is stored, for 30 minutes', async () => {
    const user = await register(app, freshEmail())
    const token = await resetToken(user.email)
    const rows = await app.database.db.selectFrom('password_resets').selectAll().where('user_id', '=', user.userId).execute()
    assert.equal(rows.length, 1)
    assert.notEqual(rows[0].token_hash, token)
    assert.ok(!JSON.stringify(rows).includes(token))
    assert.equal(Date.parse(rows[0].expires_at) - Date.parse(rows[0].created_at), 30 * 60 * 1000)
    assert.equal(rows[0].used_at, null)
  })

  test('a mail the server refuses is logged, and the answer is still 202', async () => {
    const user = await register(app, freshEmail('bounce'))
    const res = await requestReset(user.email)
    assert.equal(res.statusCode, 202, res.body)
    assert.deepEqual(await mailsTo(user.email), [])
  })

  test('an address that is no email is a 400 whether or not it is registered', async () => {
    assertFieldError(await requestReset('not-an-email'), '/email')
  })
})

describe('POST /auth/password-reset/confirm', () => {
  test('sets the password, ends every session and clears the login lock', async () => {
    const first = await register(app, freshEmail())
    const again = await login(first.email, PASSWORD)
    assert.equal(again.statusCode, 200, again.body)
    const second: Session = { ...first, token: again.json().accessToken, refreshToken: again.json().refreshToken }
    // The account is locked (100 failed logins); the reset is how its owner gets back in.
    await app.database.db.insertInto('login_throttle').values({
      email: first.email, failures: 100, blocked_until: new Date(Date.now() + 3600_000).toISOString(), updated_at: new Date().toISOString()
    }).execute()
    assertProblem(await login(first.email, PASSWORD), 429)

    const token = await resetToken(first.email)
    const res = await confirm(token)
    assert.equal(res.statusCode, 204, res.body)
    assert.equal(res.body, '')

    for (const s of [first, second]) {
      assertUnauthorized(await as(app, s).get('/me'))
      assertUnauthorized(await post(app, 'refresh', { refreshToken: s.refreshToken }))
    }
    assertUnauthorized(await login(first.email, PASSWORD))
    const fresh = await login(first.email, NEW_PASSWORD)
    assert.equal(fresh.statusCode, 200, fresh.body)
    const me = await as(app, { ...first, token: fresh.json().accessToken }).get('/me')
    assert.equal(me.statusCode, 200, me.body)
  })

  test('a used, an expired and an unknown token are the same 400', async () => {
    const user = await register(app, freshEmail())
    const token = await resetToken(user.email)
    assert.equal((await confirm(token)).statusCode, 204)
    assertInvalidToken(await confirm(token, 'yet another passphrase'))
    assertUnauthorized(await login(user.email, 'yet another passphrase'))

    const expiring = await resetToken(user.email)
    await app.database.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where('user_id', '=', user.userId).execute()
    assertInvalidToken(await confirm(expiring))

    assertInvalidToken(await confirm(randomBytes(32).toString('base64url')))
    assert.equal((await login(user.email, NEW_PASSWORD)).statusCode, 200)
  })

  test('a newer request replaces the earlier link', async () => {
    const user = await register(app, freshEmail())
    const older = await resetToken(user.email)
    const newer = await resetToken(user.email)
    assertInvalidToken(await confirm(older))
    assert.equal((await confirm(newer)).statusCode, 204)
  })

  test('the new password follows the password rules (8 to 128 characters)', async () => {
    const user = await register(app, freshEmail())
    const token = await resetToken(user.email)
    assertFieldError(await confirm(token, 'short'), '/newPassword')
    assertFieldError(await confirm(token, 'x'.repeat(129)), '/newPassword')
    assert.equal((await confirm(token, 'x'.repeat(128))).statusCode, 204)
  })

  test('DELETE /me removes the user\'s reset tokens', async () => {
    const user = await register(app, freshEmail())
    const token = await resetToken(user.email)
    assert.equal((await as(app, user).delete('/me', { password: PASSWORD })).statusCode, 204)
    const left = await app.database.db.selectFrom('password_resets').select('token_hash')
      .where('user_id', '=', user.userId).execute()
    assert.deepEqual(left, [])
    assertInvalidToken(await confirm(token))
  })
})

describe('without SMTP_URL', () => {
  test('production answers 503 with Retry-After on both routes (the server still starts)', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production' })
    try {
      const user = await register(prod.app, freshEmail())
      for (const res of [
        await post(prod.app, 'password-reset', { email: user.email }),
        await post(prod.app, 'password-reset/confirm', { token: 'x'.repeat(43), newPassword: NEW_PASSWORD })
      ]) {
        const body = assertProblem(res, 503)
        assert.match(body.detail, /SMTP_URL/)
        assert.ok(Number(res.headers['retry-after']) >= 1)
      }
      assert.equal((await prod.app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
    } finally {
      await prod.close()
    }
  })

  test('development logs the link; the reset routes are rate limited like login (429, Retry-After)', async () => {
    const lines: string[] = []
    const stream = new Writable({ write (chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done() } })
    const database = await freshDatabaseUrl()
    const config = loadConfig({ JWT_SECRET: TEST_SECRET, AUTH_RATE_LIMIT_PER_MIN: '3', DATABASE_URL: database.url })
    const dev = await buildApp(config, { logger: { level: 'info', stream } })
    try {
      await dev.ready()
      const user = await register(dev, freshEmail())
      const address = '10.9.0.1'
      assert.equal((await post(dev, 'password-reset', { email: user.email }, address)).statusCode, 202)
      await dev.passwordReset.drain()
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg.startsWith('password reset link'))
      assert.equal(logged?.level, 30)
      const link = String(logged.link)
      assert.ok(link.startsWith('http://localhost:5005/reset-password?token='), link)
      const token = new URL(link).searchParams.get('token') ?? ''
      const done = await post(dev, 'password-reset/confirm', { token, newPassword: NEW_PASSWORD }, address)
      assert.equal(done.statusCode, 204, done.body)
      // Three requests a minute per address (AUTH_RATE_LIMIT_PER_MIN), and three confirmations.
      for (let i = 0; i < 2; i++) {
        assert.equal((await post(dev, 'password-reset', { email: freshEmail() }, address)).statusCode, 202)
        assertFieldError(await post(dev, 'password-reset/confirm', { token, newPassword: NEW_PASSWORD }, address), '/token')
      }
      for (const res of [
        await post(dev, 'password-reset', { email: user.email }, address),
        await post(dev, 'password-reset/confirm', { token, newPassword: NEW_PASSWORD }, address)
      ]) {
        assertProblem(res, 429)
        assert.ok(Number(res.headers['retry-after']) >= 1, String(res.headers['retry-after']))
      }
      // Another address has its own budget, and login's budget is separate.
      assert.equal((await post(dev, 'password-reset', { email: user.email }, '10.9.0.2')).statusCode, 202)
      assert.equal((await post(dev, 'login', { email: user.email, password: NEW_PASSWORD }, address)).statusCode, 200)
    } finally {
      await dev.close()
      await database.drop()
    }
  })
})

describe('configuration', () => {
  const base = { JWT_SECRET: TEST_SECRET }
  test('defaults: no SMTP, a local From and APP_URL', () => {
    assert.deepEqual(loadConfig(base).mail, {
      smtpUrl: undefined, from: 'Spotter <no-reply@localhost>', appUrl: 'http://localhost:5005'
    })
  })

  test('SMTP_URL must be smtp:// or smtps://, and the error never shows it', () => {
    const url = 'smtps://user:s3cret@mail.example.com:465'
    assert.equal(loadConfig({ ...base, SMTP_URL: url }).mail.smtpUrl, url)
    for (const bad of ['http://user:s3cret@mail.example.com', 'smtp://', 'mail.example.com:s3cret']) {
      assert.throws(() => loadConfig({ ...base, SMTP_URL: bad }), (error: Error) =>
        error instanceof ConfigError && /SMTP_URL/.test(error.message) && !error.message.includes('s3cret'))
    }
  })

  test('MAIL_FROM is one line; APP_URL an http(s) URL without its trailing slash', () => {
    assert.equal(loadConfig({ ...base, MAIL_FROM: 'Gym <gym@example.com>' }).mail.from, 'Gym <gym@example.com>')
    assert.throws(() => loadConfig({ ...base, MAIL_FROM: 'a@example.com\r\nBcc: x@example.com' }), ConfigError)
    assert.equal(loadConfig({ ...base, APP_URL: 'https://app.example.com//' }).mail.appUrl, 'https://app.example.com')
    assert.throws(() => loadConfig({ ...base, APP_URL: 'ftp://app.example.com' }), ConfigError)
  })
})
