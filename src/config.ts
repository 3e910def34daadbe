import { readFileSync } from 'node:fs'
import path from 'node:path'

export type DatabaseConfig =
  | { dialect: 'sqlite', file: string, synchronous?: SqliteSynchronous }
  | { dialect: 'postgres', url: string }

/**
 * SQLITE_SYNCHRONOUS: `full` (default) syncs the log to disk on every commit, so a commit that
 * was answered survives a power cut; `normal` syncs only at checkpoints, which is cheaper per
 * commit but can lose the last commits (never corrupt the file) when the machine loses power.
 */
export type SqliteSynchronous = 'normal' | 'full'

export interface Config {
  host: string
  port: number
  database: DatabaseConfig
  /** Absent in development: resolveJwtSecret() then generates and keeps one. */
  jwtSecret: string | undefined
  logLevel: string
  authRateLimitPerMin: number
  /** `true` reflects any origin, an empty list disables CORS. */
  corsOrigins: string[] | true
  production: boolean
  /** Upper bound for receiving a whole request, so slow clients cannot hold sockets forever. */
  requestTimeoutMs: number
  /** Trust X-Forwarded-For from a load balancer: TRUST_PROXY=true, or a comma list of proxy addresses/CIDRs. */
  trustProxy: boolean | string
  /**
   * Serve whole-history statistics from stats_cache (default). Off, every request computes from
   * the maintained aggregates: for measuring that path, or to rule the cache out.
   */
  statsCache: boolean
  /** Guided workout event streams: heartbeat interval and how many may be open (per instance). */
  guide: { heartbeatMs: number, streamsPerUser: number, streamsMax: number }
  /** Where generated files (SQLite database, development JWT secret) live. */
  dataDir: string
  /** Password reset mail; see src/modules/auth/reset-mail.ts. */
  mail: MailConfig
}

export interface MailConfig {
  /** smtp:// or smtps:// URL of the mail server. Absent: development logs reset links, production disables resets (503). */
  smtpUrl: string | undefined
  /** The From of reset mail, e.g. `Spotter <no-reply@example.com>`. */
  from: string
  /** Base URL of the app the reset link points at (`${appUrl}/reset-password?token=…`), no trailing slash. */
  appUrl: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Variables that may instead name a file holding the value (Docker and compose secrets). */
export const FILE_VARIABLES = ['JWT_SECRET', 'DATABASE_URL', 'SMTP_URL']

export type ReadFile = (file: string) => string

/**
 * X_FILE=<path> sets X to the file's content (without its trailing line break): secrets stay
 * out of the environment, which `docker inspect` and /proc show. Setting both is an error, so
 * there is never a question of which one won.
 */
export function resolveFileVariables (
  env: Record<string, string | undefined>,
  readFile: ReadFile
): Record<string, string | undefined> {
  const resolved = { ...env }
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`]
    if (file === undefined || file === '') continue
    if (env[name] !== undefined && env[name] !== '') {
      throw new ConfigError(`${name} and ${name}_FILE are both set: set only one of them`)
    }
    let content: string
    try {
      content = readFile(file)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new ConfigError(`${name}_FILE: cannot read ${file} (${reason})`)
    }
    const value = content.replace(/(\r?\n)+$/, '')
    if (value === '') throw new ConfigError(`${name}_FILE: ${file} is empty`)
    resolved[name] = value
  }
  return resolved
}

const readUtf8: ReadFile = (file) => readFileSync(file, 'utf8')

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
export const MIN_SECRET_LENGTH = 32

function integer (
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

export function parseDatabaseUrl (raw: string | undefined): DatabaseConfig {
  if (raw === undefined || raw === '') return { dialect: 'sqlite', file: path.join('data', 'spotter.db') }
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (file === '') {
      throw new ConfigError('DATABASE_URL "sqlite:" needs a path, e.g. sqlite:./data/spotter.db or sqlite::memory:')
    }
    return { dialect: 'sqlite', file }
  }
  if (/^postgres(ql)?:\/\//.test(raw)) return { dialect: 'postgres', url: raw }
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://')
}

function onOff (env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (raw === 'on' || raw === 'true') return true
  if (raw === 'off' || raw === 'false') return false
  throw new ConfigError(`${name} must be on or off, got "${raw}"`)
}

function sqliteSynchronous (raw: string | undefined): SqliteSynchronous {
  if (raw === undefined || raw === '') return 'full'
  const value = raw.toLowerCase()
  if (value === 'normal' || value === 'full') return value
  throw new ConfigError(`SQLITE_SYNCHRONOUS must be normal or full, got "${raw}"`)
}

function parseTrustProxy (raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false
  return raw === 'true' ? true : raw
}

/** SMTP_URL, MAIL_FROM and APP_URL. Errors never echo SMTP_URL: it may hold a password. */
function parseMail (env: Record<string, string | undefined>): MailConfig {
  const smtpUrl = env.SMTP_URL === undefined || env.SMTP_URL === '' ? undefined : env.SMTP_URL
  if (smtpUrl !== undefined && (!/^smtps?:\/\/[^/\s]/i.test(smtpUrl) || !URL.canParse(smtpUrl))) {
    throw new ConfigError('SMTP_URL must be a URL starting with smtp:// or smtps://, e.g. smtp://user:pass@mail.example.com:587')
  }
  const from = env.MAIL_FROM === undefined || env.MAIL_FROM === '' ? 'Spotter <no-reply@localhost>' : env.MAIL_FROM
  // A line break would let the value add mail headers of its own.
  if (/[\r\n]/.test(from)) throw new ConfigError('MAIL_FROM must be one line, e.g. Spotter <no-reply@example.com>')
  const appUrl = (env.APP_URL === undefined || env.APP_URL === '' ? 'http://localhost:5005' : env.APP_URL).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/\s]/.test(appUrl) || !URL.canParse(appUrl)) {
    throw new ConfigError(`APP_URL must be an http:// or https:// URL, e.g. https://app.example.com, got "${appUrl}"`)
  }
  return { smtpUrl, from, appUrl }
}

