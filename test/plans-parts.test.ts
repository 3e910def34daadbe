import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { as, register } from './helpers/app.js'
import { createExercises, twoUsers, type TwoUsers } from './helpers/exercises.js'
import { assertDense, createPlan, samplePlan } from './helpers/plan-fixtures.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let u: TwoUsers
before(async () => { u = await twoUsers() })
after(async () => { await u.t.close() })

const names = (list: Array<{ name?: string, id: string }>) => list.map((x) => x.name ?? x.id)

describe('plan days', () => {
  test('stay dense after insert, move and delete', async () => {
    const plan = await createPlan(u.me, { name: 'Days', days: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] })
    const base = `/plans/${plan.id}/days`
    const added = await u.me.post(base, { name: 'Z', weekday: 7, items: [{ exerciseId: u.ex.reps, reps: 10 }] })
    assert.equal(added.statusCode, 201, added.body)
    assert.equal(added.headers.location, `/api/v1${base}/${added.json().id as string}`)
    assert.deepEqual([added.json().position, added.json().weekday, added.json().items.length], [3, 7, 1])
    const first = (await u.me.post(base, { name: 'First', position: 0 })).json()
    assert.equal(first.position, 0)
    let days = (await u.me.get(`/plans/${plan.id}`)).json().days
    assert.deepEqual(names(days), ['First', 'A', 'B', 'C', 'Z'])
    assertDense(days)
    const moved = await u.me.patch(`${base}/${first.id as string}`, { position: 3, name: 'Moved', weekday: null })
    assert.deepEqual([moved.json().position, moved.json().name, moved.json().weekday], [3, 'Moved', null])
    days = (await u.me.get(`/plans/${plan.id}`)).json().days
    assert.deepEqual(names(days), ['A', 'B', 'C', 'Moved', 'Z'])
    await u.me.patch(`${base}/${days[4].id as string}`, { position: 0 })
    await u.me.patch(`${base}/${days[2].id as string}`, { position: 99 })
    days = (await u.me.get(`/plans/${plan.id}`)).json().days
    assert.deepEqual(names(days), ['Z', 'A', 'B', 'Moved', 'C'])
    assert.equal((await u.me.delete(`${base}/${days[1].id as string}`)).statusCode, 204)
    days = (await u.me.get(`/plans/${plan.id}`)).json().days
    assert.deepEqual(names(days), ['Z', 'B', 'Moved', 'C'])
    assertDense(days)
    assertProblem(await u.me.delete(`${base}/${newId()}`), 404)
    assertProblem(await u.me.patch(`${base}/${newId()}`, { name: 'X' }), 404)
  })

  test('replays a day create by id, 409 for an id used elsewhere, and at most 14 days', async () => {
    const plan = await createPlan(u.me, { name: 'Replay' })
    const id = newId()
    const first = await u.me.post(`/plans/${plan.id}/days`, { id, name: 'D' })
    assert.equal(first.statusCode, 201)
    const again = await u.me.post(`/plans/${plan.id}/days`, { id, name: 'Other' })
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    const theirs = await createPlan(u.other, { name: 'Bob' })
    assertProblem(await u.other.post(`/plans/${theirs.id}/days`, { id, name: 'D' }), 409)
    for (let i = 1; i < 14; i++) assert.equal((await u.me.post(`/plans/${plan.id}/days`, { name: `D${i}` })).statusCode, 201)
    assertProblem(await u.me.post(`/plans/${plan.id}/days`, { name: 'D15' }), 400)
    assertFieldError(await u.me.post(`/plans/${plan.id}/days`, { name: 'Bad', items: [{ exerciseId: u.ex.duration }] }), '/items/0/durationSec')
  })
})

