import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { projections } from '../src/projections/index.js'
import { as, createTestApp, dialect, type TestApp } from './helpers/app.js'
import { actions, apply, modelWorkouts, setup, type Action, type ModelState } from './helpers/model-actions.js'
import * as model from './helpers/training-model.js'

// Random sequences of training writes; after each, every statistic and stored answer is checked
// against the independent model and against a from-scratch rebuild of the derived rows.
// MODEL_SEED replays a run, MODEL_PATH (with it) one case, MODEL_ACTIONS a given sequence.
const env = process.env
const seed = env.MODEL_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(env.MODEL_SEED)
// About 40 s on SQLite and 80 s on PostgreSQL (10–25 steps a run, each checked twice and rebuilt once).
const fixed = env.MODEL_ACTIONS === undefined ? undefined : JSON.parse(env.MODEL_ACTIONS) as Array<Action | null>
const numRuns = fixed === undefined ? Number(env.MODEL_RUNS ?? 120) : 1
const path = env.MODEL_PATH
// Shrinking replays whole sequences; the limit bounds it (the smallest failure found so far is reported).
const timeLimitMs = Number(env.MODEL_TIME_LIMIT_MS ?? 300_000)
const TOLERANCE = 1e-6
// /stats/muscles over whole local days that hold every generated start (2026-02 to 2027-04, and now).
const FROM = '2025-06-02'
const TO = '2027-12-31'
const VOLUME = (['week', 'month'] as const)
  .flatMap((period) => (['none', 'muscle', 'exercise'] as const).map((groupBy) => ({ period, groupBy })))
const volumePath = (v: typeof VOLUME[number]): string => `/stats/volume?period=${v.period}&groupBy=${v.groupBy}`

/**
 * Counterexamples random runs once found, replayed first on every run so none comes back.
 * 1: an estimate and a set volume of 0 kg tie at any reps; the held one depended on the order the
 * sets were logged in (5 × 0 kg, then 12 × 0 kg placed before it).
 */
const SET = { type: 'normal', completed: true, durationSec: 60, distanceM: 1000, withWeight: false, empty: false }
const REGRESSIONS: Array<Array<Action | null>> = [[
  {
    kind: 'createWorkout',
    start: { anchor: 0, dayOffset: 0, minutes: 1410, zone: 'user' },
    minutes: 45,
    completed: true,
    exercises: [{ pick: 0, sets: [{ ...SET, reps: 5, weightKg: 100 }] }]
  },
  { kind: 'editSet', pick: 0, values: { ...SET, reps: 5, weightKg: 0 }, type: null, completed: null },
  { kind: 'logSet', pick: 0, position: 0, set: { ...SET, reps: 12, weightKg: 0 } }
] as unknown as Array<Action | null>]

type Api = ReturnType<typeof as>
type Json = any
const show = (value: unknown): string => JSON.stringify(value)