/**
 * Pure: reads only the given environment (and, for X_FILE variables, files through `readFile`),
 * so tests can build any configuration.
 */
export function loadConfig (given: Record<string, string | undefined>, readFile: ReadFile = readUtf8): Config {
  const env = resolveFileVariables(given, readFile)
  const production = env.NODE_ENV === 'production'
  const synchronous = sqliteSynchronous(env.SQLITE_SYNCHRONOUS)
  const parsed = parseDatabaseUrl(env.DATABASE_URL)
  const database: DatabaseConfig = parsed.dialect === 'sqlite' ? { ...parsed, synchronous } : parsed
  const jwtSecret = env.JWT_SECRET === '' ? undefined : env.JWT_SECRET
  if (jwtSecret !== undefined && jwtSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`)
  }
  if (production && jwtSecret === undefined) {
    throw new ConfigError(
      `JWT_SECRET is required when NODE_ENV=production (at least ${MIN_SECRET_LENGTH} random characters, ` +
      'e.g. openssl rand -base64 48)'
    )
  }
  const logLevel = env.LOG_LEVEL === undefined || env.LOG_LEVEL === '' ? 'info' : env.LOG_LEVEL
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '')
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS entries must be origins like https://app.example.com or *, got "${origin}"`)
    }
  }
  const dataDir = database.dialect === 'sqlite' && database.file !== ':memory:'
    ? path.dirname(database.file)
    : 'data'
  return {
    host: env.HOST === undefined || env.HOST === '' ? '0.0.0.0' : env.HOST,
    port: integer(env, 'PORT', 5005, 0, 65535),
    database,
    jwtSecret,
    logLevel,
    authRateLimitPerMin: integer(env, 'AUTH_RATE_LIMIT_PER_MIN', 10, 1, 1_000_000_000),
    corsOrigins: origins.includes('*') ? true : origins,
    production,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    statsCache: onOff(env, 'STATS_CACHE', true),
    guide: {
      heartbeatMs: integer(env, 'GUIDE_HEARTBEAT_MS', 15_000, 10, 300_000),
      streamsPerUser: integer(env, 'GUIDE_STREAMS_PER_USER', 5, 1, 1000),
      streamsMax: integer(env, 'GUIDE_STREAMS_MAX', 1000, 1, 1_000_000)
    },
    dataDir,
    mail: parseMail(env)
  }
}
