import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
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

async function workout (exercises: object[] = []): Promise<any> {
  const res = await me.post('/workouts', { name: 'W', startedAt: '2026-02-01T10:00:00Z', exercises })
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
const order = async (id: string) => (await me.get(`/workouts/${id}`)).json().exercises.map((e: any) => [e.position, e.notes])
const named = (notes: string) => ({ exerciseId: ex.reps, notes, sets: [] })

describe('POST /workouts/{id}/exercises', () => {
  test('appends, or inserts at position shifting the others; answers the workout exercise with its sets', async () => {
    const w = await workout([named('a'), named('b')])
    const res = await me.post(`/workouts/${w.id}/exercises`, { exerciseId: ex.weight_reps, notes: 'c', restSec: 120, sets: [{ reps: 5, weightKg: 60 }, { reps: 5, weightKg: 60, completed: false }] })
    assert.equal(res.statusCode, 201, res.body)
    const we = res.json()
    assert.equal(res.headers.location, `/api/v1/workouts/${w.id}/exercises/${we.id}`)
    assert.deepEqual([we.position, we.restSec, we.exercise.tracking, we.sets.length, we.sets[0].position, we.sets[1].position], [2, 120, 'weight_reps', 2, 0, 1])
    assert.deepEqual(we.newRecords, [])
    assert.equal((await me.post(`/workouts/${w.id}/exercises`, { ...named('first'), position: 0 })).statusCode, 201)
    assert.equal((await me.post(`/workouts/${w.id}/exercises`, { ...named('middle'), position: 2 })).statusCode, 201)
    assert.equal((await me.post(`/workouts/${w.id}/exercises`, { ...named('end'), position: 99 })).statusCode, 201)
    assert.deepEqual(await order(w.id), [[0, 'first'], [1, 'a'], [2, 'middle'], [3, 'b'], [4, 'c'], [5, 'end']])
    const summary = (await me.get('/workouts?limit=100')).json().items.find((i: any) => i.id === w.id)
    assert.deepEqual([summary.exerciseCount, summary.setCount, summary.volumeKg], [6, 1, 300])
  })

  test('validates the exercise, its sets, and the cap of 100 exercises', async () => {
    const w = await workout()
    assertFieldError(await me.post(`/workouts/${w.id}/exercises`, { exerciseId: bobEx.reps }), '/exerciseId')
    assertFieldError(await me.post(`/workouts/${w.id}/exercises`, { exerciseId: ex.archived }), '/exerciseId')
    assertFieldError(await me.post(`/workouts/${w.id}/exercises`, { exerciseId: ex.duration, sets: [{ durationSec: 5 }, { reps: 5 }] }), '/sets/1/reps')
    assertFieldError(await me.post(`/workouts/${w.id}/exercises`, { exerciseId: ex.reps, position: -1 }), '/position')
    const full = await workout(Array(100).fill(named('x')))
    assertFieldError(await me.post(`/workouts/${full.id}/exercises`, named('101st')), '/')
    assert.deepEqual((await me.get(`/workouts/${w.id}`)).json().exercises, [])
  })

  test('client ids: replay answers 200 with the stored exercise; used elsewhere or by another user is 409', async () => {
    const w = await workout()
    const body = { id: newId(), exerciseId: ex.weight_reps, sets: [{ id: newId(), reps: 3, weightKg: 50 }] }
    const first = await me.post(`/workouts/${w.id}/exercises`, body)
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(first.json().id, body.id)
    const again = await me.post(`/workouts/${w.id}/exercises`, body)
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    assert.equal((await me.get(`/workouts/${w.id}`)).json().exercises.length, 1)
    const other = await workout()
    assertProblem(await me.post(`/workouts/${other.id}/exercises`, body), 409)
    assertProblem(await me.post(`/workouts/${w.id}/exercises`, { ...body, id: newId() }), 409)
    const bobs = (await bob.post('/workouts', { name: 'B', startedAt: '2026-02-01T10:00:00Z' })).json()
    assertProblem(await bob.post(`/workouts/${bobs.id}/exercises`, { id: body.id, exerciseId: bobEx.reps }), 409)
  })
})

describe('PATCH and DELETE /workouts/{id}/exercises/{weId}', () => {
  test('moves keep positions dense in both directions; deletes close the gap', async () => {
    const w = await workout(['a', 'b', 'c', 'd', 'e'].map(named))
    const id = (i: number) => w.exercises[i].id
    const moved = await me.patch(`/workouts/${w.id}/exercises/${id(0)}`, { position: 3 })
    assert.equal(moved.statusCode, 200, moved.body)
    assert.equal(moved.json().position, 3)
    assert.deepEqual(await order(w.id), [[0, 'b'], [1, 'c'], [2, 'd'], [3, 'a'], [4, 'e']])
    await me.patch(`/workouts/${w.id}/exercises/${id(4)}`, { position: 0 })
    assert.deepEqual(await order(w.id), [[0, 'e'], [1, 'b'], [2, 'c'], [3, 'd'], [4, 'a']])
    await me.patch(`/workouts/${w.id}/exercises/${id(1)}`, { position: 99 })
    assert.deepEqual(await order(w.id), [[0, 'e'], [1, 'c'], [2, 'd'], [3, 'a'], [4, 'b']])
    assert.equal((await me.delete(`/workouts/${w.id}/exercises/${id(2)}`)).statusCode, 204)
    assert.deepEqual(await order(w.id), [[0, 'e'], [1, 'd'], [2, 'a'], [3, 'b']])
    assertProblem(await me.delete(`/workouts/${w.id}/exercises/${id(2)}`), 404)
    assert.equal((await me.get('/workouts?limit=100')).json().items.find((i: any) => i.id === w.id).exerciseCount, 4)
  })

  test('notes, rest and superset group change; null clears them', async () => {
    const w = await workout([named('a'), named('b')])
    const res = await me.patch(`/workouts/${w.id}/exercises/${w.exercises[1].id}`, { supersetGroup: 2, restSec: 60, notes: null })
    assert.deepEqual([res.json().supersetGroup, res.json().restSec, res.json().notes], [2, 60, null])
    const cleared = await me.patch(`/workouts/${w.id}/exercises/${w.exercises[1].id}`, { supersetGroup: null })
    assert.equal(cleared.json().supersetGroup, null)
    assertFieldError(await me.patch(`/workouts/${w.id}/exercises/${w.exercises[1].id}`, { supersetGroup: 101 }), '/supersetGroup')
  })

  test('swapping the exercise: same tracking always, other tracking only while no sets are logged', async () => {
    const w = await workout([{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 70 }] }, { exerciseId: ex.weight_reps, sets: [] }])
    const [logged, empty] = w.exercises
    const swap = await me.patch(`/workouts/${w.id}/exercises/${logged.id}`, { exerciseId: ex.weightRepsAlt })
    assert.equal(swap.statusCode, 200, swap.body)
    assert.deepEqual([swap.json().exerciseId, swap.json().exercise.id, swap.json().sets.length], [ex.weightRepsAlt, ex.weightRepsAlt, 1])
    assertFieldError(await me.patch(`/workouts/${w.id}/exercises/${logged.id}`, { exerciseId: ex.duration }), '/exerciseId')
    const toDuration = await me.patch(`/workouts/${w.id}/exercises/${empty.id}`, { exerciseId: ex.duration })
    assert.equal(toDuration.json().exercise.tracking, 'duration')
    assertFieldError(await me.patch(`/workouts/${w.id}/exercises/${empty.id}`, { exerciseId: bobEx.duration }), '/exerciseId')
    assertFieldError(await me.patch(`/workouts/${w.id}/exercises/${empty.id}`, { exerciseId: ex.archived }), '/exerciseId')
    const filtered = (await me.get(`/workouts?exerciseId=${ex.weightRepsAlt}`)).json().items.map((i: any) => i.id)
    assert.deepEqual(filtered, [w.id])
  })
})
