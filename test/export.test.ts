import assert from 'node:assert/strict'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { createTestApp, register, as, type Session } from './helpers/app.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'
import { assertProblem, assertUnauthorized } from './helpers/problem.js'

type Client = TwoUsers['me']

let f: TwoUsers
let me: Client
let data: Awaited<ReturnType<typeof account>>

async function made (res: Awaited<ReturnType<Client['post']>>): Promise<any> {
  assert.ok(res.statusCode === 201, res.body)
  return res.json()
}

/** An account with a bit of everything, made through the API (Los Angeles time). */
async function account (c: Client, ex: TwoUsers['ex']) {
  assert.equal((await c.patch('/me', { timeZone: 'America/Los_Angeles' })).statusCode, 200)
  const done = await made(await c.post('/workouts', {
    name: 'Push "heavy", day',
    startedAt: '2026-03-02T17:00:00.000Z',
    endedAt: '2026-03-02T18:05:30.000Z',
    notes: 'felt good',
    exercises: [
      {
        exerciseId: ex.weight_reps,
        restSec: 90,
        notes: 'pause reps',
        sets: [
          { type: 'warmup', reps: 10, weightKg: 40 },
          { reps: 5, weightKg: 100, rpe: 8.5, note: 'grind, "slow"' },
          { reps: 5, weightKg: 100, completed: false, targetReps: 5, targetWeightKg: 100 },
          { type: 'drop', reps: 8, weightKg: 70 },
          { type: 'failure', reps: 3, weightKg: 70 },
          { reps: 4, weightKg: 102.5 }
        ]
      },
      { exerciseId: ex.duration, supersetGroup: 1, sets: [{ durationSec: 60 }] },
      { exerciseId: ex.distance_duration, sets: [{ distanceM: 5234.5, durationSec: 1500 }] }
    ]
  }))
  const running = await made(await c.post('/workouts', {
    name: 'Evening',
    startedAt: '2026-03-04T03:30:00.000Z',
    exercises: [{ exerciseId: ex.reps, sets: [{ reps: 12 }, { reps: 12, completed: false }] }]
  }))
  const logs = [
    await made(await c.post('/progress-logs', { metric: 'body_weight', value: 81.4, measuredAt: '2026-03-01T08:00:00Z' })),
    await made(await c.post('/progress-logs', { metric: 'custom:grip', value: 52, unit: 'kg', measuredAt: '2026-03-03T08:00:00Z', note: 'left' }))
  ]
  const custom = await made(await c.post('/goals', { type: 'custom', title: 'Pull-ups', targetValue: 20, deadline: '2026-12-31' }))
  for (const [value, recordedAt] of [[8, '2026-03-01T10:00:00Z'], [11, '2026-03-08T10:00:00Z']] as const) {
    await made(await c.post(`/goals/${custom.id}/progress`, { value, recordedAt, note: 'set of max' }))
  }
  const press = await made(await c.post('/goals', { type: 'exercise_weight', exerciseId: ex.weight_reps, targetValue: 100 }))
  const weight = await made(await c.post('/goals', { type: 'body_metric', metric: 'body_weight', targetValue: 78 }))
  assert.equal((await c.patch(`/goals/${weight.id}`, { status: 'abandoned' })).statusCode, 200)
  const plan = await made(await c.post('/plans', {
    name: 'Upper/Lower',
    isActive: true,
    days: [
      { name: 'Upper', weekday: 1, items: [{ exerciseId: ex.weight_reps, sets: 4, repsMin: 6, repsMax: 8, weightKg: 90 }] },
      { name: 'Lower', items: [{ exerciseId: ex.duration, durationSec: 45, restSec: 30 }] }
    ]
  }))
  return { done, running, logs, goals: [custom, press, weight], plan }
}

before(async () => {
  f = await twoUsers()
  me = f.me
  data = await account(me, f.ex)
  await account(f.other, f.bobEx)
})
after(async () => { await f.t.close() })

