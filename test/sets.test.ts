import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { CHANNELS } from '../src/lib/channels.js'
import type { as, TestApp } from './helpers/app.js'
import { twoUsers, type TestExercises } from './helpers/exercises.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>
let ex: TestExercises
let bobEx: TestExercises

before(async () => { ({ t, me, other: bob, ex, bobEx } = await twoUsers()) })
after(async () => { await t.close() })

/** A fresh workout with one weight_reps exercise; returns paths for its set routes. */
async function setup (sets: object[] = [], extra: object = {}) {
  const res = await me.post('/workouts', { name: 'S', startedAt: '2026-04-01T10:00:00Z', exercises: [{ exerciseId: ex.weight_reps, sets }], ...extra })
  assert.equal(res.statusCode, 201, res.body)
  const w = res.json()
  const base = `/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`
  const summary = async () => (await me.get('/workouts?limit=100')).json().items.find((i: any) => i.id === w.id)
  const read = async () => (await me.get(`/workouts/${w.id}`)).json().exercises[0].sets
  return { w, base, summary, sets: read }
}

describe('set routes', () => {
  test('POST logs a set (completed by default) and updates the summary', async () => {
    const { w, base, summary } = await setup()
    const res = await me.post(base, { reps: 8, weightKg: 62.5, rpe: 7 })
    assert.equal(res.statusCode, 201, res.body)
    const set = res.json()
    assert.equal(res.headers.location, `/api/v1${base}/${set.id}`)
    assert.deepEqual([set.position, set.completed, set.type, set.newRecords], [0, true, 'normal', []])
    assert.ok(set.completedAt > w.startedAt, 'completed now, in a running workout')
    await me.post(base, { type: 'warmup', reps: 10, weightKg: 20 })
    await me.post(base, { completed: false, targetReps: 8, targetWeightKg: 70 })
    assert.deepEqual([(await summary()).setCount, (await summary()).volumeKg], [2, 500])
  })

  test('in a completed workout a newly completed set takes the workout start as its time', async () => {
    const { w, base } = await setup([], { endedAt: '2026-04-01T11:00:00Z' })
    assert.equal((await me.post(base, { reps: 1, weightKg: 1 })).json().completedAt, w.startedAt)
  })

  test('values must fit the tracking, also on PATCH; an uncompleted set may stay empty', async () => {
    const { base } = await setup()
    assertFieldError(await me.post(base, { reps: 5 }), '/weightKg')
    assertFieldError(await me.post(base, { reps: 5, weightKg: 5, durationSec: 30 }), '/durationSec')
    assertFieldError(await me.post(base, { completed: false, targetDistanceM: 30 }), '/targetDistanceM')
    assertFieldError(await me.post(base, { reps: 5, weightKg: -5 }), '/weightKg')
    assertFieldError(await me.post(base, { reps: 5, weightKg: 5, extra: true }), '/extra')
    const planned = (await me.post(base, { completed: false })).json()
    assertFieldError(await me.patch(`${base}/${planned.id}`, { completed: true }), '/reps')
    const done = await me.patch(`${base}/${planned.id}`, { completed: true, reps: 5, weightKg: 80 })
    assert.equal(done.statusCode, 200, done.body)
    assertFieldError(await me.patch(`${base}/${planned.id}`, { weightKg: null }), '/weightKg')
    assertFieldError(await me.patch(`${base}/${planned.id}`, { distanceM: 5 }), '/distanceM')
  })

  test('PATCH completes and un-completes; summaries follow', async () => {
    const { base, summary, sets: read } = await setup([{ reps: 5, weightKg: 100 }, { type: 'warmup', reps: 5, weightKg: 50 }])
    const sets = await read()
    assert.deepEqual([(await summary()).setCount, (await summary()).volumeKg], [2, 500])
    const undone = await me.patch(`${base}/${sets[0].id}`, { completed: false })
    assert.deepEqual([undone.json().completed, undone.json().completedAt], [false, null])
    assert.deepEqual([(await summary()).setCount, (await summary()).volumeKg], [1, 0])
    const redone = await me.patch(`${base}/${sets[0].id}`, { completed: true })
    assert.equal(redone.json().completed, true)
    assert.ok(redone.json().completedAt !== null)
    const heavier = await me.patch(`${base}/${sets[0].id}`, { weightKg: 110, type: 'failure', note: 'grindy' })
    assert.deepEqual([heavier.json().weightKg, heavier.json().type, heavier.json().note], [110, 'failure', 'grindy'])
    assert.deepEqual([(await summary()).setCount, (await summary()).volumeKg], [2, 550])
    await me.patch(`${base}/${sets[1].id}`, { type: 'normal' })
    assert.equal((await summary()).volumeKg, 800, 'a warm-up turned work set counts toward volume')
  })

  test('positions stay dense after inserts, moves and deletes', async () => {
    const { base, sets } = await setup([1, 2, 3].map((reps) => ({ reps, weightKg: 10 })))
    const reps = async () => (await sets()).map((s: any) => [s.position, s.reps])
    assert.equal((await me.post(base, { reps: 0, weightKg: 10, position: 0 })).json().position, 0)
    assert.equal((await me.post(base, { reps: 9, weightKg: 10, position: 50 })).json().position, 4)
    assert.deepEqual(await reps(), [[0, 0], [1, 1], [2, 2], [3, 3], [4, 9]])
    const ids = (await sets()).map((s: any) => s.id)
    assert.equal((await me.patch(`${base}/${ids[0]}`, { position: 3 })).json().position, 3)
    assert.deepEqual(await reps(), [[0, 1], [1, 2], [2, 3], [3, 0], [4, 9]])
    await me.patch(`${base}/${ids[4]}`, { position: 1 })
    assert.deepEqual(await reps(), [[0, 1], [1, 9], [2, 2], [3, 3], [4, 0]])
    assert.equal((await me.delete(`${base}/${ids[2]}`)).statusCode, 204)
    assert.deepEqual(await reps(), [[0, 1], [1, 9], [2, 3], [3, 0]])
    assertProblem(await me.delete(`${base}/${ids[2]}`), 404)
  })

  test('at most 100 sets per exercise', async () => {
    const { base } = await setup(Array(100).fill({ reps: 1, weightKg: 1 }))
    assertFieldError(await me.post(base, { reps: 1, weightKg: 1 }), '/')
  })

  test('client ids: replay is 200 with the stored set; another exercise or user is 409', async () => {
    const { base, sets } = await setup()
    const body = { id: newId(), reps: 5, weightKg: 40 }
    const first = await me.post(base, body)
    assert.equal(first.statusCode, 201)
    const again = await me.post(base, body)
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    assert.equal((await sets()).length, 1)
    assertProblem(await me.post((await setup()).base, body), 409)
    const bobs = (await bob.post('/workouts', { name: 'B', startedAt: '2026-04-01T10:00:00Z', exercises: [{ exerciseId: bobEx.weight_reps }] })).json()
    assertProblem(await bob.post(`/workouts/${bobs.id}/exercises/${bobs.exercises[0].id}/sets`, body), 409)
  })

  test('a set route under the wrong workout or exercise is 404', async () => {
    const a = await setup([{ reps: 1, weightKg: 1 }])
    const b = await setup()
    const setId = a.w.exercises[0].sets[0].id
    assertProblem(await me.patch(`${b.base}/${setId}`, { reps: 2 }), 404)
    assertProblem(await me.post(`/workouts/${b.w.id}/exercises/${a.w.exercises[0].id}/sets`, { reps: 1, weightKg: 1 }), 404)
  })

  test('every change publishes workoutChanged after commit', async () => {
    const events: any[] = []
    const off = t.app.bus.subscribe(CHANNELS.workoutChanged, (payload) => events.push(JSON.parse(payload)))
    const { w, base } = await setup()
    const set = (await me.post(base, { reps: 1, weightKg: 1 })).json()
    await me.patch(`${base}/${set.id}`, { reps: 2 })
    await me.delete(`${base}/${set.id}`)
    assertFieldError(await me.post(base, { reps: 1 }), '/weightKg')
    await new Promise((resolve) => setTimeout(resolve, 300))
    off()
    assert.deepEqual(events.filter((e) => e.workoutId === w.id).length, 4)
    assert.ok(events.every((e) => typeof e.userId === 'string'))
  })
})

