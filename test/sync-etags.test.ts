import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import type { Session } from './helpers/app.js'
import { pushDay, twoUsers, type TwoUsers } from './helpers/exercises.js'
import { samplePlan } from './helpers/plan-fixtures.js'
import { assertProblem } from './helpers/problem.js'

// Conditional requests (shared/API.md, Sync): ETags on single-resource answers, If-None-Match → 304,
// If-Match → 412, child routes answering with and honouring their parent's ETag.
let u: TwoUsers
before(async () => { u = await twoUsers() })
after(async () => { await u.t.close() })

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
interface Conditions { ifMatch?: string, ifNoneMatch?: string, as?: Session }

/** One request as alice (or `as`), with the conditional headers the `as(...)` client cannot send. */
async function send (method: Method, path: string, body?: object, c: Conditions = {}): Promise<LightMyRequestResponse> {
  return await u.t.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: {
      authorization: `Bearer ${(c.as ?? u.alice).token}`,
      ...(c.ifMatch === undefined ? {} : { 'if-match': c.ifMatch }),
      ...(c.ifNoneMatch === undefined ? {} : { 'if-none-match': c.ifNoneMatch })
    },
    ...(body === undefined ? {} : { payload: body })
  })
}

/** The answer's strong ETag (asserting it has one). */
function etagOf (res: LightMyRequestResponse): string {
  const etag = res.headers.etag
  assert.ok(typeof etag === 'string' && /^"[^"]+"$/.test(etag), `no strong ETag (${res.statusCode}): ${String(etag)}`)
  return etag
}

async function fetchTag (path: string): Promise<string> {
  const res = await send('GET', path)
  assert.equal(res.statusCode, 200, res.body)
  return etagOf(res)
}

