import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { twoUsers, type TwoUsers, pushDay } from './helpers/exercises.js'
import { assertFieldError } from './helpers/problem.js'

let f: TwoUsers
let me: TwoUsers['me']
let ex: TwoUsers['ex']
let bobEx: TwoUsers['bobEx']

before(async () => {
  f = await twoUsers()
  ;({ me, ex, bobEx } = f)
})
after(async () => { await f.t.close() })

const session = (extra: object = {}): any => pushDay(ex, extra)

describe('POST /workouts', () => {
  test('logs a whole session in one request and reads it back identically', async () => {
    const res = await me.post('/workouts', session({ notes: 'felt good' }))
    assert.equal(res.statusCode, 201, res.body)
    const w = res.json()
    assert.equal(res.headers.location, `/api/v1/workouts/${w.id}`)
    assert.equal(w.startedAt, '2026-03-02T17:00:00.000Z', 'instants are normalised to UTC ms Z')
    assert.equal(w.status, 'in_progress')
    assert.equal(w.endedAt, null)
    assert.equal(w.notes, 'felt good')
    assert.deepEqual(w.newRecords, [])
    assert.equal(w.exercises.length, 2)
    const [press, plank] = w.exercises
    assert.deepEqual(press.exercise, { id: ex.weight_reps, name: press.exercise.name, tracking: 'weight_reps' })
    assert.deepEqual([press.position, plank.position], [0, 1])
    assert.deepEqual(press.sets.map((s: any) => [s.position, s.type, s.completed]), [[0, 'warmup', true], [1, 'normal', true], [2, 'normal', false]])
    assert.deepEqual(press.sets[1], {
      id: press.sets[1].id,
      position: 1,
      type: 'normal',
      reps: 5,
      weightKg: 100,
      durationSec: null,
      distanceM: null,
      rpe: 8.5,
      completed: true,
      completedAt: w.startedAt,
      targetReps: null,
      targetWeightKg: null,
      targetDurationSec: null,
      targetDistanceM: null,
      note: null
    })
    assert.equal(press.sets[2].completedAt, null)
    assert.deepEqual([plank.supersetGroup, plank.notes, plank.restSec, press.restSec], [1, 'slow', null, 90])
    assert.deepEqual([w.exerciseCount, w.setCount, w.volumeKg], [2, 3, 500])
    const got = await me.get(`/workouts/${w.id}`)
    assert.equal(got.statusCode, 200)
    const { newRecords: _n, ...stored } = w
    assert.deepEqual(got.json(), stored)
  })

  test('with endedAt it is completed; endedAt before startedAt is a 400 at /endedAt', async () => {
    const res = await me.post('/workouts', session({ endedAt: '2026-03-02T18:30:00.000Z' }))
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().status, 'completed')
    assertFieldError(await me.post('/workouts', session({ endedAt: '2026-03-02T16:59:59.999Z' })), '/endedAt')
  })

  test('an empty session is fine', async () => {
    const res = await me.post('/workouts', { name: 'Nothing yet', startedAt: '2026-03-01T10:00:00Z' })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(res.json().exercises, [])
  })

  test('a bad set deep inside is a 400 with its path, and nothing is stored', async () => {
    const before = (await me.get('/workouts?limit=100')).json().items.length
    const bad = session()
    bad.exercises.push({ exerciseId: ex.distance_duration, sets: [{ distanceM: 5000, durationSec: 1500 }, { distanceM: 5000, reps: 3 } as any] } as any)
    assertFieldError(await me.post('/workouts', bad), '/exercises/2/sets/1/reps')
    const missing = session()
    missing.exercises[0].sets.push({ reps: 5 } as any)
    assertFieldError(await me.post('/workouts', missing), '/exercises/0/sets/3/weightKg')
    const target = session()
    target.exercises[1].sets.push({ completed: false, targetReps: 5 } as any)
    assertFieldError(await me.post('/workouts', target), '/exercises/1/sets/1/targetReps')
    assert.equal((await me.get('/workouts?limit=100')).json().items.length, before)
  })

  test('tracking rules: reps takes optional weight; planned sets may be empty; distance needs both', async () => {
    const ok = await me.post('/workouts', {
      name: 'Mixed',
      startedAt: '2026-03-03T10:00:00Z',
      exercises: [
        { exerciseId: ex.reps, sets: [{ reps: 12 }, { reps: 8, weightKg: 20 }] },
        { exerciseId: ex.weight_reps, sets: [{ completed: false }, { completed: false, targetReps: 5, targetWeightKg: 80 }] },
        { exerciseId: ex.distance_duration, sets: [{ distanceM: 5000, durationSec: 1500 }] }
      ]
    })
    assert.equal(ok.statusCode, 201, ok.body)
    assertFieldError(await me.post('/workouts', { name: 'x', startedAt: '2026-03-03T10:00:00Z', exercises: [{ exerciseId: ex.reps, sets: [{ weightKg: 20 }] }] }), '/exercises/0/sets/0/reps')
    assertFieldError(await me.post('/workouts', { name: 'x', startedAt: '2026-03-03T10:00:00Z', exercises: [{ exerciseId: ex.distance_duration, sets: [{ distanceM: 20 }] }] }), '/exercises/0/sets/0/durationSec')
    assertFieldError(await me.post('/workouts', { name: 'x', startedAt: '2026-03-03T10:00:00Z', exercises: [{ exerciseId: ex.duration, sets: [{ durationSec: 20, weightKg: 5 }] }] }), '/exercises/0/sets/0/weightKg')
  })

  test('an exercise the caller cannot use is treated as nonexistent (400 at its exerciseId)', async () => {
    for (const exerciseId of [bobEx.weight_reps, ex.archived, newId()]) {
      assertFieldError(await me.post('/workouts', session({ exercises: [{ exerciseId: ex.reps, sets: [] }, { exerciseId, sets: [] }] })), '/exercises/1/exerciseId')
    }
  })

  test('bounds and size caps hold', async () => {
    const set = (s: object) => session({ exercises: [{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 50, ...s }] }] })
    const cases: Array<[object, string]> = [
      [set({ reps: -1 }), '/exercises/0/sets/0/reps'], [set({ reps: 1001 }), '/exercises/0/sets/0/reps'], [set({ reps: 2.5 }), '/exercises/0/sets/0/reps'],
      [set({ weightKg: 1000.5 }), '/exercises/0/sets/0/weightKg'], [set({ weightKg: '50' }), '/exercises/0/sets/0/weightKg'],
      [set({ rpe: 7.3 }), '/exercises/0/sets/0/rpe'], [set({ rpe: 0.5 }), '/exercises/0/sets/0/rpe'], [set({ rpe: 10.5 }), '/exercises/0/sets/0/rpe'],
      [set({ type: 'amrap' }), '/exercises/0/sets/0/type'], [set({ bogus: 1 }), '/exercises/0/sets/0/bogus'],
      [session({ name: '' }), '/name'], [session({ name: 'n'.repeat(201) }), '/name'], [session({ notes: 'n'.repeat(4001) }), '/notes'],
      [session({ startedAt: 'yesterday' }), '/startedAt'], [session({ startedAt: '2026-06-30T23:59:60Z' }), '/startedAt'],
      [session({ exercises: [{ exerciseId: ex.weight_reps, supersetGroup: 0, sets: [] }] }), '/exercises/0/supersetGroup'],
      [session({ exercises: Array(101).fill({ exerciseId: ex.reps, sets: [] }) }), '/exercises'],
      [session({ exercises: [{ exerciseId: ex.reps, sets: Array(101).fill({ reps: 1 }) }] }), '/exercises/0/sets']
    ]
    for (const [body, path] of cases) assertFieldError(await me.post('/workouts', body), path)
    const full = await me.post('/workouts', session({ exercises: Array(100).fill({ exerciseId: ex.reps, sets: Array(3).fill({ reps: 1 }) }) }))
    assert.equal(full.statusCode, 201, full.body)
    assert.deepEqual([full.json().exerciseCount, full.json().setCount], [100, 300])
  })
})
