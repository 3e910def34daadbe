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

describe('PATCH /goals', () => {
  test('abandon and reopen; abandoned goals ignore data; reopening re-evaluates', async () => {
    const me = await user()
    const g = await goal(me, { type: 'custom', targetValue: 5 })
    const abandoned = (await me.patch(`/goals/${g.id}`, { status: 'abandoned' })).json()
    assert.equal(abandoned.status, 'abandoned')
    await created(await me.post(`/goals/${g.id}/progress`, { value: 6, recordedAt: '2026-04-01T10:00:00.000Z' }))
    assert.deepEqual([(await get(me, g.id)).status, (await get(me, g.id)).currentValue], ['abandoned', 6])
    assert.deepEqual((await me.get('/goals?status=abandoned')).json().items.map((x: any) => x.id), [g.id])
    const reopened = await me.patch(`/goals/${g.id}`, { status: 'active' })
    assert.equal(reopened.statusCode, 200, reopened.body)
    assert.deepEqual([reopened.json().status, reopened.json().achievedAt], ['achieved', '2026-04-01T10:00:00.000Z'])
    assertFieldError(await me.patch(`/goals/${g.id}`, { status: 'abandoned' }), '/status')
    assertFieldError(await me.patch(`/goals/${g.id}`, { status: 'achieved' }), '/status')

    const other = await goal(me, { type: 'custom', targetValue: 50 })
    const back = (await me.patch(`/goals/${other.id}`, { status: 'abandoned' })).json()
    assert.equal(back.status, 'abandoned')
    assert.equal((await me.patch(`/goals/${other.id}`, { status: 'active' })).json().status, 'active')
  })

  test('title and deadline change; a target change re-evaluates', async () => {
    const me = await user()
    const g = await goal(me, { type: 'custom', targetValue: 10, deadline: '2026-12-31T23:00:00-05:00' })
    assert.equal(g.deadline, '2027-01-01')
    await created(await me.post(`/goals/${g.id}/progress`, { value: 6, recordedAt: '2026-05-01T10:00:00.000Z' }))
    const renamed = (await me.patch(`/goals/${g.id}`, { title: 'Renamed', deadline: null })).json()
    assert.deepEqual([renamed.title, renamed.deadline, renamed.status], ['Renamed', null, 'active'])
    assert.ok(renamed.updatedAt >= g.updatedAt)
    const lowered = (await me.patch(`/goals/${g.id}`, { targetValue: 6 })).json()
    assert.deepEqual([lowered.status, lowered.achievedAt, lowered.progress, lowered.targetValue], ['achieved', '2026-05-01T10:00:00.000Z', 1, 6])
    // Easier still: stays achieved as it was. Harder: active again until the data reaches it.
    assert.equal((await me.patch(`/goals/${g.id}`, { targetValue: 5 })).json().achievedAt, '2026-05-01T10:00:00.000Z')
    const raised = (await me.patch(`/goals/${g.id}`, { targetValue: 8 })).json()
    assert.deepEqual([raised.status, raised.achievedAt, raised.progress], ['active', null, 0.75])
    await created(await me.post(`/goals/${g.id}/progress`, { value: 8, recordedAt: '2026-05-02T10:00:00.000Z' }))
    assert.equal((await get(me, g.id)).achievedAt, '2026-05-02T10:00:00.000Z')
    assertFieldError(await me.patch(`/goals/${g.id}`, { direction: 'decrease' }), '/direction')
  })
})

