import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { parseDatabaseUrl } from '../src/config.js'
import { createDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { migrations } from '../src/db/migrations/index.js'
import { hashPassword } from '../src/modules/auth/password.js'
import { foldName } from '../src/modules/exercises/exercises.text.js'
import { projections } from '../src/projections/index.js'
import { as, createTestApp, dialect, freshDatabaseUrl, register, type Session, type TestApp } from './helpers/app.js'
import * as data from './helpers/upgrade-data.js'

// Upgrades keep the numbers: a database written at each earlier migration, with its derived
// state left empty (as if the rows predate it), must answer every statistic exactly as the
// same history logged through the API on a fresh database, once the app has migrated it.

type Part = 'exercises' | 'workouts' | 'body'
/** From the migration that created a part's tables on (names sort in order), it is written as raw rows. */
const SINCE: Record<Part, string> = {
  exercises: '0002_exercises',
  workouts: '0003_workouts',
  body: '0004_progress_goals'
}
const PARTS = Object.keys(SINCE) as Part[]
const NAMES = Object.keys(migrations)
/** The last migration that brings derived state up to date (later ones change other things). */
const LAST_DERIVED = '0011_time_zones'

const T0 = '2025-01-01T10:00:00.000Z'
const orNull = <T>(v: T | undefined): T | null => v ?? null
const json = (v: unknown): string => JSON.stringify(v)

/** The base rows the code of that time wrote for the user: no derived column or table is filled. */
async function writeRows (db: Kysely<any>, parts: Set<Part>, passwordHash: string): Promise<void> {
  const { id: userId, email, unitSystem } = data.USER
  await db.insertInto('users').values({
    id: userId,
    email,
    password_hash: passwordHash,
    display_name: null,
    unit_system: unitSystem,
    created_at: T0,
    updated_at: T0
  }).execute()
  if (parts.has('exercises')) {
    await db.insertInto('exercises').values(data.EXERCISES.map((e) => ({
      id: e.id,
      owner_id: userId,
      name: e.name,
      search_name: foldName(e.name),
      description: e.description,
      instructions: json(e.instructions),
      category: e.category,
      primary_muscles: json(e.primaryMuscles),
      secondary_muscles: json(e.secondaryMuscles),
      equipment: json(e.equipment),
      level: e.level,
      mechanic: e.mechanic,
      force: e.force,
      tracking: e.tracking,
      archived_at: null,
      created_at: T0,
      updated_at: T0
    }))).execute()
  }
  if (parts.has('workouts')) for (const w of data.WORKOUTS) await writeWorkout(db, userId, w)
  if (parts.has('body')) await writeBody(db, userId)
}

async function writeWorkout (db: Kysely<any>, userId: string, w: data.DataWorkout): Promise<void> {
  await db.insertInto('workouts').values({
    id: w.id,
    user_id: userId,
    name: w.name,
    notes: orNull(w.notes),
    started_at: w.startedAt,
    ended_at: orNull(w.endedAt),
    status: w.endedAt === undefined ? 'in_progress' : 'completed',
    plan_id: null,
    plan_day_id: null,
    created_at: w.startedAt,
    updated_at: w.endedAt ?? w.startedAt
  }).execute()
  for (const [position, e] of w.exercises.entries()) {
    await db.insertInto('workout_exercises').values({
      id: e.id,
      workout_id: w.id,
      user_id: userId,
      exercise_id: e.exerciseId,
      position,
      notes: orNull(e.notes),
      rest_sec: orNull(e.restSec),
      superset_group: orNull(e.supersetGroup)
    }).execute()
    if (e.sets.length === 0) continue
    await db.insertInto('sets').values(e.sets.map((s, i) => ({
      id: s.id,
      workout_exercise_id: e.id,
      user_id: userId,
      position: i,
      type: s.type ?? 'normal',
      reps: orNull(s.reps),
      weight_kg: orNull(s.weightKg),
      duration_sec: orNull(s.durationSec),
      distance_m: orNull(s.distanceM),
      rpe: orNull(s.rpe),
      completed: s.completed === false ? 0 : 1,
      // Sets logged with their workout are stamped with its start.
      completed_at: s.completed === false ? null : w.startedAt,
      target_reps: orNull(s.targetReps),
      target_weight_kg: orNull(s.targetWeightKg),
      target_duration_sec: null,
      target_distance_m: null,
      note: orNull(s.note)
    }))).execute()
  }
}

async function writeBody (db: Kysely<any>, userId: string): Promise<void> {
  await db.insertInto('progress_logs').values(data.PROGRESS_LOGS.map((l) => ({
    id: l.id,
    user_id: userId,
    metric: l.metric,
    value: l.value,
    unit: l.unit,
    measured_at: l.measuredAt,
    note: orNull(l.note),
    created_at: l.measuredAt,
    updated_at: l.measuredAt
  }))).execute()
  for (const m of data.CUSTOM_METRICS) {
    const row = { user_id: userId, metric: m.metric, unit: m.unit, created_at: m.createdAt }
    await db.insertInto('custom_metrics').values(row).execute()
  }
  await db.insertInto('goals').values(data.GOALS.map((g) => ({
    id: g.id,
    user_id: userId,
    type: g.type,
    title: g.title,
    metric: g.metric,
    exercise_id: g.exerciseId,
    direction: g.direction,
    start_value: g.startValue,
    target_value: g.targetValue,
    status: g.status,
    deadline: null,
    achieved_at: g.achievedAt,
    created_at: data.GOALS_CREATED_AT,
    updated_at: g.achievedAt ?? data.GOALS_CREATED_AT
  }))).execute()
}

type Api = ReturnType<typeof as>
async function create (api: Api, route: string, body: object): Promise<void> {
  const res = await api.post(route, body)
  assert.equal(res.statusCode, 201, `POST ${route}: ${res.body}`)
}

/** The same parts logged through the API, in the order a user would have: exercises, workouts, body data. */
async function logThroughApi (api: Api, parts: Set<Part>): Promise<void> {
  if (parts.has('exercises')) for (const e of data.EXERCISES) await create(api, '/exercises', e)
  if (parts.has('workouts')) for (const w of data.WORKOUTS) await create(api, '/workouts', w)
  if (!parts.has('body')) return
  for (const l of data.PROGRESS_LOGS) await create(api, '/progress-logs', l)
  for (const { status: _s, achievedAt: _a, metric, exerciseId, ...g } of data.GOALS) {
    await create(api, '/goals', { ...g, ...(metric === null ? { exerciseId } : { metric }) })
  }
}

const RANGE = 'from=2025-01-01&to=2025-04-30'
const exerciseIds = Object.values(data.EX)
const volumes = ['week', 'month'].flatMap((period) => ['none', 'muscle', 'exercise'].flatMap((groupBy) => [
  `/stats/volume?period=${period}&groupBy=${groupBy}`,
  `/stats/volume?period=${period}&groupBy=${groupBy}&from=2025-01-20&to=2025-03-31`
]))
/** Every read whose answer the upgrade must keep. */
const READS = [
  '/me',
  '/stats/summary',
  '/stats/summary?from=2025-01-13&to=2025-02-28',
  '/stats/summary?from=2025-01-24T12:00:00.000Z&to=2025-03-31T23:59:59.999Z',
  '/stats/records',
  ...exerciseIds.map((id) => `/stats/records?exerciseId=${id}`),
  ...volumes,
  ...exerciseIds.flatMap((id) => [`/stats/exercises/${id}`, `/stats/exercises/${id}?from=2025-02-01&to=2025-03-31`]),
  `/stats/muscles?${RANGE}`,
  '/stats/muscles?from=2025-01-20&to=2025-02-16',
  '/stats/trends?metric=body_weight',
  `/stats/trends?metric=body_weight&${RANGE}`,
  '/stats/trends?metric=body_weight&from=2025-02-01&to=2025-03-10',
  '/stats/trends?metric=custom:grip_strength',
  '/workouts?limit=100',
  '/workouts?status=completed&limit=100',
  `/workouts?exerciseId=${data.EX.pullup}&limit=100`,
  '/workouts?from=2025-02-01&to=2025-03-31&limit=100',
  ...data.WORKOUTS.map((w) => `/workouts/${w.id}`),
  '/progress-logs?limit=100',
  '/goals?limit=100'
]

/** Times of writing differ between the two databases, and so does the user's own id. */
function normalise (route: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(route, v))
  if (value === null || typeof value !== 'object') return value
  const ignored = (k: string): boolean => k === 'createdAt' || k === 'updatedAt' || (route === '/me' && k === 'id')
  const kept = Object.entries(value).filter(([k]) => !ignored(k))
  return Object.fromEntries(kept.map(([k, v]) => [k, normalise(route, v)]))
}

