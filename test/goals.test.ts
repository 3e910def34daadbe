import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { DAY, created, get, goal, weigh, type Client } from './helpers/goals.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let t: TestApp
let bob: Client

before(async () => {
  t = await createTestApp()
  bob = as(t.app, await register(t.app))
})
after(async () => { await t.close() })

const user = async (): Promise<Client> => as(t.app, await register(t.app))

describe('body_metric goals', () => {
  test('start, direction, current and progress follow the latest log; a weight goal turns achieved on the right day', async () => {
    const me = await user()
    await weigh(me, 90, '2026-01-05T07:00:00.000Z')
    const res = await me.post('/goals', { type: 'body_metric', metric: 'body_weight', targetValue: 80, deadline: '2026-06-30' })
    const g = await created(res)
    assert.equal(res.headers.location, `/api/v1/goals/${g.id}`)
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = g
    assert.deepEqual(rest, {
      type: 'body_metric',
      title: 'body_weight 80 kg',
      metric: 'body_weight',
      exerciseId: null,
      direction: 'decrease',
      startValue: 90,
      targetValue: 80,
      currentValue: 90,
      progress: 0,
      status: 'active',
      deadline: '2026-06-30',
      achievedAt: null,
      projectedDate: null,
      onTrack: null
    })
    assert.equal(g.createdAt, g.updatedAt)
    // Weekly weigh-ins, 1.5 kg down a week: 90, 88.5, ... 79.5 on week 7.
    const weeks = [88.5, 87, 85.5, 84, 82.5, 81, 79.5]
    for (let w = 0; w < weeks.length; w++) {
      const measuredAt = new Date(Date.parse('2026-01-05T07:00:00.000Z') + (w + 1) * 7 * DAY).toISOString()
      await weigh(me, weeks[w], measuredAt)
      const now = await get(me, g.id)
      assert.equal(now.currentValue, weeks[w])
      assert.equal(now.progress, Math.min(1, (90 - weeks[w]) / 10))
      assert.equal(now.status, weeks[w] <= 80 ? 'achieved' : 'active', `week ${w + 1}`)
      assert.equal(now.achievedAt, weeks[w] <= 80 ? measuredAt : null)
    }
    const done = await get(me, g.id)
    assert.equal(done.achievedAt, '2026-02-23T07:00:00.000Z')
    assert.equal(done.projectedDate, null)
    assert.equal(done.onTrack, null)

    // Editing or deleting the log that reached the target leaves the goal achieved; numbers follow the data.
    const logs = (await me.get('/progress-logs?metric=body_weight&limit=1')).json().items
    await me.patch(`/progress-logs/${logs[0].id}`, { value: 83 })
    assert.deepEqual([(await get(me, g.id)).status, (await get(me, g.id)).currentValue], ['achieved', 83])
    assert.equal((await me.delete(`/progress-logs/${logs[0].id}`)).statusCode, 204)
    const after = await get(me, g.id)
    assert.equal(after.status, 'achieved')
    assert.equal(after.achievedAt, '2026-02-23T07:00:00.000Z')
    assert.equal(after.currentValue, 81)
    assert.equal(after.progress, 0.9)
  })

  test('a back-dated log is not the latest; an edit that reaches the target achieves at that log\'s time', async () => {
    const me = await user()
    await weigh(me, 70, '2026-02-01T07:00:00.000Z')
    const g = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 75 })
    assert.deepEqual([g.direction, g.startValue, g.progress], ['increase', 70, 0])
    await weigh(me, 74, '2026-01-01T07:00:00.000Z')
    assert.deepEqual([(await get(me, g.id)).currentValue, (await get(me, g.id)).status], [70, 'active'])
    const latest = await weigh(me, 72.5, '2026-02-08T07:00:00.000Z')
    assert.equal((await get(me, g.id)).progress, 0.5)
    await me.patch(`/progress-logs/${latest.id}`, { value: 75 })
    const done = await get(me, g.id)
    assert.deepEqual([done.status, done.achievedAt, done.progress], ['achieved', '2026-02-08T07:00:00.000Z', 1])
  })

  test('achievedAt is the earliest data time that reached the target, also for data that arrives later', async () => {
    const me = await user()
    await weigh(me, 85, '2026-03-01T07:00:00.000Z')
    const g = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 80 })
    // t4 first (one device syncs), then t2 < t4 from another device that was offline.
    await weigh(me, 78, '2026-03-20T07:00:00.000Z')
    assert.deepEqual([(await get(me, g.id)).status, (await get(me, g.id)).achievedAt], ['achieved', '2026-03-20T07:00:00.000Z'])
    const early = await weigh(me, 79.5, '2026-03-10T07:00:00.000Z')
    assert.equal((await get(me, g.id)).achievedAt, '2026-03-10T07:00:00.000Z')
    // Older history imported after the goal was made: before its createdAt, and it counts.
    await weigh(me, 79, '2025-06-01T07:00:00.000Z')
    assert.equal((await get(me, g.id)).achievedAt, '2025-06-01T07:00:00.000Z')
    // Without that log the earliest reaching data is the t2 one again; without any, it stays as it was.
    const old = (await me.get('/progress-logs?metric=body_weight&to=2025-12-31')).json().items[0]
    assert.equal((await me.delete(`/progress-logs/${old.id}`)).statusCode, 204)
    assert.equal((await get(me, g.id)).achievedAt, '2026-03-10T07:00:00.000Z')
    assert.equal((await me.patch(`/progress-logs/${early.id}`, { value: 81 })).statusCode, 200)
    assert.equal((await get(me, g.id)).achievedAt, '2026-03-20T07:00:00.000Z')
    // A later log above the target never turns it back.
    await weigh(me, 83, '2026-03-25T07:00:00.000Z')
    assert.deepEqual([(await get(me, g.id)).status, (await get(me, g.id)).currentValue], ['achieved', 83])
  })

  test('a goal whose data already reached the target is achieved when it is made', async () => {
    const me = await user()
    await weigh(me, 79, '2026-01-05T07:00:00.000Z')
    await weigh(me, 84, '2026-02-05T07:00:00.000Z')
    const g = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 80 })
    assert.deepEqual([g.status, g.achievedAt, g.startValue, g.currentValue], ['achieved', '2026-01-05T07:00:00.000Z', 84, 84])
  })

  test('explicit startValue and direction; a target on the wrong side of the start is a 400', async () => {
    const me = await user()
    const g = await goal(me, { type: 'body_metric', metric: 'waist', targetValue: 80, startValue: 100, direction: 'decrease', title: 'Slim down' })
    assert.deepEqual([g.title, g.startValue, g.currentValue, g.progress], ['Slim down', 100, null, 0])
    await created(await me.post('/progress-logs', { metric: 'waist', value: 95 }))
    assert.equal((await get(me, g.id)).progress, 0.25)
    assertFieldError(await me.post('/goals', { type: 'body_metric', metric: 'waist', targetValue: 110, startValue: 100, direction: 'decrease' }), '/targetValue')
    assertFieldError(await me.patch(`/goals/${g.id}`, { targetValue: 120 }), '/targetValue')
    // start = target: progress 1.
    const flat = await goal(me, { type: 'body_metric', metric: 'hips', targetValue: 100, startValue: 100 })
    assert.deepEqual([flat.progress, flat.direction, flat.status], [1, 'increase', 'active'])
  })

  test('a manual update counts as data: the latest of logs and updates by time', async () => {
    const me = await user()
    await weigh(me, 85, '2026-03-01T07:00:00.000Z')
    const g = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 80 })
    const upd = await created(await me.post(`/goals/${g.id}/progress`, { value: 83, recordedAt: '2026-03-02T07:00:00.000Z', note: 'gym scale' }))
    assert.deepEqual({ ...upd, id: undefined, createdAt: undefined }, { id: undefined, goalId: g.id, value: 83, note: 'gym scale', recordedAt: '2026-03-02T07:00:00.000Z', createdAt: undefined })
    assert.equal((await get(me, g.id)).currentValue, 83)
    await weigh(me, 84, '2026-03-03T07:00:00.000Z')
    assert.equal((await get(me, g.id)).currentValue, 84)
    await created(await me.post(`/goals/${g.id}/progress`, { value: 80, recordedAt: '2026-03-04T07:00:00.000Z' }))
    const done = await get(me, g.id)
    assert.deepEqual([done.status, done.achievedAt, done.currentValue], ['achieved', '2026-03-04T07:00:00.000Z', 80])
    assertFieldError(await me.post(`/goals/${g.id}/progress`, { value: 5000 }), '/value')
  })
})