describe('what logging a set costs', () => {
  // Each statement is a round trip on PostgreSQL (BEGIN and COMMIT included): the set-logging
  // path is pinned so a change that adds one shows here (BENCHMARKS.md). Two of them are the
  // change feed's (src/projections/changes.ts): the user's counter and the workout's change.
  test('8 statements, 10 when the set beats a record', async () => {
    // An earlier session holds every record of the exercise, its workout volume included.
    const heavy = Array.from({ length: 10 }, () => ({ reps: 12, weightKg: 300 }))
    assert.equal((await me.post('/workouts', {
      name: 'Heavy', startedAt: '2026-03-01T10:00:00Z', endedAt: '2026-03-01T11:00:00Z', exercises: [{ exerciseId: ex.weight_reps, sets: heavy }]
    })).statusCode, 201)
    const { base } = await setup()
    assert.equal((await me.post(base, { reps: 5, weightKg: 50 })).statusCode, 201)
    const cost = async (body: object): Promise<{ statements: number, records: number }> => {
      const before = t.app.database.statements()
      const res = await me.post(base, body)
      assert.equal(res.statusCode, 201, res.body)
      return { statements: t.app.database.statements() - before, records: res.json().newRecords.length }
    }
    assert.deepEqual(await cost({ reps: 5, weightKg: 40 }), { statements: 8, records: 0 })
    assert.deepEqual(await cost({ reps: 3, weightKg: 310 }), { statements: 10, records: 1 })
  })
})
