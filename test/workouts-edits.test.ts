import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { createWorkoutTx } from '../src/modules/workouts/workouts.create.js'
import { bests } from '../src/projections/bests.js'
import { projections } from '../src/projections/index.js'
import { as, register } from './helpers/app.js'
import { createExercises, twoUsers, type TwoUsers, pushDay } from './helpers/exercises.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let f: TwoUsers
let me: TwoUsers['me']
let bob: TwoUsers['other']
let ex: TwoUsers['ex']
let bobEx: TwoUsers['bobEx']

before(async () => {
  f = await twoUsers()
  ;({ me, other: bob, ex, bobEx } = f)
})
after(async () => { await f.t.close() })

const session = (extra: object = {}): any => pushDay(ex, extra)

describe('client ids', () => {
  test('replaying POST /workouts returns the stored workout with 200 and creates nothing', async () => {
    const id = newId()
    const body = session({ id, exercises: [{ id: newId(), exerciseId: ex.weight_reps, sets: [{ id: newId(), reps: 3, weightKg: 60 }] }] })
    const first = await me.post('/workouts', body)
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(first.json().id, id)
    assert.equal(first.json().exercises[0].id, body.exercises[0].id)
    assert.equal(first.json().exercises[0].sets[0].id, body.exercises[0].sets[0].id)
    const count = (await me.get('/workouts?limit=100')).json().items.length
    const again = await me.post('/workouts', body)
    assert.equal(again.statusCode, 200, again.body)
    assert.deepEqual(again.json(), first.json())
    assert.equal((await me.get('/workouts?limit=100')).json().items.length, count)
    const { id: _omit, ...nestedOnly } = body
    const replayByNested = await me.post('/workouts', nestedOnly)
    assert.equal(replayByNested.statusCode, 200, 'nested ids alone identify the stored workout')
    assert.equal(replayByNested.json().id, id)
  })

  test("another user's id is a 409, at any level; ids used twice in one request are a 400", async () => {
    const w = (await me.post('/workouts', session({ id: newId() }))).json()
    assertProblem(await bob.post('/workouts', { name: 'x', startedAt: '2026-03-01T10:00:00Z', id: w.id }), 409)
    const nested = { name: 'x', startedAt: '2026-03-01T10:00:00Z', exercises: [{ id: w.exercises[0].id, exerciseId: bobEx.reps, sets: [] }] }
    assertProblem(await bob.post('/workouts', nested), 409)
    const setId = w.exercises[0].sets[0].id
    assertProblem(await bob.post('/workouts', { ...nested, exercises: [{ exerciseId: bobEx.reps, sets: [{ id: setId, reps: 1 }] }] }), 409)
    assertProblem(await me.post('/workouts', { ...session({ id: newId() }), exercises: [{ exerciseId: ex.reps, sets: [{ id: setId, reps: 1 }] }] }), 409)
    const dup = newId()
    assertFieldError(await me.post('/workouts', { name: 'x', startedAt: '2026-03-01T10:00:00Z', exercises: [{ exerciseId: ex.reps, sets: [{ id: dup, reps: 1 }, { id: dup, reps: 2 }] }] }), '/exercises/0/sets/1/id')
    assert.equal((await bob.get(`/workouts/${w.id}`)).statusCode, 404)
  })
})

