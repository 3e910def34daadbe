import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { checkInjected } from './openapi-check.js'

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing'
const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined
export const dialect = pgUrl === undefined ? 'sqlite' : 'postgres'

/**
 * A fresh database for one test file. SQLite: in memory. PostgreSQL: a schema of its own on the
 * DATABASE_URL server (search_path), dropped afterwards, so runs and files never collide.
 */
export async function freshDatabaseUrl (): Promise<{ url: string, drop: () => Promise<void> }> {
  if (pgUrl === undefined) return { url: 'sqlite::memory:', drop: async () => {} }
  const schema = `spotter_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  await admin.end()
  const url = new URL(pgUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl })
      await c.connect()
      await c.query(`DROP SCHEMA "${schema}" CASCADE`)
      await c.end()
    }
  }
}

export interface TestApp {
  app: FastifyInstance
  close: () => Promise<void>
}

/** Builds the real app on a fresh real database; `env` overrides the configuration. */
export async function createTestApp (env: Record<string, string> = {}, databaseUrl?: string): Promise<TestApp> {
  const fresh = databaseUrl === undefined ? await freshDatabaseUrl() : { url: databaseUrl, drop: async () => {} }
  const config = loadConfig({ JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MIN: '100000', ...env, DATABASE_URL: fresh.url })
  const app = await buildApp(config)
  await app.ready()
  checkEveryAnswer(app)
  return { app, close: async () => { await app.close(); await fresh.drop() } }
}

/**
 * Every awaited `app.inject(options)` answer is checked against /openapi.json (and recorded for
 * test/operations.check.ts), so the test that gets an undocumented answer fails right there.
 * The chainable `app.inject()` and the callback form are passed through unchecked.
 */
function checkEveryAnswer (app: FastifyInstance): void {
  const inject = app.inject.bind(app) as (opts?: InjectOptions | string, cb?: unknown) => unknown
  const checked = (opts?: InjectOptions | string, cb?: unknown): unknown => {
    if (opts === undefined || cb !== undefined) return inject(opts, cb)
    return (inject(opts) as Promise<LightMyRequestResponse>).then((res) => {
      checkInjected(app, opts, res)
      return res
    })
  }
  app.inject = checked as FastifyInstance['inject']
}

export interface Session { token: string, refreshToken: string, userId: string, email: string }

let counter = 0
export async function register (app: FastifyInstance, email = `user${++counter}.${randomBytes(3).toString('hex')}@example.com`, password = 'correct horse battery'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password } })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email }
}

/** A small client bound to one user's token: `await as(s).post('/workouts', {...})`. */
export function as (app: FastifyInstance, session: Session | undefined) {
  const send = async (method: InjectOptions['method'], path: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    await app.inject({
      method,
      url: `/api/v1${path}`,
      headers: session === undefined ? {} : { authorization: `Bearer ${session.token}` },
      ...(payload === undefined ? {} : { payload: payload as object })
    })
  return {
    get: async (path: string) => await send('GET', path),
    post: async (path: string, body?: unknown) => await send('POST', path, body ?? {}),
    patch: async (path: string, body: unknown) => await send('PATCH', path, body),
    delete: async (path: string, body?: unknown) => await send('DELETE', path, body)
  }
}
