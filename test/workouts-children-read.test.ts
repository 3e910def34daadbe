import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { twoUsers, pushDay, type TwoUsers } from './helpers/exercises.js'
import { assertProblem } from './helpers/problem.js'

// A workout's children read one at a time answer exactly what the whole workout shows of them.
describe('GET /workouts/{id}/exercises/{workoutExerciseId} and …/sets/{setId}', () => {
  let u: TwoUsers
  let workout: any
  let other: any

  before(async () => {
    u = await twoUsers()
    const created = await u.me.post('/workouts', pushDay(u.ex, { startedAt: '2025-05-05T17:00:00.000Z' }))
    assert.equal(created.statusCode, 201, created.body)
    workout = (await u.me.get(`/workouts/${created.json().id as string}`)).json()
    const second = await u.me.post('/workouts', pushDay(u.ex, { startedAt: '2025-05-06T17:00:00.000Z' }))
    assert.equal(second.statusCode, 201, second.body)
    other = second.json()
  })
  after(async () => { await u.t.close() })

  test('200: each workout exercise as the workout shows it, sets included', async () => {
    for (const e of workout.exercises) {
      const res = await u.me.get(`/workouts/${workout.id as string}/exercises/${e.id as string}`)
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), e)
    }
  })

  test('200: each set as the workout shows it', async () => {
    for (const e of workout.exercises) {
      for (const s of e.sets) {
        const base = `/workouts/${workout.id as string}/exercises/${e.id as string}`
        const res = await u.me.get(`${base}/sets/${s.id as string}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.deepEqual(res.json(), s)
      }
    }
  })

  test('404 for another user\'s, a mismatched parent, or an unknown id', async () => {
    const e = workout.exercises[0]
    const s = e.sets[1]
    const unknown = '01890000-0000-7000-8000-000000000000'
    for (const path of [
      `/workouts/${workout.id as string}/exercises/${e.id as string}`,
      `/workouts/${workout.id as string}/exercises/${e.id as string}/sets/${s.id as string}`
    ]) assertProblem(await u.other.get(path), 404)
    for (const path of [
      `/workouts/${other.id as string}/exercises/${e.id as string}`,
      `/workouts/${other.id as string}/exercises/${e.id as string}/sets/${s.id as string}`,
      `/workouts/${workout.id as string}/exercises/${workout.exercises[1].id as string}/sets/${s.id as string}`,
      `/workouts/${workout.id as string}/exercises/${unknown}`,
      `/workouts/${workout.id as string}/exercises/${e.id as string}/sets/${unknown}`
    ]) assertProblem(await u.me.get(path), 404)
  })
})