describe('plan items', () => {
  test('stay dense after insert, move and delete; the day estimate follows', async () => {
    const plan = await createPlan(u.me, samplePlan(u.ex))
    const day = plan.days[0]
    const base = `/plans/${plan.id}/days/${day.id as string}/items`
    const added = await u.me.post(base, { exerciseId: u.ex.duration, durationSec: 30, position: 1, restSec: 0, sets: 1 })
    assert.equal(added.statusCode, 201, added.body)
    assert.equal(added.headers.location, `/api/v1${base}/${added.json().id as string}`)
    assert.equal(added.json().position, 1)
    let items = (await u.me.get(`/plans/${plan.id}`)).json().days[0].items
    assert.deepEqual(names(items), [day.items[0].id, added.json().id, day.items[1].id, day.items[2].id])
    assertDense(items)
    const moved = (await u.me.patch(`${base}/${items[0].id as string}`, { position: 3 })).json()
    assert.equal(moved.position, 3)
    items = (await u.me.get(`/plans/${plan.id}`)).json().days[0].items
    assert.deepEqual(names(items), [added.json().id, day.items[1].id, day.items[2].id, day.items[0].id])
    assert.equal((await u.me.delete(`${base}/${added.json().id as string}`)).statusCode, 204)
    const after = (await u.me.get(`/plans/${plan.id}`)).json()
    assertDense(after.days[0].items)
    assert.equal(after.days[0].estimatedDurationMin, 16) // back to the sample's 924 s
    assert.ok(after.updatedAt >= plan.updatedAt)
    assertProblem(await u.me.delete(`${base}/${added.json().id as string}`), 404)
  })

  test('PATCH merges targets and checks the result against the (new) exercise', async () => {
    const plan = await createPlan(u.me, samplePlan(u.ex))
    const item = plan.days[0].items[0]
    const url = `/plans/${plan.id}/days/${plan.days[0].id as string}/items/${item.id as string}`
    assertFieldError(await u.me.patch(url, { repsMin: 6, repsMax: 8 }), '/reps')
    const ranged = await u.me.patch(url, { reps: null, repsMin: 6, repsMax: 8, notes: 'range' })
    assert.equal(ranged.statusCode, 200, ranged.body)
    assert.deepEqual([ranged.json().reps, ranged.json().repsMin, ranged.json().repsMax, ranged.json().weightKg, ranged.json().notes], [null, 6, 8, 60, 'range'])
    assertFieldError(await u.me.patch(url, { exerciseId: u.ex.duration }), '/repsMin')
    assertFieldError(await u.me.patch(url, { exerciseId: u.bobEx.reps }), '/exerciseId')
    assertFieldError(await u.me.patch(url, { exerciseId: u.ex.archived }), '/exerciseId')
    assertFieldError(await u.me.patch(url, { sets: 0 }), '/sets')
    const swapped = await u.me.patch(url, { exerciseId: u.ex.duration, repsMin: null, repsMax: null, weightKg: null, durationSec: 45 })
    assert.equal(swapped.statusCode, 200, swapped.body)
    assert.deepEqual(swapped.json().exercise, { id: u.ex.duration, name: swapped.json().exercise.name, tracking: 'duration' })
    assert.equal(swapped.json().durationSec, 45)
  })

  test('replays an item create by id, 409 elsewhere, and at most 50 items a day', async () => {
    const plan = await createPlan(u.me, { name: 'Full', days: [{ name: 'D', items: Array.from({ length: 49 }, () => ({ exerciseId: u.ex.reps, reps: 1 })) }] })
    const base = `/plans/${plan.id}/days/${plan.days[0].id as string}/items`
    const id = newId()
    const first = await u.me.post(base, { id, exerciseId: u.ex.reps, reps: 2 })
    assert.equal(first.statusCode, 201)
    assert.equal(first.json().position, 49)
    const again = await u.me.post(base, { id, exerciseId: u.ex.reps, reps: 3 })
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), first.json())
    assertProblem(await u.me.post(base, { exerciseId: u.ex.reps, reps: 2 }), 400)
    const theirs = await createPlan(u.other, { name: 'Bob', days: [{ name: 'D' }] })
    assertProblem(await u.other.post(`/plans/${theirs.id as string}/days/${theirs.days[0].id as string}/items`, { id, exerciseId: u.bobEx.reps, reps: 1 }), 409)
    assertFieldError(await u.me.post(base, { exerciseId: u.ex.reps }), '/reps')
  })
})

test('deleting the account removes plans that use its custom exercises', async () => {
  const session = await register(u.t.app)
  const api = as(u.t.app, session)
  const ex = await createExercises(u.t.app, session)
  await createPlan(api, samplePlan(ex, { isActive: true }))
  const res = await api.delete('/me', { password: 'correct horse battery' })
  assert.equal(res.statusCode, 204, res.body)
})
