import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { buildHistory, toPayload, type LibraryExercise } from './helpers/training-data.js'
import * as model from './helpers/training-model.js'

const NAMES = { bench: 'Barbell Bench Press', squat: 'Barbell Back Squat', pullup: 'Pull-Up', plank: 'Plank', run: 'Outdoor Running' } as const

/** Deep comparison where every number only has to match to 0.01. */
function near (actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${path}: expected a number, got ${JSON.stringify(actual)}`)
    assert.ok(Math.abs((actual as number) - expected) < 0.01, `${path}: ${String(actual)} ≠ ${expected}`)
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array`)
    assert.equal(actual.length, expected.length, `${path}: length`)
    expected.forEach((e, i) => { near(actual[i], e, `${path}[${i}]`) })
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) near((actual as Record<string, unknown>)[k], v, `${path}.${k}`)
  } else {
    assert.equal(actual, expected, path)
  }
}

describe('statistics match an independent computation', () => {
  let t: TestApp
  let api: ReturnType<typeof as>
  let history: model.MWorkout[]
  let ex: Record<keyof typeof NAMES, LibraryExercise>
  const now = Date.now()

  before(async () => {
    t = await createTestApp()
    api = as(t.app, await register(t.app))
    const entries = await Promise.all(Object.entries(NAMES).map(async ([key, name]) => {
      const res = await api.get(`/exercises?q=${encodeURIComponent(name)}&limit=5`)
      const found = (res.json().items as LibraryExercise[]).find((e) => e.name === name)
      assert.ok(found, `library exercise ${name}`)
      return [key, found] as const
    }))
    ex = Object.fromEntries(entries) as typeof ex
    history = buildHistory(ex, now)
    for (const w of history) {
      const res = await api.post('/workouts', toPayload(w))
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json()
      w.id = body.id
      body.exercises.forEach((e: { id: string, sets: Array<{ id: string }> }, i: number) => {
        w.exercises[i].id = e.id
        e.sets.forEach((s, j) => { w.exercises[i].sets[j].id = s.id })
      })
    }
  })
  after(async () => { await t.close() })

  async function checkEverything (): Promise<void> {
    const summary = await api.get('/stats/summary')
    assert.equal(summary.statusCode, 200)
    near(summary.json(), model.summary(history, now), 'summary')

    const expectedRecords = model.records(history)
    const records = (await api.get('/stats/records')).json().items as Array<Record<string, unknown>>
    assert.equal(records.length, expectedRecords.size)
    for (const item of records) near(item, expectedRecords.get(item.exerciseId as string), `records.${String(item.exerciseName)}`)

    for (const period of ['week', 'month'] as const) {
      for (const groupBy of ['none', 'muscle', 'exercise'] as const) {
        const res = await api.get(`/stats/volume?period=${period}&groupBy=${groupBy}`)
        assert.equal(res.statusCode, 200)
        near(res.json().series, model.volume(history, period, groupBy), `volume ${period}/${groupBy}`)
      }
    }
    for (const key of ['bench', 'squat', 'run'] as const) {
      const res = await api.get(`/stats/exercises/${ex[key].id}`)
      assert.equal(res.statusCode, 200)
      near(res.json().history, model.history(history, ex[key].id), `history ${key}`)
      near(res.json().records, expectedRecords.get(ex[key].id), `exercise records ${key}`)
    }
  }

  test('summary, records, volume and history', async () => { await checkEverything() })

  test('the streak breaks at the gap and the current week counts', async (t) => {
    if (model.weekIndex(Date.parse(history[11].startedAt)) !== model.weekIndex(now)) return t.skip('too early in the week for a workout in it')
    const s = (await api.get('/stats/summary')).json()
    assert.equal(s.longestStreakWeeks, 5)
    assert.equal(s.currentStreakWeeks, 2)
  })

  test('from/to filter the summary', async () => {
    const from = model.mondayOf(model.weekIndex(now) - 5)
    const res = await api.get(`/stats/summary?from=${from}`)
    const inRange = history.filter((w) => w.startedAt >= from)
    near(res.json(), { ...model.summary(inRange, now), longestStreakWeeks: 3 }, 'ranged summary')
    assert.equal((await api.get('/stats/summary?from=2026-02-30')).statusCode, 400)
    assert.equal((await api.get('/stats/summary?from=2026-05-01&to=2026-04-01')).statusCode, 400)
    const wide = await api.get('/stats/volume?from=0001-01-01&to=9999-12-31&period=week')
    assert.equal(wide.statusCode, 200)
    assert.equal(wide.json().series.length, model.volume(history, 'week', 'none').length)
  })

  test('edits and deletes keep every number exact', async () => {
    // Delete the heaviest bench set, un-complete a squat set, re-weigh another, drop a workout.
    const w1 = history[11]
    const bench = w1.exercises[0]
    const del = await api.delete(`/workouts/${w1.id}/exercises/${bench.id}/sets/${bench.sets[1].id}`)
    assert.equal(del.statusCode, 204)
    bench.sets.splice(1, 1)
    const squat = history[1].exercises[1]
    assert.equal((await api.patch(`/workouts/${history[1].id}/exercises/${squat.id}/sets/${squat.sets[1].id}`, { completed: false })).statusCode, 200)
    squat.sets[1].completed = false
    const other = history[4].exercises[1]
    assert.equal((await api.patch(`/workouts/${history[4].id}/exercises/${other.id}/sets/${other.sets[1].id}`, { weightKg: 133.5 })).statusCode, 200)
    other.sets[1].weightKg = 133.5
    assert.equal((await api.delete(`/workouts/${history[3].id}`)).statusCode, 204)
    history.splice(3, 1)
    // Move a workout into the gap weeks, and reopen another: both weeks' totals change.
    const moved = history[5]
    const startedAt = new Date(Date.parse(moved.startedAt) + 14 * 86_400_000).toISOString()
    const endedAt = new Date(Date.parse(startedAt) + 3_000_000).toISOString()
    assert.equal((await api.patch(`/workouts/${moved.id}`, { startedAt, endedAt })).statusCode, 200)
    Object.assign(moved, { startedAt, endedAt })
    assert.equal((await api.patch(`/workouts/${history[7].id}`, { endedAt: null })).statusCode, 200)
    history[7].endedAt = null
    await checkEverything()
  })

  test('another user sees empty statistics', async () => {
    const stranger = as(t.app, await register(t.app))
    near((await stranger.get('/stats/summary')).json(), model.summary([], now))
    assert.deepEqual((await stranger.get('/stats/records')).json(), { items: [] })
  })
})