const exportJson = async (c: Client): Promise<any> => {
  const res = await c.get('/export')
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

describe('GET /export (JSON)', () => {
  test('is an attachment named for today in the user\'s time zone', async () => {
    const res = await me.get('/export')
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date())
    assert.equal(res.headers['content-disposition'], `attachment; filename="spotter-export-${day}.json"`)
    assert.equal(res.headers['cache-control'], 'no-store')
    const doc = res.json()
    assert.deepEqual([doc.format, doc.version], ['spotter', 1])
    assert.match(doc.exportedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    assert.deepEqual(Object.keys(doc), [
      'format', 'version', 'exportedAt', 'user', 'customExercises', 'workouts', 'progressLogs', 'goals', 'plans'
    ])
  })

  test('holds every resource exactly as its own GET answers it', async () => {
    const doc = await exportJson(me)
    assert.deepEqual(doc.user, (await me.get('/me')).json())
    const customIds = Object.values(f.ex)
    assert.deepEqual(doc.customExercises.map((e: any) => e.id).sort(), [...customIds].sort(), 'archived ones included')
    for (const e of doc.customExercises) assert.deepEqual(e, (await me.get(`/exercises/${e.id}`)).json())
    assert.deepEqual(doc.workouts.map((w: any) => w.id), [data.running.id, data.done.id], 'newest first')
    for (const w of doc.workouts) assert.deepEqual(w, (await me.get(`/workouts/${w.id}`)).json())
    assert.deepEqual(doc.progressLogs.map((l: any) => l.id), [data.logs[1].id, data.logs[0].id])
    for (const l of doc.progressLogs) assert.deepEqual(l, (await me.get(`/progress-logs/${l.id}`)).json())
    assert.deepEqual(doc.goals.map((g: any) => g.id).sort(), data.goals.map((g) => g.id).sort())
    for (const { progressUpdates, ...goal } of doc.goals) {
      assert.deepEqual(goal, (await me.get(`/goals/${goal.id}`)).json())
      assert.deepEqual(progressUpdates, (await me.get(`/goals/${goal.id}/progress?limit=100`)).json().items)
    }
    const custom = doc.goals.find((g: any) => g.id === data.goals[0].id)
    assert.deepEqual(custom.progressUpdates.map((u: any) => u.value), [11, 8])
    assert.deepEqual(doc.plans, [(await me.get(`/plans/${data.plan.id}`)).json()])
  })

  test('another user\'s data never appears', async () => {
    const mine = JSON.stringify(await exportJson(me))
    const theirs = await exportJson(f.other)
    assert.equal(theirs.user.id, f.bob.userId)
    const foreign = [
      f.bob.userId, ...Object.values(f.bobEx), ...theirs.workouts.map((w: any) => w.id),
      ...theirs.progressLogs.map((l: any) => l.id), ...theirs.goals.map((g: any) => g.id),
      ...theirs.plans.map((p: any) => p.id)
    ]
    for (const id of foreign) assert.ok(!mine.includes(id), `${id} leaked into another export`)
    assert.ok(!mine.includes(f.bob.email))
  })

  test('needs a token', async () => {
    assertUnauthorized(await as(f.t.app, undefined).get('/export'))
  })

  test('an unknown format is a 400', async () => {
    assertProblem(await me.get('/export?format=xml'), 400)
  })
})

describe('GET /export?format=csv', () => {
  const HEADER = 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE'

  test('one row per completed set in Strong\'s classic layout, dates in the user\'s zone, kg and km', async () => {
    const res = await me.get('/export?format=csv')
    assert.equal(res.statusCode, 200, res.body)
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/)
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="spotter-export-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = res.body.trimEnd().split('\n')
    assert.equal(lines[0], HEADER)
    const rows: string[][] = parse(res.body, { from_line: 2 })
    const name = (id: string): string => data.done.exercises.find((e: any) => e.exerciseId === id)?.exercise.name
    const press = name(f.ex.weight_reps)
    // 09:00 in Los Angeles (PST); 1 h 5 min 30 s; the planned set that was not done is left out.
    assert.deepEqual(rows.slice(0, 7), [
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', press, 'W', '40', '10', '0', '0', '', 'felt good', ''],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', press, '1', '100', '5', '0', '0', 'grind, "slow"', '', '8.5'],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', press, 'D', '70', '8', '0', '0', '', '', ''],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', press, 'F', '70', '3', '0', '0', '', '', ''],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', press, '2', '102.5', '4', '0', '0', '', '', ''],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', name(f.ex.duration), '1', '0', '0', '0', '60', '', '', ''],
      ['2026-03-02 09:00:00', 'Push "heavy", day', '1h 5m', name(f.ex.distance_duration), '1', '0', '0', '5.2345', '1500', '', '', '']
    ])
    // The running workout: the previous evening in Los Angeles, no duration yet, its done set only.
    assert.deepEqual(rows.slice(7).map((r) => r.slice(0, 7)), [['2026-03-03 19:30:00', 'Evening', '', data.running.exercises[0].exercise.name, '1', '0', '12']])
    assert.ok(lines[1].startsWith('2026-03-02 09:00:00,"Push ""heavy"", day",1h 5m,"'), 'text quoted, Strong style')
  })

  test('another user gets only their own rows', async () => {
    const mine = (await me.get('/export?format=csv')).body
    const theirs = (await f.other.get('/export?format=csv')).body
    for (const e of Object.values(f.bobEx)) assert.ok(!mine.includes(e))
    assert.equal(theirs.split('\n')[0], HEADER)
  })
})

