import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>

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

describe('progress logs: CRUD', () => {
  test('creates with the metric\'s unit, Location, and measuredAt defaulting to now', async () => {
    const before = Date.now()
    const res = await me.post('/progress-logs', { metric: 'body_weight', value: 81.4, note: 'morning' })
    assert.equal(res.statusCode, 201, res.body)
    const created = res.json()
    assert.equal(res.headers.location, `/api/v1/progress-logs/${created.id}`)
    assert.equal(created.metric, 'body_weight')
    assert.equal(created.value, 81.4)
    assert.equal(created.unit, 'kg')
    assert.equal(created.note, 'morning')
    const at = Date.parse(created.measuredAt)
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, created.measuredAt)
    assert.match(created.measuredAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    assert.deepEqual((await me.get(`/progress-logs/${created.id}`)).json(), created)
  })

  test('normalises measuredAt to UTC, edits and deletes', async () => {
    const created = await log({ metric: 'waist', value: 90, measuredAt: '2026-03-01T08:00:00+02:00' })
    assert.equal(created.measuredAt, '2026-03-01T06:00:00.000Z')
    assert.equal(created.unit, 'cm')
    assert.equal(created.note, null)
    const patched = await me.patch(`/progress-logs/${created.id}`, { value: 89.5, note: 'after run', measuredAt: '2026-03-02T06:00:00Z' })
    assert.equal(patched.statusCode, 200, patched.body)
    assert.deepEqual({ ...patched.json<object>(), updatedAt: undefined }, { ...created, value: 89.5, note: 'after run', measuredAt: '2026-03-02T06:00:00.000Z', updatedAt: undefined })
    assert.equal((await me.patch(`/progress-logs/${created.id}`, { note: null })).json().note, null)
    assert.equal((await me.patch(`/progress-logs/${created.id}`, { unit: 'cm' })).statusCode, 200)
    assertFieldError(await me.patch(`/progress-logs/${created.id}`, { unit: 'in' }), '/unit')
    assertFieldError(await me.patch(`/progress-logs/${created.id}`, { metric: 'hips' }), '/metric')
    const del = await me.delete(`/progress-logs/${created.id}`)
    assert.equal(del.statusCode, 204)
    assertProblem(await me.get(`/progress-logs/${created.id}`), 404)
    assertProblem(await me.delete(`/progress-logs/${created.id}`), 404)
  })

  test('a client-supplied id replays with 200; another user\'s id is a 409', async () => {
    const id = newId()
    const first = await me.post('/progress-logs', { id, metric: 'body_fat', value: 18 })
    assert.equal(first.statusCode, 201)
    const again = await me.post('/progress-logs', { id, metric: 'body_fat', value: 18 })
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    assertProblem(await bob.post('/progress-logs', { id, metric: 'body_fat', value: 18 }), 409)
    const list = (await me.get('/progress-logs?metric=body_fat')).json()
    assert.equal(list.items.filter((l: any) => l.id === id).length, 1)
  })
})

describe('progress logs: units and bounds', () => {
  test('built-in metrics carry their fixed units; another unit is a 400', async () => {
    for (const [metric, unit, value] of [['body_fat', '%', 20], ['muscle_mass', 'kg', 35], ['calf_left', 'cm', 38], ['resting_heart_rate', 'bpm', 55]] as const) {
      assert.equal((await log({ metric, value, unit })).unit, unit)
    }
    assertFieldError(await me.post('/progress-logs', { metric: 'body_weight', value: 80, unit: 'lb' }), '/unit')
  })

  test('a custom metric takes its unit from its first log and keeps it', async () => {
    assertFieldError(await me.post('/progress-logs', { metric: 'custom:pushups_max', value: 30 }), '/unit')
    assert.equal((await log({ metric: 'custom:pushups_max', value: 30, unit: 'reps' })).unit, 'reps')
    assert.equal((await log({ metric: 'custom:pushups_max', value: 32 })).unit, 'reps')
    assert.equal((await log({ metric: 'custom:pushups_max', value: 33, unit: 'reps' })).unit, 'reps')
    assertFieldError(await me.post('/progress-logs', { metric: 'custom:pushups_max', value: 34, unit: 'count' }), '/unit')
    // Another user's metric of the same name is theirs alone.
    assert.equal((await log({ metric: 'custom:pushups_max', value: 5, unit: 'count' }, bob)).unit, 'count')
  })

  test('deleting the last log of a custom metric forgets its unit', async () => {
    const only = await log({ metric: 'custom:grip', value: 40, unit: 'kg' })
    assert.equal((await me.delete(`/progress-logs/${only.id}`)).statusCode, 204)
    assert.equal((await log({ metric: 'custom:grip', value: 90, unit: 'lb' })).unit, 'lb')
  })

  test('metric names must be built-in or custom:<1–50 of a-z0-9_>', async () => {
    for (const metric of ['height', 'custom:', 'custom:Bad', 'custom:with-dash', `custom:${'a'.repeat(51)}`, 'Body_weight']) {
      assertFieldError(await me.post('/progress-logs', { metric, value: 1, unit: 'x' }), '/metric')
    }
    assert.equal((await log({ metric: `custom:${'a'.repeat(50)}`, value: 1, unit: 'u' })).metric, `custom:${'a'.repeat(50)}`)
    assertFieldError(await me.post('/progress-logs', { metric: 'custom:long_unit', value: 1, unit: 'u'.repeat(21) }), '/unit')
  })

  test('values must make sense for the metric', async () => {
    const bad: Array<[string, unknown]> = [
      ['body_weight', -3], ['body_weight', 5000], ['body_weight', 0], ['body_weight', 0.5], ['muscle_mass', 0], ['lean_mass', 701],
      ['body_fat', 0.5], ['body_fat', 80], ['waist', 0], ['waist', 301], ['resting_heart_rate', 10], ['resting_heart_rate', 300],
      ['body_weight', '80'], ['body_weight', 'NaN'], ['body_weight', null]
    ]
    for (const [metric, value] of bad) assertFieldError(await me.post('/progress-logs', { metric, value }), '/value')
    assertFieldError(await me.post('/progress-logs', { metric: 'custom:big', value: 1e10, unit: 'x' }), '/value')
    for (const [metric, value] of [['body_weight', 1], ['body_weight', 700], ['muscle_mass', 0.1], ['body_fat', 75], ['waist', 300], ['resting_heart_rate', 20]] as const) {
      await log({ metric, value })
    }
    assert.equal((await log({ metric: 'custom:balance', value: -250.5, unit: 'EUR' })).value, -250.5)
    const saved = await log({ metric: 'body_weight', value: 80 })
    assertFieldError(await me.patch(`/progress-logs/${saved.id}`, { value: 5000 }), '/value')
    assertFieldError(await me.post('/progress-logs', { metric: 'body_weight', value: 80, measuredAt: 'yesterday' }), '/measuredAt')
    assertFieldError(await me.post('/progress-logs', { metric: 'body_weight', value: 80, measuredAt: '2016-12-31T23:59:60Z' }), '/measuredAt')
    assertFieldError(await me.patch(`/progress-logs/${saved.id}`, { measuredAt: '2016-12-31T23:59:60Z' }), '/measuredAt')
    assertFieldError(await me.post('/progress-logs', { metric: 'body_weight', value: 80, extra: 1 }), '/extra')
  })
})
