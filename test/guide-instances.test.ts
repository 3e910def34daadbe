import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { as, createTestApp, dialect, freshDatabaseUrl, register, type Session, type TestApp } from './helpers/app.js'
import { act, isGuide, SseClient } from './helpers/guide.js'

// The whole story: generate a plan, save it, start today's day, follow it on the event stream,
// and find it in the history and the stats. On PostgreSQL the stream is held by instance B while
// every action goes through instance A: the change reaches B through LISTEN/NOTIFY.
const isoWeekday = (d: Date): number => d.getUTCDay() === 0 ? 7 : d.getUTCDay()

/** Values the generated plan does not set (weights, distances) for a step of this tracking. */
const extra = (tracking: string): object => tracking === 'weight_reps' ? { weightKg: 20 } : tracking === 'distance_duration' ? { distanceM: 1000 } : {}

async function followGeneratedPlan (actions: FastifyInstance, streams: FastifyInstance, session: Session): Promise<void> {
  const api = as(actions, session)
  const proposal = await api.post('/plans/generate', { goal: 'hypertrophy', daysPerWeek: 3, sessionDurationMin: 45, equipment: ['dumbbell', 'bench', 'barbell'], level: 'beginner' })
  assert.equal(proposal.statusCode, 200, proposal.body)
  const plan = await api.post('/plans', { ...(proposal.json() as object), isActive: true })
  assert.equal(plan.statusCode, 201, plan.body)
  const days = plan.json().days
  const today = days.find((d: any) => d.weekday === isoWeekday(new Date())) ?? days[0]
  const started = await api.post(`/plans/${plan.json().id}/days/${today.id}/start`)
  assert.equal(started.statusCode, 201, started.body)
  const w = started.json()
  const tracking = new Map(w.exercises.map((e: any) => [e.id, e.exercise.tracking]))

  const ticket = (await api.post(`/workouts/${w.id}/guide/ticket`)).json().ticket
  const s = await SseClient.open(streams, `/workouts/${w.id}/guide/events?ticket=${ticket as string}`)
  try {
    assert.equal(s.status, 200)
    let g = (await s.next(isGuide)).data
    assert.deepEqual([g.status, g.completedSets, g.totalSets], ['in_progress', 0, w.exercises.reduce((n: number, e: any) => n + e.sets.length, 0)])
    const first = g.current
    await act(api, w.id, 'complete', extra(tracking.get(first.workoutExerciseId) as string))
    g = (await s.next(isGuide)).data
    assert.deepEqual([g.completedSets, g.status], [1, first.restSec > 0 ? 'resting' : 'in_progress'])
    const adjusted = g.current
    await act(api, w.id, 'complete', { ...extra(tracking.get(adjusted.workoutExerciseId) as string), reps: (adjusted.targetReps ?? 10) - 2 })
    assert.equal((await s.next(isGuide)).data.completedSets, 2)
    const afterSkip = await act(api, w.id, 'skip', { scope: 'exercise' })
    g = (await s.next(isGuide)).data
    assert.deepEqual([g.status, g.current?.setId], ['in_progress', afterSkip.current?.setId], 'a skip ends the rest')
    const finished = await api.post(`/workouts/${w.id}/guide/finish`)
    assert.equal(finished.statusCode, 200, finished.body)
    assert.equal((await s.next(isGuide)).data.status, 'completed')
  } finally {
    s.close()
  }

  const mine = as(streams, session)
  const history = (await mine.get('/workouts?status=completed&limit=100')).json().items.find((i: any) => i.id === w.id)
  assert.equal(history.setCount, 2)
  const done = (await mine.get(`/workouts/${w.id}`)).json()
  const sets = done.exercises.flatMap((e: any) => e.sets)
  const [one, two] = sets.filter((x: any) => x.completed)
  assert.deepEqual([one.reps, two.reps], [one.targetReps, two.targetReps - 2], 'plan and actual side by side')
  assert.ok(sets.some((x: any) => !x.completed), 'the unfinished sets stay completed: false')
  const records = (await mine.get('/stats/records')).json().items
  assert.ok(records.some((r: any) => r.exerciseId === done.exercises.find((e: any) => e.sets.some((x: any) => x.completed)).exerciseId))
  assert.equal((await mine.get('/stats/summary')).json().workouts, 1)
}

describe('follow a generated plan on the event stream (one instance)', () => {
  let t: TestApp
  before(async () => { t = await createTestApp(); await t.app.listen({ port: 0, host: '127.0.0.1' }) })
  after(async () => { await t.close() })
  test('generate, save, start today, complete as planned and adjusted, skip, finish; history and stats', async () => {
    await followGeneratedPlan(t.app, t.app, await register(t.app))
  })
})

if (dialect !== 'postgres') {
  test.skip('guide streams across two instances need DATABASE_URL=postgres://… (LISTEN/NOTIFY); with SQLite one process is the deployment')
} else {
  describe('two instances on one PostgreSQL database', () => {
    let a: TestApp | undefined
    let b: TestApp | undefined
    let drop: (() => Promise<void>) | undefined
    before(async () => {
      const fresh = await freshDatabaseUrl()
      drop = fresh.drop
      a = await createTestApp({}, fresh.url)
      b = await createTestApp({}, fresh.url)
      await b.app.listen({ port: 0, host: '127.0.0.1' })
    })
    after(async () => { await b?.close(); await a?.close(); await drop?.() })

    test('the stream on B follows every action taken on A within 2 s', async () => {
      const appA = (a as TestApp).app
      await followGeneratedPlan(appA, (b as TestApp).app, await register(appA))
    })
  })
}
