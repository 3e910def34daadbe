import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { projections } from '../src/projections/index.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'

let f: TwoUsers

before(async () => { f = await twoUsers() })
after(async () => { await f.t.close() })

describe('concurrent writes (real parallelism on PostgreSQL)', () => {
  test('sets logged at once to one exercise get dense, distinct positions and exact totals', async () => {
    const w = (await f.me.post('/workouts', { name: 'Race', startedAt: '2026-09-01T10:00:00Z', exercises: [{ exerciseId: f.ex.weight_reps, sets: [] }] })).json()
    const base = `/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`
    const results = await Promise.all(Array.from({ length: 12 }, async (_, i) => await f.me.post(base, { reps: 5, weightKg: 50 + i, ...(i % 4 === 0 ? { position: 0 } : {}) })))
    assert.ok(results.every((r) => r.statusCode === 201), results.map((r) => r.body).join('\n'))
    const stored = (await f.me.get(`/workouts/${w.id}`)).json()
    assert.deepEqual(stored.exercises[0].sets.map((s: any) => s.position), [...Array(12).keys()])
    assert.deepEqual([stored.setCount, stored.volumeKg], [12, 5 * (50 * 12 + 66)])
  })

  test('sets logged at once into different workouts of one exercise keep the true records', async () => {
    const workouts = await Promise.all(Array.from({ length: 8 }, async (_, i) => (await f.me.post('/workouts', {
      name: `Device ${i}`, startedAt: `2026-09-04T10:0${i}:00Z`, exercises: [{ exerciseId: f.ex.weight_reps, sets: [] }]
    })).json()))
    const posts = Array.from({ length: 32 }, (_, i) => {
      const w = workouts[i % 8]
      return async () => await f.me.post(`/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`, { reps: 1 + (i % 5), weightKg: 50 + i })
    })
    const results = await Promise.all(posts.map(async (post) => await post()))
    assert.ok(results.every((r) => r.statusCode === 201), results.map((r) => r.body).join('\n'))
    const [records] = (await f.me.get(`/stats/records?exerciseId=${f.ex.weight_reps}`)).json().items
    assert.equal(records.maxWeightKg.value, 81)
    assert.equal(records.maxWeightKg.workoutId, workouts[31 % 8].id)
    const report = await f.t.app.database.db.transaction().execute(async (trx) => await projections.rebuildUser(trx, f.alice.userId))
    assert.equal(report.changed, false, JSON.stringify(report))
  })

  test('the same create sent several times at once makes one workout: one 201, the rest 200', async () => {
    const id = newId()
    const body = { id, name: 'Retry storm', startedAt: '2026-09-02T10:00:00Z', exercises: [{ exerciseId: f.ex.reps, sets: [{ reps: 10 }] }] }
    const results = await Promise.all(Array.from({ length: 6 }, async () => await f.me.post('/workouts', body)))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201], results.map((r) => r.body).join('\n'))
    assert.ok(results.every((r) => r.json().id === id))
    assert.equal((await f.me.get('/workouts?limit=100')).json().items.filter((i: any) => i.id === id).length, 1)
  })

  test('the same set sent several times at once is stored once', async () => {
    const w = (await f.me.post('/workouts', { name: 'Sets', startedAt: '2026-09-03T10:00:00Z', exercises: [{ exerciseId: f.ex.reps, sets: [] }] })).json()
    const base = `/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`
    const body = { id: newId(), reps: 7 }
    const results = await Promise.all(Array.from({ length: 5 }, async () => await f.me.post(base, body)))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 201])
    assert.equal((await f.me.get(`/workouts/${w.id}`)).json().exercises[0].sets.length, 1)
  })
})
