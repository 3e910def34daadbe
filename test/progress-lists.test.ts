import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>
const DAY = 86_400_000
const day = (n: number, hour = 7) => new Date(Date.UTC(2026, 0, 1 + n, hour)).toISOString()

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
  bob = as(t.app, await register(t.app))
})
after(async () => { await t.close() })

async function log (body: object, client = me): Promise<any> {
  const res = await client.post('/progress-logs', body)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

describe('progress logs: lists', () => {
  test('filter by metric and time range (inclusive), newest first, cursor-paginated', async () => {
    const user = as(t.app, await register(t.app))
    const weights = []
    for (let i = 0; i < 7; i++) weights.push((await log({ metric: 'body_weight', value: 90 - i, measuredAt: day(i) }, user)).id)
    await log({ metric: 'hips', value: 100, measuredAt: day(3, 8) }, user)
    const all = (await user.get('/progress-logs')).json()
    assert.equal(all.items.length, 8)
    assert.equal(all.nextCursor, null)

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await user.get(`/progress-logs?metric=body_weight&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`)
      assert.equal(res.statusCode, 200, res.body)
      const page = res.json()
      assert.ok(page.items.length <= 3)
      seen.push(...page.items.map((l: any) => l.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    assert.deepEqual(seen, [...weights].reverse())

    const ranged = (await user.get(`/progress-logs?metric=body_weight&from=${day(2)}&to=${day(4)}`)).json()
    assert.deepEqual(ranged.items.map((l: any) => l.value), [86, 87, 88])
    const mixed = (await user.get(`/progress-logs?from=${day(3)}&to=${day(3, 23)}`)).json()
    assert.deepEqual(mixed.items.map((l: any) => l.metric), ['hips', 'body_weight'])
    const byDate = (await user.get('/progress-logs?metric=body_weight&from=2026-01-03&to=2026-01-05')).json()
    assert.deepEqual(byDate.items.map((l: any) => l.value), [86, 87, 88])
    assertFieldError(await user.get('/progress-logs?from=2026-01-05&to=2026-01-03'), '/to')
    assertFieldError(await user.get('/progress-logs?from=soon'), '/from')
    assertFieldError(await user.get('/progress-logs?cursor=nonsense'), '/cursor')
    assertFieldError(await user.get('/progress-logs?metric=height'), '/metric')
    assertProblem(await user.get('/progress-logs?limit=101'), 400)
  })

  test('ties on measuredAt page without gaps or repeats', async () => {
    const user = as(t.app, await register(t.app))
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await log({ metric: 'neck', value: 40 + i, measuredAt: day(1) }, user)).id)
    const first = (await user.get('/progress-logs?limit=2')).json()
    const second = (await user.get(`/progress-logs?limit=2&cursor=${first.nextCursor}`)).json()
    const third = (await user.get(`/progress-logs?limit=2&cursor=${second.nextCursor}`)).json()
    assert.deepEqual([...first.items, ...second.items, ...third.items].map((l: any) => l.id), [...ids].sort().reverse())
    assert.equal(third.nextCursor, null)
  })

  test('GET /progress-logs/metrics lists the built-ins, then the caller\'s custom ones', async () => {
    const user = as(t.app, await register(t.app))
    await log({ metric: 'custom:vo2max', value: 48, unit: 'ml/kg/min' }, user)
    await log({ metric: 'custom:steps', value: 9000, unit: 'steps' }, user)
    const { items } = (await user.get('/progress-logs/metrics')).json()
    const builtIn = ['body_weight', 'body_fat', 'muscle_mass', 'lean_mass', 'waist', 'abdomen', 'chest', 'hips', 'neck', 'shoulders', 'arm_left', 'arm_right',
      'forearm_left', 'forearm_right', 'thigh_left', 'thigh_right', 'calf_left', 'calf_right', 'resting_heart_rate']
    assert.deepEqual(items.map((m: any) => m.metric), [...builtIn, 'custom:steps', 'custom:vo2max'])
    assert.deepEqual(items[0], { metric: 'body_weight', unit: 'kg', custom: false })
    assert.deepEqual(items[1], { metric: 'body_fat', unit: '%', custom: false })
    assert.deepEqual(items.at(-3), { metric: 'resting_heart_rate', unit: 'bpm', custom: false })
    assert.deepEqual(items.at(-1), { metric: 'custom:vo2max', unit: 'ml/kg/min', custom: true })
    const other = (await bob.get('/progress-logs/metrics')).json().items
    assert.ok(!other.some((m: any) => m.metric === 'custom:vo2max'))
  })
})

describe('progress logs: isolation', () => {
  test('another user\'s log is a 404 everywhere and never listed', async () => {
    const mine = await log({ metric: 'chest', value: 104, measuredAt: new Date(Date.now() - DAY).toISOString() })
    assertProblem(await bob.get(`/progress-logs/${mine.id}`), 404)
    assertProblem(await bob.patch(`/progress-logs/${mine.id}`, { value: 1 }), 404)
    assertProblem(await bob.delete(`/progress-logs/${mine.id}`), 404)
    assert.ok(!(await bob.get('/progress-logs?metric=chest')).json().items.some((l: any) => l.id === mine.id))
    assert.equal((await me.get(`/progress-logs/${mine.id}`)).json().value, 104)
    assertProblem(await as(t.app, undefined).get('/progress-logs'), 401)
  })
})