/** Every difference between two answers (numbers within 1e-6), as `route path: upgraded …, reference …`. */
function differences (route: string, actual: unknown, expected: unknown, at = ''): string[] {
  const say = (): string[] => [`${route} ${at || '/'}: upgraded ${json(actual)}, reference ${json(expected)}`]
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-6 ? [] : say()
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return say()
    return expected.flatMap((e, i) => differences(route, actual[i], e, `${at}/${i}`))
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return say()
    const [a, e] = [actual as Record<string, unknown>, expected as Record<string, unknown>]
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])]
    return keys.flatMap((k) => differences(route, a[k], e[k], `${at}/${k}`))
  }
  return Object.is(actual, expected) ? [] : say()
}

interface Answer { status: number, body: unknown }
async function readAll (app: FastifyInstance, session: Session): Promise<Map<string, Answer>> {
  const api = as(app, session)
  const answers = new Map<string, Answer>()
  for (const route of READS) {
    const res = await api.get(route)
    const body = res.statusCode === 200 ? res.json() : res.body
    answers.set(route, { status: res.statusCode, body: normalise(route, body) })
  }
  return answers
}

type BestRow = Record<string, unknown>
async function storedBests (app: FastifyInstance): Promise<BestRow[]> {
  return await app.database.db.selectFrom('exercise_bests').selectAll().where('user_id', '=', data.USER.id)
    .orderBy('exercise_id').orderBy('kind').execute()
}

