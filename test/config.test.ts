import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { ConfigError, loadConfig, resolveFileVariables } from '../src/config.js'
import { resolveJwtSecret } from '../src/lib/jwt-secret.js'

const SECRET = 's'.repeat(32)

function assertConfigError (env: Record<string, string>, message: RegExp): void {
  assert.throws(() => loadConfig(env), (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    assert.match(error.message, message)
    return true
  })
}

describe('loadConfig', () => {
  test('defaults need no environment at all', () => {
    const config = loadConfig({})
    assert.equal(config.port, 5005)
    assert.equal(config.host, '0.0.0.0')
    assert.deepEqual(config.database, { dialect: 'sqlite', file: path.join('data', 'spotter.db'), synchronous: 'full' })
    assert.equal(config.dataDir, 'data')
    assert.equal(config.logLevel, 'info')
    assert.equal(config.authRateLimitPerMin, 10)
    assert.equal(config.jwtSecret, undefined)
    assert.equal(config.production, false)
    assert.deepEqual(config.corsOrigins, [])
  })

  test('empty variables mean the default', () => {
    const config = loadConfig({ PORT: '', HOST: '', LOG_LEVEL: '', DATABASE_URL: '', JWT_SECRET: '', AUTH_RATE_LIMIT_PER_MIN: '' })
    assert.deepEqual(config, loadConfig({}))
  })

  test('reads PORT, HOST, LOG_LEVEL and AUTH_RATE_LIMIT_PER_MIN', () => {
    const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1', LOG_LEVEL: 'debug', AUTH_RATE_LIMIT_PER_MIN: '25', JWT_SECRET: SECRET })
    assert.equal(config.port, 8080)
    assert.equal(config.host, '127.0.0.1')
    assert.equal(config.logLevel, 'debug')
    assert.equal(config.authRateLimitPerMin, 25)
    assert.equal(config.jwtSecret, SECRET)
  })

  test('SQLITE_SYNCHRONOUS is normal or full (default full, the durable one); anything else is refused', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:./x.db', SQLITE_SYNCHRONOUS: '' }).database, { dialect: 'sqlite', file: './x.db', synchronous: 'full' })
    for (const [raw, value] of [['normal', 'normal'], ['full', 'full'], ['NORMAL', 'normal'], ['Full', 'full']]) {
      assert.equal((loadConfig({ SQLITE_SYNCHRONOUS: raw }).database as { synchronous?: string }).synchronous, value, raw)
    }
    // PostgreSQL has no such setting; a typo is still refused rather than silently ignored.
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://localhost/x', SQLITE_SYNCHRONOUS: 'normal' }).database, { dialect: 'postgres', url: 'postgres://localhost/x' })
    for (const raw of ['off', 'extra', '1', 'on', 'normal ']) {
      assertConfigError({ SQLITE_SYNCHRONOUS: raw }, new RegExp(`^SQLITE_SYNCHRONOUS must be normal or full, got "${raw}"$`))
    }
  })

  test('DATABASE_URL picks SQLite files, in-memory SQLite or PostgreSQL', () => {
    const cases: Array<[string, object, string]> = [
      ['sqlite:./tmp/app.db', { dialect: 'sqlite', file: './tmp/app.db', synchronous: 'full' }, './tmp'],
      ['sqlite:///var/lib/spotter/app.db', { dialect: 'sqlite', file: '/var/lib/spotter/app.db', synchronous: 'full' }, '/var/lib/spotter'],
      ['sqlite::memory:', { dialect: 'sqlite', file: ':memory:', synchronous: 'full' }, 'data'],
      ['postgres://user:pass@db.example.com:5432/spotter', { dialect: 'postgres', url: 'postgres://user:pass@db.example.com:5432/spotter' }, 'data'],
      ['postgresql://localhost/spotter', { dialect: 'postgres', url: 'postgresql://localhost/spotter' }, 'data']
    ]
    for (const [url, database, dataDir] of cases) {
      const config = loadConfig({ DATABASE_URL: url })
      assert.deepEqual(config.database, database, url)
      assert.equal(config.dataDir, dataDir, url)
    }
  })

  test('CORS_ORIGINS takes a comma list of origins, or * for any', () => {
    assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000' }).corsOrigins, ['https://app.example.com', 'http://localhost:3000'])
    assert.equal(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins, true)
  })

  test('STATS_CACHE is on unless set off; anything else is a ConfigError', () => {
    assert.equal(loadConfig({}).statsCache, true)
    assert.equal(loadConfig({ STATS_CACHE: 'off' }).statsCache, false)
    assert.equal(loadConfig({ STATS_CACHE: 'true' }).statsCache, true)
    assertConfigError({ STATS_CACHE: 'maybe' }, /STATS_CACHE must be on or off, got "maybe"/)
  })

  test('an invalid PORT is a ConfigError naming the variable and the value', () => {
    for (const port of ['abc', '65536', '-1', '80.5']) assertConfigError({ PORT: port }, new RegExp(`PORT .*"${port.replace('.', '\\.')}"`))
  })

  test('an invalid AUTH_RATE_LIMIT_PER_MIN is a ConfigError', () => {
    for (const value of ['0', 'ten']) assertConfigError({ AUTH_RATE_LIMIT_PER_MIN: value }, /AUTH_RATE_LIMIT_PER_MIN/)
  })

  test('an unknown LOG_LEVEL is a ConfigError listing the levels', () => {
    assertConfigError({ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of .*info/)
  })

  test('an unsupported or empty DATABASE_URL is a ConfigError', () => {
    assertConfigError({ DATABASE_URL: 'mysql://localhost/spotter' }, /DATABASE_URL must start with sqlite: or postgres:\/\//)
    assertConfigError({ DATABASE_URL: './data/spotter.db' }, /DATABASE_URL/)
    assertConfigError({ DATABASE_URL: 'sqlite:' }, /DATABASE_URL "sqlite:" needs a path/)
  })

  test('CORS_ORIGINS entries that are not origins are a ConfigError', () => {
    for (const origin of ['app.example.com', 'https://app.example.com/path', 'ftp://files.example.com']) {
      assertConfigError({ CORS_ORIGINS: `https://ok.example.com,${origin}` }, new RegExp(`CORS_ORIGINS .*"${origin.replace(/[./]/g, '\\$&')}"`))
    }
  })

  test('production refuses to start without a JWT_SECRET or with a short one', () => {
    assertConfigError({ NODE_ENV: 'production' }, /JWT_SECRET is required when NODE_ENV=production/)
    assertConfigError({ NODE_ENV: 'production', JWT_SECRET: '' }, /JWT_SECRET is required/)
    assertConfigError({ NODE_ENV: 'production', JWT_SECRET: 'short-secret' }, /JWT_SECRET must be at least 32 characters/)
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })
    assert.equal(config.production, true)
    assert.equal(config.jwtSecret, SECRET)
  })

  test('development without a secret leaves it undefined; a short one is still refused', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development' }).jwtSecret, undefined)
    assertConfigError({ JWT_SECRET: 's'.repeat(31) }, /JWT_SECRET must be at least 32/)
  })
})