describe('custom goals and manual updates', () => {
  test('follow manual updates only, listed newest first and paginated; ids replay', async () => {
    const me = await user()
    const g = await goal(me, { type: 'custom', title: 'Read books', targetValue: 10 })
    assert.deepEqual([g.startValue, g.currentValue, g.progress, g.direction, g.metric, g.exerciseId], [0, null, 0, 'increase', null, null])
    const base = Date.now()
    const ids: string[] = []
    for (const [i, value] of [2, 3, 7].entries()) {
      const res = await me.post(`/goals/${g.id}/progress`, { value, recordedAt: new Date(base + i * 1000).toISOString() })
      const body = await created(res)
      assert.equal(res.headers.location, `/api/v1/goals/${g.id}/progress/${body.id}`)
      assert.deepEqual((await me.get(`/goals/${g.id}/progress/${body.id}`)).json(), body)
      ids.push(body.id)
    }
    const now = await get(me, g.id)
    assert.deepEqual([now.currentValue, now.progress, now.status], [7, 0.7, 'active'])
    const first = (await me.get(`/goals/${g.id}/progress?limit=2`)).json()
    const second = (await me.get(`/goals/${g.id}/progress?limit=2&cursor=${first.nextCursor}`)).json()
    assert.deepEqual([...first.items, ...second.items].map((u: any) => u.id), [...ids].reverse())
    assert.equal(second.nextCursor, null)

    const id = newId()
    const at = new Date(base + 5000).toISOString()
    const reached = await created(await me.post(`/goals/${g.id}/progress`, { id, value: 10, recordedAt: at }))
    const replay = await me.post(`/goals/${g.id}/progress`, { id, value: 10, recordedAt: at })
    assert.equal(replay.statusCode, 200)
    assert.deepEqual(replay.json(), reached)
    assertProblem(await bob.post(`/goals/${g.id}/progress`, { id, value: 1 }), 404)
    const done = await get(me, g.id)
    assert.deepEqual([done.status, done.achievedAt, done.progress], ['achieved', at, 1])
    // A later, lower update moves currentValue, never the status.
    await created(await me.post(`/goals/${g.id}/progress`, { value: 4, recordedAt: new Date(base + 9000).toISOString() }))
    const still = await get(me, g.id)
    assert.deepEqual([still.status, still.achievedAt, still.currentValue, still.progress], ['achieved', at, 4, 0.4])
  })

  test('a client-supplied goal id replays; another user\'s is a 409', async () => {
    const me = await user()
    const id = newId()
    const first = await goal(me, { id, type: 'custom', targetValue: 3 })
    assert.equal(first.title, 'Custom goal')
    const again = await me.post('/goals', { id, type: 'custom', targetValue: 3 })
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first)
    assertProblem(await bob.post('/goals', { id, type: 'custom', targetValue: 3 }), 409)
  })
})