async function readAll (stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

describe('a long history', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>
  let user: Session
  const N = 300

  before(async () => {
    t = await createTestApp()
    user = await register(t.app)
    const c = as(t.app, user)
    const exercise = (await c.get('/exercises?limit=1')).json().items[0]
    for (let i = 0; i < N; i++) {
      const startedAt = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString()
      await made(await c.post('/workouts', {
        name: `Day ${i}`,
        startedAt,
        endedAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
        exercises: [{ exerciseId: exercise.id, sets: [{ reps: 5, weightKg: 60 }, { reps: 5, weightKg: 62.5 }] }]
      }))
    }
  })
  let closed = false
  after(async () => { if (!closed) await t.close() })

  test('streams complete, valid JSON across many pages', async () => {
    const started = Date.now()
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/export',
      headers: { authorization: `Bearer ${user.token}` },
      payloadAsStream: true
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['transfer-encoding'], 'chunked', 'streamed, not buffered')
    const doc = JSON.parse(await readAll(res.stream()))
    assert.equal(doc.workouts.length, N)
    assert.equal(new Set(doc.workouts.map((w: any) => w.id)).size, N)
    const starts = doc.workouts.map((w: any) => w.startedAt)
    assert.deepEqual(starts, [...starts].sort().reverse(), 'newest first, across pages')
    assert.ok(doc.workouts.every((w: any) => w.exercises[0].sets.length === 2))
    assert.ok(Date.now() - started < 20_000)
    // The same answer through the checked inject: valid against the documented SpotterExport schema.
    assert.equal((await as(t.app, user).get('/export')).json().workouts.length, N)
  })

  test('the CSV has every set, oldest first', async () => {
    const res = await as(t.app, user).get('/export?format=csv')
    const rows: string[][] = parse(res.body, { from_line: 2 })
    assert.equal(rows.length, 2 * N)
    assert.deepEqual([rows[0][1], rows.at(-1)?.[1]], ['Day 0', `Day ${N - 1}`])
  })

  test('at most two exports of one account at a time; shutdown cuts stalled ones off', async () => {
    const open = async () => await t.app.inject({
      method: 'GET',
      url: '/api/v1/export',
      headers: { authorization: `Bearer ${user.token}` },
      payloadAsStream: true
    })
    // Nobody reads these: they stall on backpressure, holding their slots.
    const stalled = [await open(), await open()]
    assert.deepEqual(stalled.map((r) => r.statusCode), [200, 200])
    const third = await as(t.app, user).get('/export')
    assertProblem(third, 429)
    assert.ok(Number(third.headers['retry-after']) >= 1)
    // Watched without reading (reading would unstall them).
    const ends = stalled.map(async (r) => await finished(r.stream()).then(() => 'ended', () => 'aborted'))
    const closing = Date.now()
    closed = true
    await t.close()
    assert.ok(Date.now() - closing < 8000, `close took ${Date.now() - closing} ms`)
    // Cut off mid-document: an aborted download, never a complete-looking one.
    for (const end of await Promise.all(ends)) assert.equal(end, 'aborted')
  })
})