/** Deep comparison of the fields the model knows (answers may carry more); numbers to TOLERANCE. */
function same (actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: expected ${expected}, got ${show(actual)}`)
    assert.ok(Math.abs((actual as number) - expected) <= TOLERANCE, `${where}: ${String(actual)} ≠ ${expected}`)
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${show(actual)}`)
    const both = `\n  got      ${show(actual)}\n  expected ${show(expected)}`
    assert.equal(actual.length, expected.length, `${where}: length${both}`)
    expected.forEach((e, i) => { same(actual[i], e, `${where}[${i}]`) })
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected an object, got ${show(actual)}`)
    for (const [k, v] of Object.entries(expected)) same((actual as Record<string, unknown>)[k], v, `${where}.${k}`)
  } else {
    assert.equal(actual, expected, where)
  }
}

/** Every statistic and cached answer of the user, by request path. */
async function readAll (api: Api, state: ModelState): Promise<Record<string, Json>> {
  const paths = [
    '/stats/summary', '/stats/records', ...VOLUME.map(volumePath),
    ...state.catalogue.map((c) => `/stats/exercises/${c.id}`), `/stats/muscles?from=${FROM}&to=${TO}`,
    '/workouts?limit=100', ...state.workouts.map((w) => `/workouts/${w.id}`), '/goals?limit=100'
  ]
  const answers = await Promise.all(paths.map(async (p) => {
    const res = await api.get(p)
    assert.equal(res.statusCode, 200, `GET ${p}: ${res.body}`)
    return [p, res.json()] as const
  }))
  for (const id of state.deleted) {
    const res = await api.get(`/workouts/${id}`)
    assert.equal(res.statusCode, 404, `GET /workouts/${id} after its DELETE: ${res.statusCode} ${res.body}`)
  }
  return Object.fromEntries(answers)
}

const { RECORD_FIELDS } = model
const WITH_SET = new Set(['maxWeightKg', 'maxReps', 'bestE1rmKg', 'maxSetVolumeKg'])
const emptyRecords = () => Object.fromEntries(RECORD_FIELDS.map((f) => [f, null]))

/**
 * Which set holds a record among equal ones of one workout is the server's choice, but the
 * reps and weightKg it shows must be those of a counted set of that workout with that value.
 */
function checkRecordSets (item: Json, exerciseId: string, workouts: model.MWorkout[], where: string): void {
  for (const field of RECORD_FIELDS) {
    const r = item[field]
    if (r === null) continue
    if (!WITH_SET.has(field)) {
      const none = r.reps === undefined && r.weightKg === undefined
      assert.ok(none, `${where}.${field}: no set values expected, got ${show(r)}`)
      continue
    }
    const holder = workouts.find((w) => w.id === r.workoutId)
    const sets = holder?.exercises.filter((e) => e.exerciseId === exerciseId).flatMap((e) => e.sets) ?? []
    const valueOf = (s: model.MSet): number | undefined => model.setRecordValues(s).find(([f]) => f === field)?.[1]
    const counted = sets.filter((s) => s.completed && s.type !== 'warmup')
    const holds = (s: model.MSet): boolean => Math.abs((valueOf(s) ?? NaN) - r.value) <= TOLERANCE
    const match = counted.some((s) => s.reps === r.reps && s.weightKg === r.weightKg && holds(s))
    assert.ok(match, `${where}.${field}: ${show(r)} is no counted set of that workout`)
  }
}

function compareStatistics (got: Record<string, Json>, state: ModelState, ws: model.MWorkout[], nowMs: number): void {
  const tz = state.timeZone
  const nameOf = (id: string): string => state.catalogue.find((c) => c.id === id)?.name ?? '?'
  same(got['/stats/summary'], model.summary(ws, nowMs, tz), 'summary')

  const records = new Map([...model.records(ws)].filter(([, r]) => Object.values(r).some((v) => v !== null)))
  const items = got['/stats/records'].items as Json[]
  same(items.map((i) => i.exerciseId).sort(), [...records.keys()].sort(), 'records: the exercises with a record')
  for (const item of items) {
    const where = `records ${nameOf(item.exerciseId)}`
    same(item, { exerciseName: nameOf(item.exerciseId), ...records.get(item.exerciseId) }, where)
    checkRecordSets(item, item.exerciseId, ws, where)
  }
  for (const v of VOLUME) {
    const label = (key: string | null): string | null =>
      v.groupBy === 'none' ? null : v.groupBy === 'muscle' ? key : nameOf(key as string)
    const expected = model.volume(ws, v.period, v.groupBy, tz).map((r) => ({ ...r, label: label(r.key) }))
    same(got[volumePath(v)].series, expected, `volume ${v.period}/${v.groupBy}`)
  }
  for (const c of state.catalogue) {
    const answer = got[`/stats/exercises/${c.id}`]
    same(answer.history, model.history(ws, c.id, tz), `history ${c.name}`)
    same(answer.records, records.get(c.id) ?? emptyRecords(), `exercise records ${c.name}`)
    checkRecordSets(answer.records, c.id, ws, `exercise records ${c.name}`)
  }
  same(got[`/stats/muscles?from=${FROM}&to=${TO}`], model.muscles(ws, FROM, TO, nowMs, tz), 'muscles')
  const goals = new Map((got['/goals?limit=100'].items as Json[]).map((g) => [g.id, g]))
  for (const g of state.goals) {
    const current = model.goalCurrent(ws, g.type, g.exerciseId, nowMs, tz)
    const progress = current === null ? 0 : Math.min(1, Math.max(0, current / g.target))
    const expected = { status: g.status, achievedAt: g.achievedAt, currentValue: current, progress }
    same(goals.get(g.id), expected, `goal ${g.type}`)
  }
}

/** The list and each workout's stored document. */
function compareWorkouts (got: Record<string, Json>, state: ModelState, ws: model.MWorkout[]): void {
  const summaries = ws.map((w) => ({
    id: w.id,
    name: w.name,
    startedAt: w.startedAt,
    endedAt: w.endedAt,
    status: w.endedAt === null ? 'in_progress' : 'completed',
    ...model.workoutTotals(w)
  }))
  const newestFirst = summaries.toSorted((a, b) => b.startedAt.localeCompare(a.startedAt))
  same(got['/workouts?limit=100'], { items: newestFirst, nextCursor: null }, 'workouts')
  const trackingOf = (id: string): string | undefined => state.catalogue.find((c) => c.id === id)?.tracking
  for (const [i, w] of ws.entries()) {
    same(got[`/workouts/${w.id as string}`], {
      ...summaries[i],
      exercises: w.exercises.map((e, position) => ({
        id: e.id,
        exerciseId: e.exerciseId,
        exercise: { id: e.exerciseId, name: e.name, tracking: trackingOf(e.exerciseId) },
        position,
        sets: e.sets.map((s, j) => ({
          id: s.id,
          position: j,
          type: s.type,
          completed: s.completed,
          reps: s.reps ?? null,
          weightKg: s.weightKg ?? null,
          durationSec: s.durationSec ?? null,
          distanceM: s.distanceM ?? null
        }))
      }))
    }, `workout ${w.name}`)
  }
}

const CLEAN = { workouts: 0, workoutExercises: 0, bests: 0, weeks: 0, breakdowns: 0, goals: 0, changed: false }

/** After a write: the answers match the model, a rebuild finds nothing to change, and answers stay as they were. */
async function check (t: TestApp, api: Api, state: ModelState): Promise<void> {
  let nowMs = Date.now()
  let got = await readAll(api, state)
  // The current week (streaks, weekly goals) must be the one the model is asked about.
  if (model.localWeek(nowMs, state.timeZone) !== model.localWeek(Date.now(), state.timeZone)) {
    nowMs = Date.now()
    got = await readAll(api, state)
  }
  const ws = modelWorkouts(state)
  compareStatistics(got, state, ws, nowMs)
  compareWorkouts(got, state, ws)
  const db = t.app.database.db
  const report = await db.transaction().execute(async (trx) => await projections.rebuildUser(trx, state.userId))
  assert.deepEqual(report, CLEAN, 'a rebuild from the base rows found derived rows that the write left stale')
  assert.deepEqual(await readAll(api, state), got, 'the answers after the rebuild')
}

// Dates near "now" are taken once, so every run (and its shrinking) sees the same calendar.
const NOW = Date.now()

describe('training statistics under random writes', () => {
  let t: TestApp
  before(async () => { t = await createTestApp() })
  after(async () => { await t.close() })

  test('every statistic and stored answer matches the model and a rebuild after each write', async (ctx) => {
    const command = 'npm test -- test/training-model.test.ts'
    const replay = `MODEL_SEED=${seed}${path === undefined ? '' : ` MODEL_PATH=${path}`} ${command}`
    ctx.diagnostic(`${dialect}: seed ${seed}, ${numRuns} runs (replay: ${replay})`)
    const kinds = new Map<string, number>()
    let runs = 0
    // The steps of the latest failing run: after shrinking, the reported counterexample.
    let failing: Action[] = []
    const source: fc.Arbitrary<Array<Action | null>> = fixed === undefined ? actions : fc.constant(fixed)
    const property = fc.asyncProperty(source, async (steps) => {
      runs++
      const { api, state } = await setup(t.app)
      for (const [i, step] of steps.entries()) {
        if (step === null) continue
        try {
          if (!await apply(api, state, step, NOW)) continue
          kinds.set(step.kind, (kinds.get(step.kind) ?? 0) + 1)
          await check(t, api, state)
        } catch (error) {
          failing = steps.filter((s) => s !== null)
          const done = steps.slice(0, i).filter((s) => s !== null).length
          const where = `after ${done} earlier steps, step ${show(step)} (time zone ${state.timeZone})`
          throw new Error(`${where}:\n${(error as Error).message}`, { cause: error })
        }
      }
    })
    const plugins = [fc.interruptAfterTimeLimit(timeLimitMs)]
    const replayed = fixed === undefined && path === undefined ? { examples: REGRESSIONS.map((r) => [r]) } : {}
    const options = {
      seed, numRuns, plugins, includeErrorInReport: true, ...replayed, ...(path === undefined ? {} : { path })
    }
    const failure = await fc.assert(property, options).then(() => undefined, (error: Error) => error)
    const short = failure === undefined && runs < numRuns ? ' (cut short by MODEL_TIME_LIMIT_MS)' : ''
    ctx.diagnostic(`${runs} runs${short}, steps checked: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`)
    if (failure !== undefined) {
      const shrunk = `MODEL_ACTIONS='${show(failing)}' ${command}`
      assert.fail(`${failure.message}\n\nReplay: ${replay}\nOnly the shrunk case: ${shrunk}`)
    }
  })
})