describe('X_FILE variables (Docker and compose secrets)', () => {
  const files: Record<string, string> = {
    '/run/secrets/jwt': `${SECRET}\n`,
    '/run/secrets/db': 'postgres://spotter:pw@db:5432/spotter\r\n',
    '/run/secrets/smtp': 'smtp://mailer:pw@mail:587',
    '/run/secrets/empty': '\n'
  }
  const readFile = (file: string): string => {
    if (file in files) return files[file]
    throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' })
  }

  test('JWT_SECRET_FILE and DATABASE_URL_FILE read the value from the file, without its line break', () => {
    const config = loadConfig({ JWT_SECRET_FILE: '/run/secrets/jwt', DATABASE_URL_FILE: '/run/secrets/db', NODE_ENV: 'production' }, readFile)
    assert.equal(config.jwtSecret, SECRET)
    assert.deepEqual(config.database, { dialect: 'postgres', url: 'postgres://spotter:pw@db:5432/spotter' })
    assert.equal(resolveFileVariables({ SMTP_URL_FILE: '/run/secrets/smtp' }, readFile).SMTP_URL, 'smtp://mailer:pw@mail:587')
  })

  test('the file is read from the real file system by default', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spotter-file-vars-'))
    after(() => { rmSync(dir, { recursive: true, force: true }) })
    writeFileSync(path.join(dir, 'jwt'), `${SECRET}\n`)
    assert.equal(loadConfig({ JWT_SECRET_FILE: path.join(dir, 'jwt') }).jwtSecret, SECRET)
  })

  test('setting both X and X_FILE is a ConfigError; an empty X_FILE means unset', () => {
    for (const name of ['JWT_SECRET', 'DATABASE_URL', 'SMTP_URL']) {
      assert.throws(() => loadConfig({ [name]: 'x', [`${name}_FILE`]: '/run/secrets/jwt' }, readFile),
        new ConfigError(`${name} and ${name}_FILE are both set: set only one of them`))
    }
    assert.equal(loadConfig({ JWT_SECRET: SECRET, JWT_SECRET_FILE: '' }, readFile).jwtSecret, SECRET)
    // An empty X beside X_FILE counts as unset, as empty variables do everywhere else.
    assert.equal(loadConfig({ JWT_SECRET: '', JWT_SECRET_FILE: '/run/secrets/jwt' }, readFile).jwtSecret, SECRET)
  })

  test('a missing or empty file is a ConfigError naming the variable and the file', () => {
    assert.throws(() => loadConfig({ JWT_SECRET_FILE: '/run/secrets/nope' }, readFile),
      new ConfigError('JWT_SECRET_FILE: cannot read /run/secrets/nope (ENOENT)'))
    assert.throws(() => loadConfig({ DATABASE_URL_FILE: '/run/secrets/empty' }, readFile),
      new ConfigError('DATABASE_URL_FILE: /run/secrets/empty is empty'))
  })

  test('what the file holds is checked like the variable itself', () => {
    files['/run/secrets/short'] = 'short\n'
    assert.throws(() => loadConfig({ JWT_SECRET_FILE: '/run/secrets/short' }, readFile),
      new ConfigError('JWT_SECRET must be at least 32 characters'))
  })
})

