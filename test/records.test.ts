import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { bests as storedBests } from '../src/projections/bests.js'
import { epley } from '../src/rules/records.js'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'

let t: TestApp
let alice: Session
let me: ReturnType<typeof as>
let ex: TestExercises

before(async () => {
  t = await createTestApp()
  alice = await register(t.app)
  me = as(t.app, alice)
})
after(async () => { await t.close() })

/** The maintained bests of one exercise as { kind: value }. */
async function bests (exerciseId: string): Promise<Record<string, number>> {
  const rows = await storedBests.of(t.app.database.db, alice.userId, [exerciseId])
  return Object.fromEntries(rows.map((b) => [b.kind, b.value]))
}
async function log (startedAt: string, exercises: object[]): Promise<any> {
  const res = await me.post('/workouts', { name: 'R', startedAt, exercises })
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
const kinds = (records: any[]) => Object.fromEntries(records.map((r) => [r.kind, [r.value, r.previous]]))

describe('Epley', () => {
  test('the weight for a single, w × (1 + r/30) for 2–12 reps (rounded to 6 decimals), nothing above 12 or for 0', () => {
    assert.equal(epley(100, 1), 100)
    assert.equal(epley(100, 3), 110) // 100 × (1 + 3/30) is 110.00000000000001 in doubles
    assert.equal(epley(90, 12), 126)
    assert.equal(epley(70, 5), 81.666667)
    assert.equal(epley(100, 13), null)
    assert.equal(epley(100, 0), null)
  })
})

describe('newRecords', () => {
  before(async () => { ex = await createExercises(t.app, alice) })

  test("an exercise's first ever sets report nothing but become the bests", async () => {
    const w = await log('2026-05-01T10:00:00Z', [{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 100 }, { reps: 8, weightKg: 80 }] }])
    assert.deepEqual(w.newRecords, [])
    assert.deepEqual(await bests(ex.weight_reps), {
      max_weight: 100, max_reps: 8, best_e1rm: epley(100, 5), max_set_volume: 640, max_workout_volume: 1140
    })
  })

  test('POST /workouts compares against the bests before the whole request', async () => {
    const w = await log('2026-05-03T10:00:00Z', [
      { exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 102.5 }, { reps: 3, weightKg: 110 }, { type: 'warmup', reps: 20, weightKg: 200 }] },
      { exerciseId: ex.weight_reps, sets: [{ reps: 1, weightKg: 105, completed: false }] }
    ])
    assert.deepEqual(kinds(w.newRecords), { max_weight: [110, 100], best_e1rm: [epley(110, 3), epley(100, 5)] })
    assert.ok(w.newRecords.every((r: any) => r.exerciseId === ex.weight_reps))
  })

  test('warm-ups and uncompleted sets never make records; equal values are no new record', async () => {
    const w = await log('2026-05-04T10:00:00Z', [{ exerciseId: ex.weight_reps, sets: [{ reps: 3, weightKg: 110 }, { type: 'warmup', reps: 50, weightKg: 300 }, { reps: 50, weightKg: 300, completed: false }] }])
    assert.deepEqual(w.newRecords, [])
    assert.equal((await bests(ex.weight_reps)).max_weight, 110)
  })

  test('the set routes report what a new or completed set beat', async () => {
    const w = await log('2026-05-05T10:00:00Z', [{ exerciseId: ex.weight_reps, sets: [{ completed: false, targetReps: 12, targetWeightKg: 80 }] }])
    const base = `/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`
    const heavy = (await me.post(base, { reps: 2, weightKg: 115 })).json()
    assert.deepEqual(kinds(heavy.newRecords), { max_weight: [115, 110], best_e1rm: [epley(115, 2), epley(110, 3)] })
    const reps = (await me.post(base, { reps: 12, weightKg: 60 })).json()
    assert.deepEqual(kinds(reps.newRecords), { max_reps: [12, 8], max_set_volume: [720, 640] })
    const completed = (await me.patch(`${base}/${w.exercises[0].sets[0].id}`, { completed: true, reps: 12, weightKg: 80 })).json()
    assert.deepEqual(kinds(completed.newRecords), { max_set_volume: [960, 720], max_workout_volume: [960 + 720 + 230, 1140] })
    const first = await me.post('/workouts', { name: 'Cardio', startedAt: '2026-05-05T12:00:00Z', exercises: [{ exerciseId: ex.distance_duration, sets: [{ distanceM: 5000, durationSec: 1500 }] }] })
    const runs = `/workouts/${first.json().id}/exercises/${first.json().exercises[0].id}/sets`
    assert.deepEqual((await me.post(runs, { distanceM: 4000, durationSec: 1200 })).json().newRecords, [])
    assert.deepEqual(kinds((await me.post(runs, { distanceM: 10000, durationSec: 3300 })).json().newRecords), { max_distance: [10000, 5000], max_duration: [3300, 1500] })
    assert.deepEqual(await bests(ex.distance_duration), { max_distance: 10000, max_duration: 3300 })
  })

  test('duration and bodyweight work keep their own kinds', async () => {
    await log('2026-05-06T10:00:00Z', [{ exerciseId: ex.duration, sets: [{ durationSec: 60 }] }, { exerciseId: ex.reps, sets: [{ reps: 15 }] }])
    const w = await log('2026-05-07T10:00:00Z', [{ exerciseId: ex.duration, sets: [{ durationSec: 90 }] }, { exerciseId: ex.reps, sets: [{ reps: 20 }, { reps: 10, weightKg: 20 }] }])
    assert.deepEqual(kinds(w.newRecords), { max_duration: [90, 60], max_reps: [20, 15] })
    assert.deepEqual(await bests(ex.duration), { max_duration: 90 })
    assert.deepEqual(await bests(ex.reps), { max_reps: 20, max_weight: 20, best_e1rm: epley(20, 10), max_set_volume: 200, max_workout_volume: 200 })
  })
})
