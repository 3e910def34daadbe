import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'
import { assertDense, createPlan, samplePlan } from './helpers/plan-fixtures.js'
import { assertProblem } from './helpers/problem.js'

let u: TwoUsers
before(async () => { u = await twoUsers() })
after(async () => { await u.t.close() })

describe('POST /plans (nested create)', () => {
  test('creates days and items in one request and reads them back', async () => {
    const res = await u.me.post('/plans', samplePlan(u.ex))
    assert.equal(res.statusCode, 201, res.body)
    const plan = res.json()
    assert.equal(res.headers.location, `/api/v1/plans/${plan.id}`)
    assert.equal(plan.name, 'Push/Pull')
    assert.equal(plan.isActive, false)
    assert.deepEqual(plan.exerciseTypes, ['strength', 'cardio'])
    assert.deepEqual(plan.days.map((d: any) => [d.name, d.weekday, d.items.length]), [['Day A', 1, 3], ['Day B', null, 3]])
    assertDense(plan.days)
    for (const day of plan.days) assertDense(day.items)
    const [first, range] = plan.days[0].items
    const { id: _id, exercise, ...fields } = first
    assert.deepEqual(exercise, { id: u.ex.weight_reps, name: exercise.name, tracking: 'weight_reps' })
    assert.deepEqual(fields, { exerciseId: u.ex.weight_reps, position: 0, sets: 3, reps: 10, repsMin: null, repsMax: null, weightKg: 60, durationSec: null, distanceM: null, restSec: 90, supersetGroup: null, notes: null, progression: null, warmupSets: false })
    assert.deepEqual([range.reps, range.repsMin, range.repsMax, range.restSec], [null, 8, 12, 60])
    assert.deepEqual(plan.days[1].items.map((i: any) => i.supersetGroup), [1, 1, null])
    assert.deepEqual((await u.me.get(`/plans/${plan.id}`)).json(), plan)
  })

  test('estimates each day: sets × (reps × 3 s or duration + rest), supersets rest once per round', async () => {
    const plan = await createPlan(u.me, samplePlan(u.ex))
    // A: 3×(30+90) + 4×(36+60) + 2×(60+30) = 924 s → 16 min. B: 3×30 + 3×36 + 3×90 + 1000 m × 0.36 = 828 s → 14 min.
    assert.deepEqual(plan.days.map((d: any) => [d.estimatedDurationMin, d.overBudget]), [[16, false], [14, false]])
    const tight = await createPlan(u.me, samplePlan(u.ex, { sessionDurationMin: 15 }))
    assert.deepEqual(tight.days.map((d: any) => d.overBudget), [true, false])
  })

  test('applies defaults: sets 3, rest 90, goal general_fitness, days per week from the days', async () => {
    const plan = await createPlan(u.me, { name: 'Minimal', days: [{ name: 'Only', items: [{ exerciseId: u.ex.reps, reps: 5 }] }] })
    assert.deepEqual([plan.goal, plan.daysPerWeek, plan.sessionDurationMin, plan.description], ['general_fitness', 1, 60, null])
    assert.deepEqual([plan.days[0].items[0].sets, plan.days[0].items[0].restSec], [3, 90])
    assert.equal(plan.days[0].estimatedDurationMin, 6) // 3 × (15 + 90) = 315 s, rounded up
  })

  test('rejects targets that do not fit the tracking, with the item path', async () => {
    const item = (fields: object) => samplePlan(u.ex, { days: [{ name: 'D', items: [{ exerciseId: u.ex.reps, reps: 5 }, { exerciseId: u.ex.reps, reps: 5 }, fields] }] })
    const cases: Array<[object, string]> = [
      [{ exerciseId: u.ex.weight_reps, reps: 5, distanceM: 100 }, '/days/0/items/2/distanceM'],
      [{ exerciseId: u.ex.weight_reps }, '/days/0/items/2/reps'],
      [{ exerciseId: u.ex.reps, reps: 5, repsMin: 3, repsMax: 6 }, '/days/0/items/2/reps'],
      [{ exerciseId: u.ex.reps, repsMin: 12, repsMax: 8 }, '/days/0/items/2/repsMin'],
      [{ exerciseId: u.ex.reps, repsMin: 8 }, '/days/0/items/2/repsMax'],
      [{ exerciseId: u.ex.duration, reps: 10 }, '/days/0/items/2/reps'],
      [{ exerciseId: u.ex.duration }, '/days/0/items/2/durationSec'],
      [{ exerciseId: u.ex.distance_duration, weightKg: 5, durationSec: 60 }, '/days/0/items/2/weightKg'],
      [{ exerciseId: u.ex.distance_duration }, '/days/0/items/2/distanceM'],
      [{ exerciseId: u.bobEx.reps, reps: 5 }, '/days/0/items/2/exerciseId'],
      [{ exerciseId: newId(), reps: 5 }, '/days/0/items/2/exerciseId'],
      [{ exerciseId: u.ex.archived, reps: 5 }, '/days/0/items/2/exerciseId'],
      [{ exerciseId: u.ex.reps, reps: 5, sets: 21 }, '/days/0/items/2/sets'],
      [{ exerciseId: u.ex.reps, reps: 5, restSec: 3601 }, '/days/0/items/2/restSec']
    ]
    for (const [fields, path] of cases) {
      const body = assertProblem(await u.me.post('/plans', item(fields)), 400)
      assert.ok(body.errors?.some((e) => e.path === path), `${JSON.stringify(fields)} → ${JSON.stringify(body.errors)}`)
    }
    const many = (n: number, make: (i: number) => object) => Array.from({ length: n }, (_, i) => make(i))
    assertProblem(await u.me.post('/plans', { name: 'Too many days', days: many(15, (i) => ({ name: `D${i}` })) }), 400)
    assertProblem(await u.me.post('/plans', { name: 'Too many items', days: [{ name: 'D', items: many(51, () => ({ exerciseId: u.ex.reps, reps: 1 })) }] }), 400)
    assertProblem(await u.me.post('/plans', { name: 'x'.repeat(201) }), 400)
    assertProblem(await u.me.post('/plans', { name: 'N', description: 'x'.repeat(4001) }), 400)
    assertProblem(await u.me.post('/plans', { name: 'N', daysPerWeek: 8 }), 400)
    assert.equal((await u.me.get('/plans?limit=100')).json().items.filter((p: any) => p.name.startsWith('Too many')).length, 0)
  })
})