describe('resolveJwtSecret', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'spotter-secret-'))
  after(() => { rmSync(root, { recursive: true, force: true }) })
  const configIn = (dir: string) => loadConfig({ DATABASE_URL: `sqlite:${path.join(root, dir, 'spotter.db')}` })
  const secretFile = (dir: string) => path.join(root, dir, 'jwt-secret')

  test('generates a strong secret in a 0600 file beside the database, and reuses it', () => {
    const secret = resolveJwtSecret(configIn('a/nested'))
    assert.ok(secret.length >= 32, `secret too short: ${secret.length}`)
    assert.ok(Buffer.from(secret, 'base64url').length >= 32, 'fewer than 32 random bytes')
    assert.equal(readFileSync(secretFile('a/nested'), 'utf8').trim(), secret)
    assert.equal(statSync(secretFile('a/nested')).mode & 0o777, 0o600)
    assert.equal(resolveJwtSecret(configIn('a/nested')), secret)
  })

  test('another data directory gets another secret', () => {
    assert.notEqual(resolveJwtSecret(configIn('b')), resolveJwtSecret(configIn('c')))
  })

  test('a secret file too short to sign with is replaced, not used', () => {
    const dir = 'd'
    resolveJwtSecret(configIn(dir))
    writeFileSync(secretFile(dir), 'short\n')
    const secret = resolveJwtSecret(configIn(dir))
    assert.ok(secret.length >= 32, `used a ${secret.length}-character secret`)
    assert.equal(readFileSync(secretFile(dir), 'utf8').trim(), secret)
    assert.equal(statSync(secretFile(dir)).mode & 0o777, 0o600)
  })

  test('instances started together on a fresh data directory all sign with the one secret written', async () => {
    const run = promisify(execFile)
    const module = new URL('../src/lib/jwt-secret.ts', import.meta.url).href
    const configModule = new URL('../src/config.ts', import.meta.url).href
    for (const round of [1, 2, 3]) {
      const dir = path.join(root, `together-${round}`)
      // Each child waits for the same instant, so the creates race for real.
      const startAt = Date.now() + 1500
      const script = `import { resolveJwtSecret } from '${module}'; import { loadConfig } from '${configModule}'
        const config = loadConfig({ DATABASE_URL: 'sqlite:${path.join(dir, 'spotter.db')}' })
        while (Date.now() < ${startAt}) {}
        process.stdout.write(resolveJwtSecret(config))`
      const children = Array.from({ length: 6 }, async () =>
        await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]))
      const secrets = new Set((await Promise.all(children)).map((c) => c.stdout))
      assert.equal(secrets.size, 1, `round ${round}: ${secrets.size} different secrets`)
      assert.equal(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim(), [...secrets][0])
      assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('jwt-secret')), ['jwt-secret'], 'no drafts left')
    }
  })

  test('JWT_SECRET wins and nothing is written; in-memory SQLite gets a throwaway secret', () => {
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(root, 'e', 'spotter.db')}`, JWT_SECRET: SECRET })
    assert.equal(resolveJwtSecret(config), SECRET)
    assert.equal(existsSync(secretFile('e')), false)
    const memory = loadConfig({ DATABASE_URL: 'sqlite::memory:' })
    const first = resolveJwtSecret(memory)
    assert.ok(first.length >= 32)
    assert.notEqual(resolveJwtSecret(memory), first)
  })
})