/** The bests a rebuild rewrote, as `exercise_bests exercise:kind: upgraded …, rebuilt …`. */
function bestChanges (before: BestRow[], after: BestRow[]): string[] {
  const key = (b: BestRow): string => `${String(b.exercise_id)}:${String(b.kind)}`
  const was = new Map(before.map((b) => [key(b), json(b)]))
  return after.filter((b) => was.get(key(b)) !== json(b))
    .map((b) => `exercise_bests ${key(b)}: upgraded ${was.get(key(b)) ?? 'none'}, rebuilt ${json(b)}`)
}

/** A database of its own: an SQLite file (the app then opens what is on disk), or a fresh PostgreSQL schema. */
async function freshUrl (): Promise<{ url: string, drop: () => Promise<void> }> {
  if (dialect === 'postgres') return await freshDatabaseUrl()
  const file = path.join(os.tmpdir(), `spotter-upgrade-${process.pid}-${randomBytes(4).toString('hex')}.db`)
  const drop = async (): Promise<void> => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  }
  return { url: `sqlite:${file}`, drop }
}

/** A database at `version` holding the parts its schema had tables for. */
async function writeAt (url: string, version: string, passwordHash: string): Promise<void> {
  const old = createDatabase(parseDatabaseUrl(url))
  try {
    const upTo = NAMES.slice(0, NAMES.indexOf(version) + 1)
    await migrateToLatest(old.db, Object.fromEntries(upTo.map((n) => [n, migrations[n]])))
    await writeRows(old.db as unknown as Kysely<any>, new Set(PARTS.filter((p) => version >= SINCE[p])), passwordHash)
    // From the last migration that rebuilds derived state on, the code of the time kept it on
    // every write: leaving it empty would be a state no such database was ever in.
    if (version >= LAST_DERIVED) {
      await old.db.transaction().execute(async (trx) => await projections.rebuildUser(trx, data.USER.id))
    }
  } finally {
    await old.close()
  }
}

async function login (app: FastifyInstance): Promise<Session> {
  const { email, password } = data.USER
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email }
}

describe('upgrades keep the numbers', () => {
  let reference: TestApp
  let expected: Map<string, Answer>
  let passwordHash: string

  before(async () => {
    passwordHash = await hashPassword(data.USER.password)
    reference = await createTestApp()
    const session = await register(reference.app, data.USER.email, data.USER.password)
    const api = as(reference.app, session)
    assert.equal((await api.patch('/me', { unitSystem: data.USER.unitSystem })).statusCode, 200)
    await logThroughApi(api, new Set(PARTS))
    expected = await readAll(reference.app, session)
    for (const [route, { status, body }] of expected) assert.equal(status, 200, `reference ${route}: ${json(body)}`)
  })
  after(async () => { await reference?.close() })

  for (const version of NAMES.slice(0, -1)) {
    test(`${version}: written at this version, migrated to the latest`, async () => {
      const { url, drop } = await freshUrl()
      let t: TestApp | undefined
      try {
        await writeAt(url, version, passwordHash)
        t = await createTestApp({}, url)
        const session = await login(t.app)
        assert.equal(session.userId, data.USER.id)
        // What that version had no tables for is logged after the upgrade: every version ends with the same history.
        await logThroughApi(as(t.app, session), new Set(PARTS.filter((p) => version < SINCE[p])))
        const actual = await readAll(t.app, session)
        const found = [...expected].flatMap(([route, want]) => {
          const got = actual.get(route)
          if (got?.status !== want.status) return [`${route}: status ${got?.status}, reference ${want.status}`]
          return differences(route, got.body, want.body)
        })
        // The upgrade left nothing for a rebuild from the base rows to repair (after the reads: it repairs).
        const bests = await storedBests(t.app)
        const db = t.app.database.db
        const report = await db.transaction().execute(async (trx) => await projections.rebuildUser(trx, data.USER.id))
        if (report.changed) found.push(`rebuildUser: ${json(report)}`, ...bestChanges(bests, await storedBests(t.app)))
        assert.deepEqual(found, [], `${version}: ${found.length} differences`)
      } finally {
        await t?.close()
        await drop()
      }
    })
  }
})