describe('active plan, client ids, ownership, lists', () => {
  test('only one plan is active: activating one (on create or PATCH) deactivates the others', async () => {
    const a = await createPlan(u.other, { name: 'A', isActive: true })
    const b = await createPlan(u.other, { name: 'B', isActive: true })
    assert.equal((await u.other.get(`/plans/${a.id}`)).json().isActive, false)
    const patched = await u.other.patch(`/plans/${a.id}`, { isActive: true })
    assert.equal(patched.json().isActive, true)
    assert.equal((await u.other.get(`/plans/${b.id}`)).json().isActive, false)
    assert.deepEqual((await u.other.get('/plans?active=true')).json().items.map((p: any) => p.id), [a.id])
    assert.ok((await u.other.get('/plans?active=false')).json().items.every((p: any) => !p.isActive))
    assert.equal((await u.other.patch(`/plans/${a.id}`, { isActive: false })).json().isActive, false)
    assert.equal((await u.other.get('/plans?active=true')).json().items.length, 0)
    const racing = await Promise.all([1, 2, 3, 4, 5].map(async (i) => await u.other.post('/plans', { name: `R${i}`, isActive: true })))
    assert.deepEqual(racing.map((r) => r.statusCode), [201, 201, 201, 201, 201])
    assert.equal((await u.other.get('/plans?active=true')).json().items.length, 1)
  })

  test('a replayed create answers 200 with the stored plan; another user\'s id is a 409', async () => {
    const id = newId()
    const first = await u.me.post('/plans', { ...samplePlan(u.ex), id })
    assert.equal(first.statusCode, 201)
    const again = await u.me.post('/plans', { ...samplePlan(u.ex), id, name: 'Changed' })
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    assertProblem(await u.other.post('/plans', { id, name: 'Theirs' }), 409)
    // A nested id already in use rolls the whole create back.
    const dayId = first.json().days[0].id
    const planId = newId()
    assertProblem(await u.me.post('/plans', { id: planId, name: 'Clash', days: [{ id: dayId, name: 'D' }] }), 409)
    assertProblem(await u.me.get(`/plans/${planId}`), 404)
    assertProblem(await u.me.post('/plans', { name: 'Twice', days: [{ id: planId, name: 'D' }, { id: planId, name: 'E' }] }), 400)
  })

  test('another user\'s plan answers 404 everywhere', async () => {
    const plan = await createPlan(u.me, samplePlan(u.ex))
    const day = plan.days[0]
    const item = day.items[0]
    assertProblem(await u.other.get(`/plans/${plan.id}`), 404)
    assertProblem(await u.other.patch(`/plans/${plan.id}`, { name: 'Mine' }), 404)
    assertProblem(await u.other.delete(`/plans/${plan.id}`), 404)
    assertProblem(await u.other.post(`/plans/${plan.id}/days`, { name: 'X' }), 404)
    assertProblem(await u.other.patch(`/plans/${plan.id}/days/${day.id}`, { name: 'X' }), 404)
    assertProblem(await u.other.delete(`/plans/${plan.id}/days/${day.id}`), 404)
    assertProblem(await u.other.post(`/plans/${plan.id}/days/${day.id}/items`, { exerciseId: u.bobEx.reps, reps: 1 }), 404)
    assertProblem(await u.other.patch(`/plans/${plan.id}/days/${day.id}/items/${item.id}`, { sets: 1 }), 404)
    assertProblem(await u.other.delete(`/plans/${plan.id}/days/${day.id}/items/${item.id}`), 404)
    assert.ok((await u.other.get('/plans')).json().items.every((p: any) => p.id !== plan.id))
    assert.deepEqual((await u.me.get(`/plans/${plan.id}`)).json(), plan)
  })

  test('lists newest first with a cursor; PATCH changes fields; DELETE removes', async () => {
    const ids = [await createPlan(u.me, { name: 'L1' }), await createPlan(u.me, { name: 'L2' }), await createPlan(u.me, { name: 'L3' })].map((p) => p.id)
    const page1 = (await u.me.get('/plans?limit=2')).json()
    assert.deepEqual(page1.items.map((p: any) => p.id), [ids[2], ids[1]])
    const page2 = (await u.me.get(`/plans?limit=2&cursor=${page1.nextCursor as string}`)).json()
    assert.equal(page2.items[0].id, ids[0])
    assertProblem(await u.me.get('/plans?cursor=nonsense'), 400)
    const patched = (await u.me.patch(`/plans/${ids[0]}`, { name: 'Renamed', goal: 'strength', sessionDurationMin: 30, description: null, exerciseTypes: ['cardio'] })).json()
    assert.deepEqual([patched.name, patched.goal, patched.sessionDurationMin, patched.exerciseTypes], ['Renamed', 'strength', 30, ['cardio']])
    assert.ok(patched.updatedAt >= patched.createdAt)
    assert.equal((await u.me.delete(`/plans/${ids[0]}`)).statusCode, 204)
    assertProblem(await u.me.get(`/plans/${ids[0]}`), 404)
    assertProblem(await u.me.delete(`/plans/${ids[0]}`), 404)
  })
})