describe('PATCH and DELETE /workouts/{id}', () => {
  test('endedAt completes and null reopens; startedAt and endedAt stay ordered', async () => {
    const w = (await me.post('/workouts', session())).json()
    const done = await me.patch(`/workouts/${w.id}`, { endedAt: '2026-03-02T19:15:00+01:00', name: 'Push day (heavy)' })
    assert.equal(done.statusCode, 200, done.body)
    assert.deepEqual([done.json().status, done.json().endedAt, done.json().name], ['completed', '2026-03-02T18:15:00.000Z', 'Push day (heavy)'])
    assert.ok(done.json().updatedAt >= w.updatedAt)
    assertFieldError(await me.patch(`/workouts/${w.id}`, { endedAt: '2026-03-02T16:00:00Z' }), '/endedAt')
    assertFieldError(await me.patch(`/workouts/${w.id}`, { startedAt: '2026-03-02T19:00:00Z' }), '/startedAt')
    const reopened = await me.patch(`/workouts/${w.id}`, { endedAt: null, notes: null })
    assert.deepEqual([reopened.json().status, reopened.json().endedAt, reopened.json().notes], ['in_progress', null, null])
    assert.equal(reopened.json().exercises.length, 2)
    assertFieldError(await me.patch(`/workouts/${w.id}`, { status: 'completed' }), '/status')
  })

  test('DELETE removes the workout with its exercises and sets', async () => {
    const w = (await me.post('/workouts', session())).json()
    assert.equal((await me.delete(`/workouts/${w.id}`)).statusCode, 204)
    assertProblem(await me.get(`/workouts/${w.id}`), 404)
    assertProblem(await me.delete(`/workouts/${w.id}`), 404)
    assertProblem(await me.post(`/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`, { reps: 1, weightKg: 1 }), 404)
  })

  test('another user reaches none of it: 404 everywhere', async () => {
    const w = (await me.post('/workouts', session())).json()
    const we = w.exercises[0]
    const set = we.sets[0]
    assertProblem(await bob.get(`/workouts/${w.id}`), 404)
    assertProblem(await bob.patch(`/workouts/${w.id}`, { name: 'mine' }), 404)
    assertProblem(await bob.delete(`/workouts/${w.id}`), 404)
    assertProblem(await bob.post(`/workouts/${w.id}/exercises`, { exerciseId: bobEx.reps }), 404)
    assertProblem(await bob.patch(`/workouts/${w.id}/exercises/${we.id}`, { notes: 'x' }), 404)
    assertProblem(await bob.delete(`/workouts/${w.id}/exercises/${we.id}`), 404)
    assertProblem(await bob.post(`/workouts/${w.id}/exercises/${we.id}/sets`, { reps: 1, weightKg: 1 }), 404)
    assertProblem(await bob.patch(`/workouts/${w.id}/exercises/${we.id}/sets/${set.id}`, { reps: 1 }), 404)
    assertProblem(await bob.delete(`/workouts/${w.id}/exercises/${we.id}/sets/${set.id}`), 404)
    assert.equal((await bob.get('/workouts')).json().items.some((i: any) => i.id === w.id), false)
    assert.deepEqual((await me.get(`/workouts/${w.id}`)).json().exercises[0].sets, we.sets)
  })

  test('deleting the account takes its workouts, sets and bests along (custom exercises in use too)', async () => {
    const user = await register(f.t.app)
    const api = as(f.t.app, user)
    const own = await createExercises(f.t.app, user)
    const w = (await api.post('/workouts', { name: 'Last', startedAt: '2026-03-05T10:00:00Z', exercises: [{ exerciseId: own.weight_reps, sets: [{ reps: 1, weightKg: 1 }] }] })).json()
    assert.equal((await api.delete('/me', { password: 'correct horse battery' })).statusCode, 204)
    assertProblem(await me.get(`/workouts/${w.id}`), 404)
    assert.deepEqual(await bests.of(f.t.app.database.db, user.userId), [])
  })

  test('plans can create a planned workout inside their own transaction', async () => {
    const planId = newId()
    const created = await f.t.app.database.db.transaction().execute(async (trx) => {
      const made = await createWorkoutTx(trx, f.alice.userId, {
        name: 'Day A',
        startedAt: '2026-03-06T10:00:00Z',
        planId,
        planDayId: newId(),
        exercises: [{ exerciseId: ex.weight_reps, restSec: 120, sets: [{ completed: false, targetReps: 5, targetWeightKg: 100 }, { completed: false, targetReps: 5 }] }]
      })
      await projections.training(trx, f.alice.userId, made.change)
      return made
    })
    const w = (await me.get(`/workouts/${created.id}`)).json()
    assert.deepEqual([w.planId, w.status, w.setCount, w.exercises[0].sets[0].targetWeightKg, w.exercises[0].sets[1].completed], [planId, 'in_progress', 0, 100, false])
    assert.deepEqual(created.change.workouts, [{ id: created.id, before: null }])
  })
})
