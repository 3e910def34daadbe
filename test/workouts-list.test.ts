import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'
import { assertFieldError } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>
let ex: TestExercises

before(async () => {
  t = await createTestApp()
  const alice = await register(t.app)
  me = as(t.app, alice)
  bob = as(t.app, await register(t.app))
  ex = await createExercises(t.app, alice)
})
after(async () => { await t.close() })

/** Counts the SQL statements the app's database runs while `fn` does, BEGIN and COMMIT included. */
async function countQueries (fn: () => Promise<unknown>): Promise<number> {
  const before = t.app.database.statements()
  await fn()
  return t.app.database.statements() - before
}

const day = (d: number, hour = 18) => new Date(Date.UTC(2026, 0, d, hour)).toISOString()
async function log (body: object): Promise<any> {
  const res = await me.post('/workouts', body)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

describe('GET /workouts', () => {
  const ids: string[] = []
  before(async () => {
    // Day 1..12; days 5 and 6 share a start (tie broken by id); even days completed; every third uses duration work.
    for (let d = 1; d <= 12; d++) {
      const startedAt = day(d === 6 ? 5 : d)
      const exercises = [{ exerciseId: ex.weight_reps, sets: [{ type: 'warmup', reps: 10, weightKg: 20 }, { reps: 5, weightKg: 50 + d }, { reps: 5, weightKg: 99, completed: false }] }]
      if (d % 3 === 0) exercises.push({ exerciseId: ex.duration, sets: [{ durationSec: 60 }] } as any)
      ids.push((await log({ name: `Day ${d}`, startedAt, ...(d % 2 === 0 ? { endedAt: day(d, 19) } : {}), exercises })).id)
    }
  })

  test('summaries carry counts and volume: completed sets (warm-ups too), volume without warm-ups', async () => {
    const page = (await me.get('/workouts?limit=100')).json()
    const w3 = page.items.find((i: any) => i.name === 'Day 3')
    assert.deepEqual(w3, { id: ids[2], name: 'Day 3', startedAt: day(3), endedAt: null, status: 'in_progress', exerciseCount: 2, setCount: 3, volumeKg: 5 * 53 })
    const w4 = page.items.find((i: any) => i.name === 'Day 4')
    assert.deepEqual([w4.status, w4.endedAt, w4.exerciseCount, w4.setCount, w4.volumeKg], ['completed', day(4, 19), 1, 2, 5 * 54])
  })

  test('newest start first, ties by id descending; keyset cursor pages through all of them', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await me.get(`/workouts?limit=5${cursor === null ? '' : `&cursor=${cursor}`}`)
      assert.equal(res.statusCode, 200, res.body)
      const page: { items: any[], nextCursor: string | null } = res.json()
      assert.ok(page.items.length <= 5)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    const expected = [...ids].reverse()
    // Days 5 and 6 share a start: the larger id (day 6, made later) comes first.
    assert.deepEqual(seen, expected)
    assertFieldError(await me.get('/workouts?cursor=not-a-cursor'), '/cursor')
  })

  test('filters: from/to (instants or dates, inclusive), status, exerciseId', async () => {
    const names = async (q: string) => (await me.get(`/workouts?limit=100&${q}`)).json().items.map((i: any) => i.name)
    assert.deepEqual(await names(`from=${day(10)}`), ['Day 12', 'Day 11', 'Day 10'])
    assert.deepEqual(await names('from=2026-01-02&to=2026-01-03'), ['Day 3', 'Day 2'])
    assert.deepEqual(await names(`to=${encodeURIComponent('2026-01-02T19:00:00+01:00')}`), ['Day 2', 'Day 1'])
    assert.deepEqual(await names('status=completed&from=2026-01-07'), ['Day 12', 'Day 10', 'Day 8'])
    assert.deepEqual(await names('status=in_progress&to=2026-01-04'), ['Day 3', 'Day 1'])
    assert.deepEqual(await names(`exerciseId=${ex.duration}`), ['Day 12', 'Day 9', 'Day 6', 'Day 3'])
    assert.deepEqual(await names(`exerciseId=${ex.duration}&status=completed`), ['Day 12', 'Day 6'])
    assertFieldError(await me.get('/workouts?status=paused'), '/status')
    assertFieldError(await me.get('/workouts?limit=101'), '/limit')
    assertFieldError(await me.get('/workouts?from=last-week'), '/from')
    assert.deepEqual((await bob.get('/workouts')).json(), { items: [], nextCursor: null })
  })

  test('a page of summaries is one query; a nested workout is one once stored, whatever its size', async () => {
    await me.get('/workouts?limit=1') // warm the session cache
    assert.equal(await countQueries(async () => { assert.equal((await me.get('/workouts?limit=20')).statusCode, 200) }), 1)
    const from = encodeURIComponent('2026-01-01T00:00:00Z')
    assert.equal(await countQueries(async () => { await me.get(`/workouts?limit=20&exerciseId=${ex.duration}&status=completed&from=${from}`) }), 1)
    // A calendar date is a day in the user's time zone: one more statement reads the zone.
    assert.equal(await countQueries(async () => { await me.get('/workouts?limit=20&from=2026-01-01') }), 2)
    const small = ids[0]
    const big = (await log({
      name: 'Big',
      startedAt: day(20),
      exercises: Array.from({ length: 20 }, (_, i) => ({ exerciseId: i % 2 === 0 ? ex.weight_reps : ex.reps, sets: Array(5).fill({ reps: 5, weightKg: 10 }) }))
    })).id
    for (const id of [small, big]) {
      let first = ''
      // The first read after a write builds the document (its revision and ETag, then in one snapshot
      // (BEGIN … COMMIT) the revision and the 3 queries, then the store) ...
      const building = await countQueries(async () => { first = (await me.get(`/workouts/${id}`)).body })
      assert.equal(building, 8, `first GET /workouts/${id}`)
      // ... and every read after it is the stored document alone, with its ETag in the same statement,
      // byte for byte the same.
      let again = ''
      assert.equal(await countQueries(async () => { again = (await me.get(`/workouts/${id}`)).body }), 1, `GET /workouts/${id}`)
      assert.equal(again, first)
    }
  })
})