let names = 0
const exerciseBody = () => ({
  name: `Sync Curl ${++names}`, category: 'strength', primaryMuscles: ['biceps'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps'
})

interface Kind {
  name: string
  create: string
  body: () => object
  change: () => object
  field: string
  path: (id: string) => string
}
const kinds: Kind[] = [
  { name: 'workout', create: '/workouts', body: () => pushDay(u.ex), change: () => ({ name: `Renamed ${++names}` }), field: 'name', path: (id) => `/workouts/${id}` },
  {
    name: 'progress log',
    create: '/progress-logs',
    body: () => ({ metric: 'body_weight', value: 80, measuredAt: '2026-03-01T08:00:00Z' }),
    change: () => ({ value: 80 + (++names % 50) }),
    field: 'value',
    path: (id) => `/progress-logs/${id}`
  },
  { name: 'goal', create: '/goals', body: () => ({ type: 'custom', targetValue: 10 }), change: () => ({ title: `Goal ${++names}` }), field: 'title', path: (id) => `/goals/${id}` },
  { name: 'plan', create: '/plans', body: () => samplePlan(u.ex), change: () => ({ name: `Plan ${++names}` }), field: 'name', path: (id) => `/plans/${id}` },
  { name: 'custom exercise', create: '/exercises', body: exerciseBody, change: () => ({ name: `Sync Row ${++names}` }), field: 'name', path: (id) => `/exercises/${id}` }
]

for (const kind of kinds) {
  describe(`ETags of a ${kind.name}`, () => {
    test('create, GET, 304, stale and current If-Match on PATCH and DELETE', async () => {
      const made = await send('POST', kind.create, kind.body())
      assert.equal(made.statusCode, 201, made.body)
      const id: string = made.json().id
      const path = kind.path(id)
      const first = etagOf(made)
      assert.equal(await fetchTag(path), first)

      const unchanged = await send('GET', path, undefined, { ifNoneMatch: first })
      assert.equal(unchanged.statusCode, 304)
      assert.equal(unchanged.body, '')
      assert.equal(unchanged.headers.etag, first)

      // Without If-Match a write goes through as before, and moves the ETag.
      const changed = await send('PATCH', path, kind.change())
      assert.equal(changed.statusCode, 200, changed.body)
      const second = etagOf(changed)
      assert.notEqual(second, first)
      const fresh = await send('GET', path, undefined, { ifNoneMatch: first })
      assert.equal(fresh.statusCode, 200, fresh.body)
      assert.equal(etagOf(fresh), second)
      const shown = fresh.json()[kind.field]

      const stale = await send('PATCH', path, kind.change(), { ifMatch: first })
      assertProblem(stale, 412)
      const after412 = await send('GET', path)
      assert.equal(after412.json()[kind.field], shown)
      assert.equal(etagOf(after412), second)

      const change = kind.change()
      const current = await send('PATCH', path, change, { ifMatch: second })
      assert.equal(current.statusCode, 200, current.body)
      const third = etagOf(current)
      assert.notEqual(third, second)
      assert.equal(current.json()[kind.field], (change as Record<string, unknown>)[kind.field])
      assert.equal(await fetchTag(path), third)

      assertProblem(await send('DELETE', path, undefined, { ifMatch: second }), 412)
      assert.equal((await send('GET', path)).statusCode, 200)
      const deleted = await send('DELETE', path, undefined, { ifMatch: third })
      assert.equal(deleted.statusCode, 204, deleted.body)
      const gone = await send('GET', path)
      if (kind.name === 'custom exercise') assert.equal(gone.json().archived, true) // still readable, archived
      else assert.equal(gone.statusCode, 404)
    })
  })
}

/** A fresh workout of alice's: its id, first workout exercise and ETag. */
async function workout (body: object = pushDay(u.ex)): Promise<{ id: string, we: string, sets: number, etag: string }> {
  const res = await send('POST', '/workouts', body)
  assert.equal(res.statusCode, 201, res.body)
  const w = res.json()
  return { id: w.id, we: w.exercises[0].id, sets: w.exercises[0].sets.length, etag: etagOf(res) }
}

describe('child routes take and answer with the parent\'s ETag', () => {
  test('a set: a stale workout ETag adds nothing; the current one answers the workout\'s new ETag', async () => {
    const w = await workout()
    const renamed = await send('PATCH', `/workouts/${w.id}`, { name: 'Moved on' })
    const current = etagOf(renamed)
    const setsPath = `/workouts/${w.id}/exercises/${w.we}/sets`

    assertProblem(await send('POST', setsPath, { reps: 5, weightKg: 90 }, { ifMatch: w.etag }), 412)
    assert.equal((await send('GET', `/workouts/${w.id}`)).json().exercises[0].sets.length, w.sets)

    const logged = await send('POST', setsPath, { reps: 5, weightKg: 90 }, { ifMatch: current })
    assert.equal(logged.statusCode, 201, logged.body)
    const after = etagOf(logged)
    assert.notEqual(after, current)
    assert.equal(await fetchTag(`/workouts/${w.id}`), after)
    assert.equal((await send('GET', `/workouts/${w.id}`)).json().exercises[0].sets.length, w.sets + 1)

    // A child's GET carries the parent's ETag and honours If-None-Match with it.
    const setPath = `${setsPath}/${String(logged.json().id)}`
    assert.equal(await fetchTag(setPath), after)
    const notModified = await send('GET', setPath, undefined, { ifNoneMatch: after })
    assert.equal(notModified.statusCode, 304)
    assert.equal(notModified.headers.etag, after)
    assert.equal((await send('GET', setPath, undefined, { ifNoneMatch: current })).statusCode, 200)

    assertProblem(await send('DELETE', setPath, undefined, { ifMatch: current }), 412)
    assert.equal((await send('GET', setPath)).statusCode, 200)
    const removed = await send('DELETE', setPath, undefined, { ifMatch: after })
    assert.equal(removed.statusCode, 204)
    assert.notEqual(await fetchTag(`/workouts/${w.id}`), after)
    // Deleting a child answers with the parent's new ETag; deleting the resource itself with none.
    assert.equal(etagOf(removed), await fetchTag(`/workouts/${w.id}`))
    const gone = await send('DELETE', `/workouts/${w.id}`)
    assert.deepEqual([gone.statusCode, gone.headers.etag], [204, undefined])
  })

  test('a workout exercise answers the workout\'s ETag', async () => {
    const w = await workout()
    const path = `/workouts/${w.id}/exercises/${w.we}`
    assert.equal(await fetchTag(path), w.etag)
    const patched = await send('PATCH', path, { notes: 'elbows in' }, { ifMatch: w.etag })
    assert.equal(patched.statusCode, 200, patched.body)
    assert.equal(await fetchTag(`/workouts/${w.id}`), etagOf(patched))
    assertProblem(await send('PATCH', path, { notes: 'late' }, { ifMatch: w.etag }), 412)
  })

  test('plan days and items answer the plan\'s ETag', async () => {
    const made = await send('POST', '/plans', samplePlan(u.ex))
    const plan = made.json()
    const first = etagOf(made)
    const itemPath = `/plans/${String(plan.id)}/days/${String(plan.days[0].id)}/items/${String(plan.days[0].items[0].id)}`
    assert.equal(await fetchTag(itemPath), first)
    assert.equal((await send('GET', itemPath, undefined, { ifNoneMatch: first })).statusCode, 304)
    assert.equal(await fetchTag(`/plans/${String(plan.id)}/days/${String(plan.days[0].id)}`), first)

    const patched = await send('PATCH', itemPath, { sets: 5 }, { ifMatch: first })
    assert.equal(patched.statusCode, 200, patched.body)
    const second = etagOf(patched)
    assert.notEqual(second, first)
    assert.equal(await fetchTag(`/plans/${String(plan.id)}`), second)

    const itemsPath = `/plans/${String(plan.id)}/days/${String(plan.days[1].id)}/items`
    assertProblem(await send('POST', itemsPath, { exerciseId: u.ex.reps, sets: 2, reps: 8 }, { ifMatch: first }), 412)
    assert.equal((await send('GET', `/plans/${String(plan.id)}`)).json().days[1].items.length, plan.days[1].items.length)
    const added = await send('POST', itemsPath, { exerciseId: u.ex.reps, sets: 2, reps: 8 }, { ifMatch: second })
    assert.equal(added.statusCode, 201, added.body)
    assert.equal(await fetchTag(`/plans/${String(plan.id)}`), etagOf(added))
  })

  test('a goal progress update answers the goal\'s ETag', async () => {
    const made = await send('POST', '/goals', { type: 'custom', targetValue: 10 })
    const id: string = made.json().id
    const first = etagOf(made)
    const update = await send('POST', `/goals/${id}/progress`, { value: 3 }, { ifMatch: first })
    assert.equal(update.statusCode, 201, update.body)
    const second = etagOf(update)
    assert.notEqual(second, first)
    assert.equal(await fetchTag(`/goals/${id}`), second)
    assert.equal(await fetchTag(`/goals/${id}/progress/${String(update.json().id)}`), second)
    assertProblem(await send('POST', `/goals/${id}/progress`, { value: 4 }, { ifMatch: first }), 412)
    assert.equal((await send('GET', `/goals/${id}`)).json().currentValue, 3)
  })
})

describe('derived changes move the ETags of what shows them', () => {
  test('a set that moves an exercise goal\'s currentValue changes the goal\'s ETag', async () => {
    const g = await send('POST', '/goals', { type: 'exercise_weight', exerciseId: u.ex.weight_reps, targetValue: 300 })
    assert.equal(g.statusCode, 201, g.body)
    const id: string = g.json().id
    const w = await workout()
    const before = await send('GET', `/goals/${id}`)
    const logged = await send('POST', `/workouts/${w.id}/exercises/${w.we}/sets`, { reps: 1, weightKg: 200 })
    assert.equal(logged.statusCode, 201, logged.body)
    const after = await send('GET', `/goals/${id}`)
    assert.equal(after.json().currentValue, 200)
    assert.notEqual(etagOf(after), etagOf(before))
  })

  test('renaming a custom exercise changes the ETag of a workout that uses it', async () => {
    const made = await send('POST', '/exercises', exerciseBody())
    const exercise: string = made.json().id
    const w = await workout({ name: 'Arms', startedAt: '2026-03-03T18:00:00Z', exercises: [{ exerciseId: exercise, sets: [{ reps: 8, weightKg: 12 }] }] })
    const other = await workout()
    const renamed = await send('PATCH', `/exercises/${exercise}`, { name: `Hammer Curl ${++names}` }, { ifMatch: etagOf(made) })
    assert.equal(renamed.statusCode, 200, renamed.body)
    const shown = await send('GET', `/workouts/${w.id}`)
    assert.notEqual(etagOf(shown), w.etag)
    assert.equal(shown.json().exercises[0].exercise.name, renamed.json().name)
    assert.equal(await fetchTag(`/workouts/${other.id}`), other.etag)
  })

  test('activating plan B changes the ETag of plan A, which it deactivated', async () => {
    const a = await send('POST', '/plans', samplePlan(u.ex, { name: 'A', isActive: true }))
    const b = await send('POST', '/plans', samplePlan(u.ex, { name: 'B' }))
    assert.deepEqual([a.statusCode, b.statusCode], [201, 201])
    const aPath = `/plans/${String(a.json().id)}`
    const aTag = await fetchTag(aPath)
    const activated = await send('PATCH', `/plans/${String(b.json().id)}`, { isActive: true }, { ifMatch: etagOf(b) })
    assert.equal(activated.statusCode, 200, activated.body)
    const shown = await send('GET', aPath)
    assert.equal(shown.json().isActive, false)
    assert.notEqual(etagOf(shown), aTag)
    // A new plan created active deactivates the other one too.
    const bTag = await fetchTag(`/plans/${String(b.json().id)}`)
    const c = await send('POST', '/plans', samplePlan(u.ex, { name: 'C', isActive: true }))
    assert.equal(c.statusCode, 201, c.body)
    assert.equal(etagOf(c), await fetchTag(`/plans/${String(c.json().id)}`))
    assert.notEqual(await fetchTag(`/plans/${String(b.json().id)}`), bTag)
  })
})

describe('If-Match edge cases', () => {
  test('another user\'s resource is a 404 whatever the ETag', async () => {
    const w = await workout()
    const mine = await send('POST', '/workouts', pushDay(u.bobEx), { as: u.bob })
    for (const tag of [w.etag, etagOf(mine), '*']) {
      assertProblem(await send('PATCH', `/workouts/${w.id}`, { name: 'Hijack' }, { ifMatch: tag, as: u.bob }), 404)
      assertProblem(await send('DELETE', `/workouts/${w.id}`, undefined, { ifMatch: tag, as: u.bob }), 404)
      assertProblem(await send('GET', `/workouts/${w.id}`, undefined, { ifNoneMatch: tag, as: u.bob }), 404)
    }
    assert.equal(await fetchTag(`/workouts/${w.id}`), w.etag)
  })

  test('a weak tag never matches If-Match; * matches an existing resource; If-None-Match compares weakly', async () => {
    const w = await workout()
    assertProblem(await send('PATCH', `/workouts/${w.id}`, { name: 'Weak' }, { ifMatch: `W/${w.etag}` }), 412)
    assertProblem(await send('PATCH', `/workouts/${w.id}`, { name: 'Junk' }, { ifMatch: 'garbage, "nope"' }), 412)
    assert.equal((await send('GET', `/workouts/${w.id}`, undefined, { ifNoneMatch: `W/${w.etag}` })).statusCode, 304)
    assert.equal((await send('GET', `/workouts/${w.id}`, undefined, { ifNoneMatch: `"x", ${w.etag}` })).statusCode, 304)
    const listed = await send('PATCH', `/workouts/${w.id}`, { name: 'Listed' }, { ifMatch: `"0", ${w.etag}` })
    assert.equal(listed.statusCode, 200, listed.body)
    const any = await send('PATCH', `/workouts/${w.id}`, { name: 'Any' }, { ifMatch: '*' })
    assert.equal(any.statusCode, 200, any.body)
    assert.equal(any.json().name, 'Any')
  })

  test('two PATCHes with the same If-Match at once: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const w = await workout()
      const results = await Promise.all(['One', 'Two'].map(async (name) =>
        await send('PATCH', `/workouts/${w.id}`, { name }, { ifMatch: w.etag })))
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412], results.map((r) => r.body).join('\n'))
      const winner = results.find((r) => r.statusCode === 200) as LightMyRequestResponse
      const shown = await send('GET', `/workouts/${w.id}`)
      assert.equal(shown.json().name, winner.json().name)
      assert.equal(etagOf(shown), etagOf(winner))
    }
  })

  test('two set logs with the same If-Match at once: exactly one set is added', async () => {
    const w = await workout()
    const path = `/workouts/${w.id}/exercises/${w.we}/sets`
    const results = await Promise.all([1, 2].map(async (reps) =>
      await send('POST', path, { reps, weightKg: 50 }, { ifMatch: w.etag })))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 412], results.map((r) => r.body).join('\n'))
    assert.equal((await send('GET', `/workouts/${w.id}`)).json().exercises[0].sets.length, w.sets + 1)
  })
})
