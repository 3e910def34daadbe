import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { newId } from '../src/lib/ids.js'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let t: TestApp
let alice: Session
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>
const body = (name: string, extra: object = {}) => ({ name, category: 'strength', primaryMuscles: ['chest'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps', ...extra })
const predefined = library[0].id

before(async () => {
  t = await createTestApp()
  alice = await register(t.app)
  me = as(t.app, alice)
  bob = as(t.app, await register(t.app))
})
after(async () => { await t.close() })

async function create (name: string, extra: object = {}): Promise<any> {
  const res = await me.post('/exercises', body(name, extra))
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

describe('POST /exercises', () => {
  test('creates a private custom exercise with defaults for the optional fields', async () => {
    const res = await me.post('/exercises', body('Floor Press'))
    assert.equal(res.statusCode, 201, res.body)
    const ex = res.json()
    assert.equal(res.headers.location, `/api/v1/exercises/${ex.id}`)
    const { id, createdAt, updatedAt, ...fields } = ex
    assert.deepEqual(fields, { ...body('Floor Press'), description: '', instructions: [], secondaryMuscles: [], mechanic: null, force: null, isCustom: true, archived: false })
    assert.equal(createdAt, updatedAt)
    assert.deepEqual((await me.get(`/exercises/${ex.id}`)).json(), ex)
  })

  test('accepts every field at its bounds', async () => {
    const full = body('x'.repeat(200), { description: 'd'.repeat(2000), instructions: Array(20).fill('i'.repeat(500)), primaryMuscles: ['chest', 'triceps', 'shoulders', 'lats', 'neck'], secondaryMuscles: ['abdominals', 'biceps'], equipment: ['bench', 'barbell'], mechanic: 'compound', force: 'push' })
    const res = await me.post('/exercises', full)
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().force, 'push')
  })

  test('rejects invalid bodies with the field that is wrong', async () => {
    const cases: Array<[object, string]> = [
      [{ primaryMuscles: [] }, '/primaryMuscles'], [{ primaryMuscles: ['chest', 'lats', 'neck', 'traps', 'biceps', 'triceps'] }, '/primaryMuscles'],
      [{ primaryMuscles: ['arms'] }, '/primaryMuscles/0'], [{ secondaryMuscles: Array(11).fill('chest') }, '/secondaryMuscles'],
      [{ equipment: [] }, '/equipment'], [{ description: 'd'.repeat(2001) }, '/description'], [{ instructions: Array(21).fill('step') }, '/instructions'],
      [{ instructions: ['s'.repeat(501)] }, '/instructions/0'], [{ name: 'n'.repeat(201) }, '/name'], [{ name: '   ' }, '/name'],
      [{ tracking: 'vibes' }, '/tracking'], [{ mechanic: 'hybrid' }, '/mechanic'], [{ colour: 'red' }, '/colour'], [{ isCustom: false }, '/isCustom']
    ]
    for (const [extra, path] of cases) assertFieldError(await me.post('/exercises', body('Bad', extra)), path)
    const { tracking, ...noTracking } = body('No tracking')
    assertFieldError(await me.post('/exercises', noTracking), '/tracking')
  })

  test('names are unique among my live custom exercises, case-insensitively', async () => {
    const first = await create('Cable Fly Variant')
    assertProblem(await me.post('/exercises', body('CABLE fly variant')), 409)
    assert.equal((await bob.post('/exercises', body('Cable Fly Variant'))).statusCode, 201)
    assert.equal((await me.post('/exercises', body('Barbell Bench Press'))).statusCode, 201, 'library names do not count')
    assert.equal((await me.delete(`/exercises/${first.id}`)).statusCode, 204)
    assert.equal((await me.post('/exercises', body('cable fly variant'))).statusCode, 201, 'an archived name is free again')
  })

  test('a client id replays with 200; another user\'s or a predefined id is 409', async () => {
    const id = newId()
    const first = await me.post('/exercises', { ...body('Offline Row'), id })
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(first.json().id, id)
    const again = await me.post('/exercises', { ...body('Offline Row'), id })
    assert.equal(again.statusCode, 200, again.body)
    assert.deepEqual(again.json(), first.json())
    assert.equal((await me.get('/exercises?q=offline%20row')).json().items.length, 1)
    assertProblem(await bob.post('/exercises', { ...body('Bob Row'), id }), 409)
    assertProblem(await me.post('/exercises', { ...body('Sneaky'), id: predefined }), 409)
    assertFieldError(await me.post('/exercises', { ...body('Bad id'), id: 'not-a-uuid' }), '/id')
  })
})

describe('PATCH and DELETE /exercises/{id}', () => {
  test('PATCH changes any subset of my exercise\'s fields', async () => {
    const ex = await create('Spoto Press', { mechanic: 'compound' })
    const res = await me.patch(`/exercises/${ex.id}`, { name: 'Spoto Bench Press', mechanic: null, secondaryMuscles: ['triceps'], description: 'Pause above the chest.' })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual({ ...res.json<object>(), updatedAt: 0 }, { ...ex, name: 'Spoto Bench Press', mechanic: null, secondaryMuscles: ['triceps'], description: 'Pause above the chest.', updatedAt: 0 })
    assert.ok(res.json().updatedAt >= ex.updatedAt)
    assert.deepEqual((await me.get('/exercises?q=spoto%20bench')).json().items.map((e: any) => e.id), [ex.id])
    assert.equal((await me.patch(`/exercises/${ex.id}`, { name: 'SPOTO BENCH PRESS' })).statusCode, 200, 'renaming to itself is fine')
    await create('Taken Name')
    assertProblem(await me.patch(`/exercises/${ex.id}`, { name: 'taken name' }), 409)
    assertFieldError(await me.patch(`/exercises/${ex.id}`, { primaryMuscles: [] }), '/primaryMuscles')
    assertFieldError(await me.patch(`/exercises/${ex.id}`, { owner: 'me' }), '/owner')
  })

  test('tracking may change until a workout uses the exercise', async () => {
    const ex = await create('Tracked Curl')
    const res = await me.patch(`/exercises/${ex.id}`, { tracking: 'reps' })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().tracking, 'reps')
    // A logged workout that uses it, written directly with only the required columns: the reference is what matters.
    const now = new Date().toISOString()
    const workoutId = newId()
    await t.app.database.db.insertInto('workouts').values({ id: workoutId, user_id: alice.userId, name: 'W', started_at: now, status: 'in_progress', created_at: now, updated_at: now } as any).execute()
    await t.app.database.db.insertInto('workout_exercises').values({ id: newId(), workout_id: workoutId, user_id: alice.userId, exercise_id: ex.id, position: 0 } as any).execute()
    assertFieldError(await me.patch(`/exercises/${ex.id}`, { tracking: 'duration' }), '/tracking')
    assert.equal((await me.patch(`/exercises/${ex.id}`, { tracking: 'reps', name: 'Tracked Curl 2' })).statusCode, 200, 'unchanged tracking is fine')
  })

  test('predefined exercises are 403 to PATCH and DELETE', async () => {
    assertProblem(await me.patch(`/exercises/${predefined}`, { name: 'Mine now' }), 403)
    assertProblem(await me.delete(`/exercises/${predefined}`), 403)
    assert.equal((await me.get(`/exercises/${predefined}`)).json().name, library[0].name)
  })

  test('another user\'s custom exercise does not exist for me', async () => {
    const ex = await create('Alice Secret Move')
    for (const res of [await bob.get(`/exercises/${ex.id}`), await bob.patch(`/exercises/${ex.id}`, { name: 'Mine' }), await bob.delete(`/exercises/${ex.id}`), await bob.get(`/exercises/${ex.id}/alternatives`)]) {
      assertProblem(res, 404)
    }
    assert.deepEqual((await bob.get('/exercises?q=alice%20secret')).json().items, [])
    assert.ok(!(await bob.get('/exercises?custom=true&limit=100')).json().items.some((e: any) => e.id === ex.id))
    assert.equal((await me.get(`/exercises/${ex.id}`)).json().name, 'Alice Secret Move')
  })

  test('DELETE archives: gone from lists, still readable by id, no longer editable', async () => {
    const ex = await create('Retired Lift')
    const res = await me.delete(`/exercises/${ex.id}`)
    assert.equal(res.statusCode, 204)
    assert.equal(res.body, '')
    const read = await me.get(`/exercises/${ex.id}`)
    assert.equal(read.statusCode, 200)
    assert.equal(read.json().archived, true)
    assert.equal(read.json().name, 'Retired Lift')
    assert.deepEqual((await me.get('/exercises?q=retired')).json().items, [])
    assertProblem(await me.patch(`/exercises/${ex.id}`, { name: 'Back' }), 404)
    assertProblem(await me.delete(`/exercises/${ex.id}`), 404)
  })

  test('unknown ids are 404 and malformed ids 400', async () => {
    assertProblem(await me.get(`/exercises/${newId()}`), 404)
    assertProblem(await me.patch(`/exercises/${newId()}`, { name: 'x' }), 404)
    assertProblem(await me.delete(`/exercises/${newId()}`), 404)
    assertProblem(await me.get('/exercises/12345'), 400)
  })
})
