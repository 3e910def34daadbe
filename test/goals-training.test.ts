import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError } from './helpers/problem.js'

/**
 * Goals fed by training data (exercise goals, weekly_workouts) through the workouts routes. Those
 * are built by another feature: the probe below skips these tests only while POST /workouts does
 * not exist at all (a 404 route), never because of a failure.
 */
type Client = ReturnType<typeof as>
type SetBody = { reps?: number, weightKg?: number, type?: string, completed?: boolean }
let t: TestApp
let workoutsAvailable = false
let exerciseId = ''
const DAY = 86_400_000

async function probe (): Promise<void> {
  t = await createTestApp()
  const me = as(t.app, await register(t.app))
  const res = await me.post('/workouts', {})
  workoutsAvailable = !(res.statusCode === 404 && /^Route /.test(String(res.json().detail)))
  const listed = await me.get('/exercises?tracking=weight_reps&limit=1')
  if (listed.statusCode === 200 && listed.json().items.length > 0) {
    exerciseId = listed.json().items[0].id
  } else {
    const made = await me.post('/exercises', { name: 'Test Press', category: 'strength', primaryMuscles: ['chest'], equipment: ['barbell'], level: 'beginner', tracking: 'weight_reps' })
    workoutsAvailable &&= made.statusCode === 201
    if (made.statusCode === 201) exerciseId = made.json().id
  }
}
await probe()
after(async () => { await t.close() })

const user = async (): Promise<Client> => as(t.app, await register(t.app))
const weekStart = (): number => { const now = Date.now(); return (Math.floor((now / DAY + 3) / 7) * 7 - 3) * DAY }
/** An instant inside the current ISO week, not after now (k orders several in one test). */
const thisWeek = (k: number): string => new Date(Math.max(weekStart(), Date.now() - 6 * 3_600_000) + k * 60_000).toISOString()