describe('goal validation, lists and isolation', () => {
  test('type-specific fields are required, checked, and not allowed elsewhere', async () => {
    const me = await user()
    assertFieldError(await me.post('/goals', { type: 'body_metric', targetValue: 80 }), '/metric')
    assertFieldError(await me.post('/goals', { type: 'body_metric', metric: 'height', targetValue: 80 }), '/metric')
    assertFieldError(await me.post('/goals', { type: 'body_metric', metric: 'body_weight', targetValue: 5000 }), '/targetValue')
    assertFieldError(await me.post('/goals', { type: 'body_metric', metric: 'body_weight', targetValue: 80, startValue: -3 }), '/startValue')
    assertFieldError(await me.post('/goals', { type: 'exercise_weight', targetValue: 100 }), '/exerciseId')
    assertFieldError(await me.post('/goals', { type: 'exercise_1rm', exerciseId: newId(), targetValue: 100 }), '/exerciseId')
    assertFieldError(await me.post('/goals', { type: 'custom', metric: 'body_weight', targetValue: 1 }), '/metric')
    assertFieldError(await me.post('/goals', { type: 'weekly_workouts', exerciseId: newId(), targetValue: 3 }), '/exerciseId')
    assertFieldError(await me.post('/goals', { type: 'weekly_workouts', targetValue: 1000 }), '/targetValue')
    assertFieldError(await me.post('/goals', { type: 'running', targetValue: 3 }), '/type')
    assertFieldError(await me.post('/goals', { type: 'custom' }), '/targetValue')
    assertFieldError(await me.post('/goals', { type: 'custom', targetValue: '3' }), '/targetValue')
    assertFieldError(await me.post('/goals', { type: 'custom', targetValue: 3, deadline: '2026-02-30' }), '/deadline')
    assertFieldError(await me.post('/goals', { type: 'custom', targetValue: 3, deadline: '2016-12-31T23:59:60Z' }), '/deadline')
    const custom = await goal(me, { type: 'body_metric', metric: 'custom:plank_sec', targetValue: 180 })
    assert.deepEqual([custom.metric, custom.currentValue, custom.startValue], ['custom:plank_sec', null, 0])
  })

  test('lists filter by status, newest first, paginated; other users see none of it', async () => {
    const me = await user()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await goal(me, { type: 'custom', title: `g${i}`, targetValue: 10 })).id)
    await me.patch(`/goals/${ids[1]}`, { status: 'abandoned' })
    await created(await me.post(`/goals/${ids[3]}/progress`, { value: 10 }))
    const pages: string[] = []
    let cursor: string | null = null
    do {
      const page: any = (await me.get(`/goals?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`)).json()
      pages.push(...page.items.map((x: any) => x.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    assert.deepEqual(pages, [...ids].reverse())
    assert.deepEqual((await me.get('/goals?status=active')).json().items.map((x: any) => x.id), [ids[4], ids[2], ids[0]])
    assert.deepEqual((await me.get('/goals?status=achieved')).json().items.map((x: any) => x.id), [ids[3]])
    assertProblem(await me.get('/goals?status=done'), 400)

    assert.equal((await bob.get('/goals')).json().items.some((x: any) => ids.includes(x.id)), false)
    assertProblem(await bob.get(`/goals/${ids[0]}`), 404)
    assertProblem(await bob.patch(`/goals/${ids[0]}`, { title: 'mine' }), 404)
    assertProblem(await bob.delete(`/goals/${ids[0]}`), 404)
    assertProblem(await bob.get(`/goals/${ids[3]}/progress`), 404)
    assertProblem(await bob.post(`/goals/${ids[0]}/progress`, { value: 10 }), 404)
    assert.equal((await get(me, ids[0])).status, 'active')
    // Bob's own logs never move Alice's goals.
    const mine = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 70, startValue: 80 })
    await created(await bob.post('/progress-logs', { metric: 'body_weight', value: 60 }))
    assert.deepEqual([(await get(me, mine.id)).currentValue, (await get(me, mine.id)).status], [null, 'active'])

    assert.equal((await me.delete(`/goals/${ids[3]}`)).statusCode, 204)
    assertProblem(await me.get(`/goals/${ids[3]}`), 404)
    assertProblem(await me.get(`/goals/${ids[3]}/progress`), 404)
  })
})

describe('projectedDate and onTrack', () => {
  const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

  test('a clear linear trend since the goal began projects the day it reaches the target', async () => {
    const me = await user()
    const base = Date.now() + DAY
    const deadline = dateOf(base + 30 * DAY)
    const g = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 80, startValue: 90, deadline })
    assert.deepEqual([g.projectedDate, g.onTrack], [null, null])
    // 1 kg a day from 88: 80 is reached 8 days after the first point.
    for (const [i, value] of [88, 87, 86].entries()) await weigh(me, value, new Date(base + i * DAY).toISOString())
    const now = await get(me, g.id)
    assert.deepEqual([now.projectedDate, now.onTrack], [dateOf(base + 8 * DAY), true])
    const tight = (await me.patch(`/goals/${g.id}`, { deadline: dateOf(base + 5 * DAY) })).json()
    assert.deepEqual([tight.projectedDate, tight.onTrack], [dateOf(base + 8 * DAY), false])
    // Without a deadline there is nothing to be on track for.
    const none = (await me.patch(`/goals/${g.id}`, { deadline: null })).json()
    assert.deepEqual([none.projectedDate, none.onTrack], [null, null])
  })

  test('a trend moving away is not on track; logs from before the goal do not count', async () => {
    const me = await user()
    const base = Date.now() + DAY
    await weigh(me, 100, new Date(Date.now() - 10 * DAY).toISOString())
    await weigh(me, 95, new Date(Date.now() - 5 * DAY).toISOString())
    const g = await goal(me, { type: 'custom', targetValue: 20, deadline: dateOf(base + 60 * DAY) })
    await created(await me.post(`/goals/${g.id}/progress`, { value: 10, recordedAt: new Date(base).toISOString() }))
    assert.deepEqual([(await get(me, g.id)).projectedDate, (await get(me, g.id)).onTrack], [null, null])
    await created(await me.post(`/goals/${g.id}/progress`, { value: 8, recordedAt: new Date(base + DAY).toISOString() }))
    assert.deepEqual([(await get(me, g.id)).projectedDate, (await get(me, g.id)).onTrack], [null, false])
    await created(await me.post(`/goals/${g.id}/progress`, { value: 14, recordedAt: new Date(base + 2 * DAY).toISOString() }))
    // Points (0, 10), (1, 8), (2, 14): slope 2/day, mean 32/3 at day 1 → 20 at day 1 + (20 − 32/3) / 2.
    const expected = dateOf(base + (1 + (20 - 32 / 3) / 2) * DAY)
    assert.deepEqual([(await get(me, g.id)).projectedDate, (await get(me, g.id)).onTrack], [expected, true])

    const weight = await goal(me, { type: 'body_metric', metric: 'body_weight', targetValue: 90, deadline: dateOf(base + 60 * DAY) })
    assert.deepEqual([weight.startValue, weight.projectedDate, weight.onTrack], [95, null, null])
  })
})
