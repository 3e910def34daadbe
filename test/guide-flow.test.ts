import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'
import { act, guideOf, label, startDay } from './helpers/guide.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let u: TwoUsers
let n: Record<string, string>
before(async () => {
  u = await twoUsers()
  n = Object.fromEntries(await Promise.all(Object.entries(u.ex).map(async ([k, id]) => [k, (await u.me.get(`/exercises/${id}`)).json().name])))
})
after(async () => { await u.t.close() })

describe('supersets', () => {
  test('run round-robin and rest after the round, for the longest rest in the group', async () => {
    const w = await startDay(u.me, [
      { exerciseId: u.ex.weight_reps, sets: 2, reps: 10, weightKg: 40, restSec: 30, supersetGroup: 1 },
      { exerciseId: u.ex.reps, sets: 3, reps: 12, restSec: 60, supersetGroup: 1 },
      { exerciseId: u.ex.duration, sets: 1, durationSec: 45, restSec: 0 }
    ])
    const [x, y, z] = [n.weight_reps, n.reps, n.duration]
    const seen: Array<[string | null, number, string]> = []
    let g = await guideOf(u.me, w.id)
    while (g.current !== null) {
      const rest = g.current.restSec
      const at = Date.now()
      const label0 = label(g.current)
      g = await act(u.me, w.id, 'complete')
      seen.push([label0, rest, g.status])
      if (rest > 0) {
        const restMs = Date.parse(g.restEndsAt) - at
        assert.ok(restMs >= rest * 1000 - 50 && restMs <= rest * 1000 + 500, `${label0}: rest ${restMs} ms`)
      } else {
        assert.equal(g.restEndsAt, null)
      }
    }
    assert.deepEqual(seen, [
      [`${x} #1`, 0, 'in_progress'], [`${y} #1`, 60, 'resting'],
      [`${x} #2`, 0, 'in_progress'], [`${y} #2`, 60, 'resting'],
      [`${y} #3`, 60, 'resting'], [`${z} #1`, 0, 'in_progress']
    ])
    assert.deepEqual([g.status, g.completedSets, g.totalSets], ['in_progress', 6, 6])
    assertProblem(await u.me.post(`/workouts/${w.id}/guide/complete`, {}), 409)
  })

  test('a skipped exercise leaves the others of its group in turn', async () => {
    const w = await startDay(u.me, [
      { exerciseId: u.ex.weight_reps, sets: 2, reps: 10, weightKg: 40, restSec: 30, supersetGroup: 2 },
      { exerciseId: u.ex.reps, sets: 2, reps: 12, restSec: 30, supersetGroup: 2 }
    ])
    const g = await act(u.me, w.id, 'skip', { scope: 'exercise' })
    assert.deepEqual([label(g.current), label(g.next), g.current.restSec], [`${n.reps} #1`, `${n.reps} #2`, 30])
  })
})

describe('changes through the workout routes are reflected at once', () => {
  test('an added set, a reorder, a swap to an alternative, a deleted set', async () => {
    const w = await startDay(u.me, [
      { exerciseId: u.ex.weight_reps, sets: 1, reps: 5, weightKg: 60, restSec: 90 },
      { exerciseId: u.ex.reps, sets: 1, reps: 10, restSec: 60 }
    ])
    const [a, b] = w.exercises
    const added = await u.me.post(`/workouts/${w.id}/exercises/${a.id}/sets`, { completed: false, targetReps: 3, targetWeightKg: 70 })
    assert.equal(added.statusCode, 201, added.body)
    let g = await guideOf(u.me, w.id)
    assert.deepEqual([g.totalSets, g.current.totalSets, label(g.next), g.next.targetWeightKg], [3, 2, `${n.weight_reps} #2`, 70])

    assert.equal((await u.me.patch(`/workouts/${w.id}/exercises/${b.id}`, { position: 0 })).statusCode, 200)
    g = await guideOf(u.me, w.id)
    assert.deepEqual([label(g.current), label(g.next)], [`${n.reps} #1`, `${n.weight_reps} #1`])

    assert.equal((await u.me.patch(`/workouts/${w.id}/exercises/${a.id}`, { exerciseId: u.ex.weightRepsAlt })).statusCode, 200)
    g = await guideOf(u.me, w.id)
    assert.deepEqual([label(g.next), g.next.exercise.id, g.next.targetWeightKg], [`${n.weightRepsAlt} #1`, u.ex.weightRepsAlt, 60])

    assert.equal((await u.me.delete(`/workouts/${w.id}/exercises/${b.id}/sets/${b.sets[0].id}`)).statusCode, 204)
    g = await guideOf(u.me, w.id)
    assert.deepEqual([label(g.current), label(g.next), g.totalSets], [`${n.weightRepsAlt} #1`, `${n.weightRepsAlt} #2`, 2])
    await act(u.me, w.id, 'complete')
    const sets = (await u.me.get(`/workouts/${w.id}`)).json().exercises[1].sets
    assert.deepEqual(sets.map((s: any) => [s.completed, s.reps, s.weightKg]), [[true, 5, 60], [false, null, null]])
  })
})