async function train (c: Client, startedAt: string, sets: SetBody[], options: { completed?: boolean, exercise?: string } = {}): Promise<any> {
  const endedAt = new Date(Date.parse(startedAt) + 1000).toISOString()
  const res = await c.post('/workouts', {
    name: 'Session', startedAt, ...(options.completed === false ? {} : { endedAt }), exercises: [{ exerciseId: options.exercise ?? exerciseId, sets }]
  })
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
async function goal (c: Client, body: object): Promise<any> {
  const res = await c.post('/goals', body)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
const get = async (c: Client, id: string) => (await c.get(`/goals/${id}`)).json()
const close = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-6, `${actual} ≈ ${expected}`)

describe('exercise goals', { skip: !workoutsAvailable && 'POST /workouts is not available yet' }, () => {
  test('weight, 1RM and reps goals follow the best completed non-warm-up set and complete from a workout alone', async () => {
    const me = await user()
    const weight = await goal(me, { type: 'exercise_weight', exerciseId, targetValue: 100 })
    const e1rm = await goal(me, { type: 'exercise_1rm', exerciseId, targetValue: 110 })
    const reps = await goal(me, { type: 'exercise_reps', exerciseId, targetValue: 12 })
    assert.deepEqual([weight.startValue, weight.currentValue, weight.progress, weight.direction, weight.exerciseId, weight.metric], [0, null, 0, 'increase', exerciseId, null])
    assert.match(weight.title, / 100 kg$/)

    const first = await train(me, thisWeek(1), [{ type: 'warmup', reps: 20, weightKg: 120 }, { reps: 5, weightKg: 90 }, { reps: 8, weightKg: 150, completed: false }])
    assert.deepEqual([(await get(me, weight.id)).currentValue, (await get(me, weight.id)).progress, (await get(me, weight.id)).status], [90, 0.9, 'active'])
    close((await get(me, e1rm.id)).currentValue, 105)
    close((await get(me, e1rm.id)).progress, 105 / 110)
    assert.equal((await get(me, reps.id)).currentValue, 5)

    const second = await train(me, thisWeek(2), [{ reps: 3, weightKg: 100 }, { type: 'drop', reps: 12, weightKg: 40 }])
    const w = await get(me, weight.id)
    assert.deepEqual([w.status, w.achievedAt, w.currentValue, w.progress], ['achieved', second.startedAt, 100, 1])
    const r = await get(me, e1rm.id)
    assert.deepEqual([r.status, r.achievedAt], ['achieved', second.startedAt])
    close(r.currentValue, 110)
    assert.deepEqual([(await get(me, reps.id)).status, (await get(me, reps.id)).currentValue, (await get(me, reps.id)).achievedAt], ['achieved', 12, second.startedAt])

    // Deleting the workout that reached the targets leaves the goals achieved; the values follow the data.
    assert.equal((await me.delete(`/workouts/${second.id}`)).statusCode, 204)
    const kept = await get(me, weight.id)
    assert.deepEqual([kept.status, kept.achievedAt, kept.currentValue, kept.progress], ['achieved', second.startedAt, 90, 0.9])
    assert.equal((await get(me, reps.id)).status, 'achieved')
    assert.ok(first.id !== undefined)

    // A new goal starts from the current best.
    const next = await goal(me, { type: 'exercise_weight', exerciseId, targetValue: 120 })
    assert.deepEqual([next.startValue, next.currentValue, next.progress], [90, 90, 0])
    // Manual updates count: the best of the bests and the manual values.
    const res = await me.post(`/goals/${next.id}/progress`, { value: 105, recordedAt: thisWeek(3) })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal((await get(me, next.id)).currentValue, 105)
    close((await get(me, next.id)).progress, 0.5)
    assertFieldError(await me.post(`/goals/${next.id}/progress`, { value: 5000 }), '/value')
  })

  test('another user\'s training never moves my goals', async () => {
    const me = await user()
    const other = await user()
    const g = await goal(me, { type: 'exercise_weight', exerciseId, targetValue: 50 })
    await train(other, thisWeek(1), [{ reps: 5, weightKg: 200 }])
    assert.deepEqual([(await get(me, g.id)).currentValue, (await get(me, g.id)).status], [null, 'active'])
  })

  test('the trend of per-workout bests since the goal began projects its date', async () => {
    const me = await user()
    const base = Date.parse(thisWeek(0)) + DAY
    const deadline = new Date(base + 30 * DAY).toISOString().slice(0, 10)
    const g = await goal(me, { type: 'exercise_weight', exerciseId, targetValue: 120, deadline })
    for (const [i, kg] of [100, 105, 110].entries()) await train(me, new Date(base + i * DAY).toISOString(), [{ reps: 5, weightKg: kg }, { reps: 5, weightKg: kg - 20 }])
    const now = await get(me, g.id)
    assert.deepEqual([now.projectedDate, now.onTrack], [new Date(base + 4 * DAY).toISOString().slice(0, 10), true])
  })
})

describe('weekly_workouts goals', { skip: !workoutsAvailable && 'POST /workouts is not available yet' }, () => {
  test('count completed workouts started in the current ISO week', async () => {
    const me = await user()
    await train(me, thisWeek(1), [{ reps: 5, weightKg: 50 }])
    await train(me, new Date(weekStart() - DAY).toISOString(), [{ reps: 5, weightKg: 50 }])
    const g = await goal(me, { type: 'weekly_workouts', targetValue: 3 })
    assert.deepEqual([g.title, g.startValue, g.currentValue, g.progress, g.direction], ['3 workouts a week', 1, 1, 0, 'increase'])
    await train(me, thisWeek(2), [{ reps: 5, weightKg: 50 }], { completed: false })
    assert.equal((await get(me, g.id)).currentValue, 1)
    await train(me, thisWeek(3), [{ reps: 5, weightKg: 50 }])
    const mid = await get(me, g.id)
    assert.deepEqual([mid.currentValue, mid.progress, mid.status], [2, 0.5, 'active'])
    const third = await train(me, thisWeek(4), [{ reps: 5, weightKg: 50 }])
    const done = await get(me, g.id)
    assert.deepEqual([done.currentValue, done.progress, done.status, done.achievedAt], [3, 1, 'achieved', third.startedAt])
    assert.deepEqual([done.projectedDate, done.onTrack], [null, null])
  })

  test('a manual count for this week stands in for unlogged sessions', async () => {
    const me = await user()
    const g = await goal(me, { type: 'weekly_workouts', targetValue: 2 })
    await train(me, thisWeek(1), [{ reps: 5, weightKg: 50 }])
    const at = thisWeek(2)
    const res = await me.post(`/goals/${g.id}/progress`, { value: 2, recordedAt: at })
    assert.equal(res.statusCode, 201, res.body)
    const done = await get(me, g.id)
    assert.deepEqual([done.currentValue, done.status, done.achievedAt], [2, 'achieved', at])
  })
})
