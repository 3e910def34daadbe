import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'
import { createPlan, samplePlan } from './helpers/plan-fixtures.js'
import { assertProblem } from './helpers/problem.js'

// A plan's days and items read one at a time answer exactly what the whole plan shows of them.
describe('GET /plans/{id}/days/{dayId} and …/items/{itemId}', () => {
  let u: TwoUsers
  let plan: any
  let other: any

  before(async () => {
    u = await twoUsers()
    plan = await createPlan(u.me, samplePlan(u.ex))
    other = await createPlan(u.me, samplePlan(u.ex, { name: 'Other' }))
  })
  after(async () => { await u.t.close() })

  test('200: each day as the plan shows it, items included', async () => {
    for (const day of plan.days) {
      const res = await u.me.get(`/plans/${plan.id as string}/days/${day.id as string}`)
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), day)
    }
  })

  test('200: each item as its day shows it', async () => {
    for (const day of plan.days) {
      for (const item of day.items) {
        const res = await u.me.get(`/plans/${plan.id as string}/days/${day.id as string}/items/${item.id as string}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.deepEqual(res.json(), item)
      }
    }
  })

  test('404 for another user\'s, a mismatched parent, or an unknown id', async () => {
    const [dayA, dayB] = plan.days
    const item = dayA.items[0]
    const unknown = '01890000-0000-7000-8000-000000000000'
    for (const path of [
      `/plans/${plan.id as string}/days/${dayA.id as string}`,
      `/plans/${plan.id as string}/days/${dayA.id as string}/items/${item.id as string}`
    ]) assertProblem(await u.other.get(path), 404)
    for (const path of [
      `/plans/${other.id as string}/days/${dayA.id as string}`,
      `/plans/${other.id as string}/days/${dayA.id as string}/items/${item.id as string}`,
      `/plans/${plan.id as string}/days/${dayB.id as string}/items/${item.id as string}`,
      `/plans/${plan.id as string}/days/${unknown}`,
      `/plans/${plan.id as string}/days/${dayA.id as string}/items/${unknown}`
    ]) assertProblem(await u.me.get(path), 404)
  })
})