describe('a free workout', () => {
  test('logged with POST /workouts and no endedAt is guided too', async () => {
    const res = await u.me.post('/workouts', {
      name: 'Free',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      exercises: [
        { exerciseId: u.ex.weight_reps, restSec: 0, sets: [{ reps: 5, weightKg: 20 }, { completed: false, targetReps: 5, targetWeightKg: 25 }] },
        { exerciseId: u.ex.reps, sets: [{ completed: false }] }
      ]
    })
    assert.equal(res.statusCode, 201, res.body)
    const w = res.json()
    let g = await guideOf(u.me, w.id)
    assert.deepEqual([g.status, g.completedSets, g.totalSets, label(g.current), label(g.next)], ['in_progress', 1, 3, `${n.weight_reps} #2`, `${n.reps} #1`])
    assert.ok(g.elapsedSec >= 59 && g.elapsedSec < 120, `elapsed ${g.elapsedSec as number}`)
    g = await act(u.me, w.id, 'complete')
    assert.equal(g.status, 'in_progress', 'no rest: restSec 0')
    assertFieldError(await u.me.post(`/workouts/${w.id}/guide/complete`, {}), '/reps')
    g = await act(u.me, w.id, 'complete', { reps: 7 })
    assert.deepEqual([g.current, g.completedSets], [null, 3])
    assertProblem(await u.me.post(`/workouts/${w.id}/guide/skip`, {}), 409)
    const done = (await u.me.post(`/workouts/${w.id}/guide/finish`)).json()
    assert.equal(done.status, 'completed')
    assert.equal((await guideOf(u.me, w.id)).status, 'completed')
  })

  test('a workout completed through PATCH endedAt answers status completed; reopening it guides again', async () => {
    const w = await startDay(u.me, [{ exerciseId: u.ex.reps, sets: 1, reps: 5 }])
    assert.equal((await u.me.patch(`/workouts/${w.id}`, { endedAt: new Date().toISOString() })).statusCode, 200)
    assert.deepEqual(await guideOf(u.me, w.id).then((g) => [g.status, g.current]), ['completed', null])
    assert.equal((await u.me.patch(`/workouts/${w.id}`, { endedAt: null })).statusCode, 200)
    assert.equal(label((await guideOf(u.me, w.id)).current), `${n.reps} #1`)
  })
})

describe('ownership', () => {
  test('another user\'s workout is a 404 on every guide route', async () => {
    const w = await startDay(u.me, [{ exerciseId: u.ex.reps, sets: 1, reps: 5 }])
    const base = `/workouts/${w.id}/guide`
    assertProblem(await u.other.get(base), 404)
    for (const action of ['complete', 'skip', 'finish', 'ticket']) assertProblem(await u.other.post(`${base}/${action}`, {}), 404)
    assertProblem(await u.other.get(`${base}/events`), 404)
    assert.equal((await guideOf(u.me, w.id)).completedSets, 0)
    assert.equal((await u.me.get(`/workouts/${w.id}`)).json().status, 'in_progress')
  })
})
