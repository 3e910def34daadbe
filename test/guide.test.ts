import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, test } from 'node:test'
import { newId } from '../src/lib/ids.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'
import { act, guideOf, label, startDay } from './helpers/guide.js'
import { assertFieldError, assertProblem } from './helpers/problem.js'

let u: TwoUsers
before(async () => { u = await twoUsers() })
after(async () => { await u.t.close() })

const names = async (ids: string[]) => await Promise.all(ids.map(async (id) => (await u.me.get(`/exercises/${id}`)).json().name as string))

describe('POST /plans/{id}/days/{dayId}/start', () => {
  test('starts the day now: its items as planned sets with the targets filled in', async () => {
    const plan = (await u.me.post('/plans', {
      name: 'P',
      days: [{
        name: 'Legs',
        items: [
          { exerciseId: u.ex.weight_reps, sets: 2, reps: 5, weightKg: 100, restSec: 120, supersetGroup: 3, notes: 'brace' },
          { exerciseId: u.ex.reps, sets: 1, repsMin: 8, repsMax: 12, restSec: 60, supersetGroup: 3 },
          { exerciseId: u.ex.distance_duration, sets: 1, distanceM: 400, durationSec: 90, restSec: 0 }
        ]
      }]
    })).json()
    const day = plan.days[0]
    const before = Date.now()
    const res = await u.me.post(`/plans/${plan.id}/days/${day.id}/start`, {})
    assert.equal(res.statusCode, 201, res.body)
    const w = res.json()
    assert.equal(res.headers.location, `/api/v1/workouts/${w.id}`)
    assert.deepEqual([w.name, w.status, w.endedAt, w.planId, w.planDayId], ['Legs', 'in_progress', null, plan.id, day.id])
    assert.ok(Date.parse(w.startedAt) >= before - 5 && Date.parse(w.startedAt) <= Date.now())
    assert.deepEqual(w.exercises.map((e: any) => [e.exerciseId, e.position, e.restSec, e.supersetGroup, e.notes, e.sets.length]), [
      [u.ex.weight_reps, 0, 120, 3, 'brace', 2], [u.ex.reps, 1, 60, 3, null, 1], [u.ex.distance_duration, 2, 0, null, null, 1]
    ])
    const targets = (s: any) => [s.completed, s.reps, s.weightKg, s.targetReps, s.targetWeightKg, s.targetDurationSec, s.targetDistanceM]
    assert.deepEqual(w.exercises.flatMap((e: any) => e.sets.map(targets)), [
      [false, null, null, 5, 100, null, null], [false, null, null, 5, 100, null, null], [false, null, null, 12, null, null, null], [false, null, null, null, null, 90, 400]
    ])
    assert.deepEqual((await u.me.get(`/workouts/${w.id}`)).json(), w)
  })

  test('a client id replays (200, nothing new); another user\'s plan or day is a 404, their id a 409', async () => {
    const w = await startDay(u.me, [{ exerciseId: u.ex.reps, reps: 5 }])
    const path = `/plans/${w.planId}/days/${w.planDayId}/start`
    const bare = await u.t.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: { authorization: `Bearer ${u.alice.token}` } })
    assert.equal(bare.statusCode, 201, 'no body at all is fine')
    const headers = { authorization: `Bearer ${u.alice.token}`, 'content-type': 'application/json' }
    const nullBody = await u.t.app.inject({ method: 'POST', url: `/api/v1${path}`, headers, payload: 'null' })
    assertProblem(nullBody, 400)
    const id = newId()
    assert.equal((await u.me.post(path, { id })).statusCode, 201)
    const again = await u.me.post(path, { id })
    assert.equal(again.statusCode, 200, again.body)
    assert.equal(again.json().id, id)
    assertProblem(await u.other.post(path, { id }), 404)
    assertProblem(await u.other.post(path, {}), 404)
    const theirs = await startDay(u.other, [{ exerciseId: u.bobEx.reps, reps: 5 }])
    assertProblem(await u.me.post(`/plans/${w.planId}/days/${theirs.planDayId}/start`, {}), 404)
    assertProblem(await u.other.post(`/plans/${theirs.planId}/days/${theirs.planDayId}/start`, { id }), 409)
    assertFieldError(await u.me.post(path, { startedAt: 'now' }), '/startedAt')
  })
})

describe('the guide, step by step', () => {
  test('complete with the targets and with adjustments, rest, skip a set and an exercise, finish', async () => {
    const [press, plank, dip, alt] = await names([u.ex.weight_reps, u.ex.duration, u.ex.reps, u.ex.weightRepsAlt])
    const w = await startDay(u.me, [
      { exerciseId: u.ex.weight_reps, sets: 2, reps: 10, weightKg: 50, restSec: 1 },
      { exerciseId: u.ex.duration, sets: 1, durationSec: 30, restSec: 0 },
      { exerciseId: u.ex.reps, sets: 3, repsMin: 8, repsMax: 12, restSec: 0 },
      { exerciseId: u.ex.weightRepsAlt, sets: 2, reps: 5, weightKg: 20, restSec: 0 }
    ])
    let g = await guideOf(u.me, w.id)
    assert.deepEqual([g.workoutId, g.status, g.restEndsAt, g.completedSets, g.totalSets], [w.id, 'in_progress', null, 0, 8])
    assert.deepEqual([label(g.current), label(g.next)], [`${press} #1`, `${press} #2`])
    const { exercise, ...step } = g.current
    assert.deepEqual(step, {
      workoutExerciseId: w.exercises[0].id, setId: w.exercises[0].sets[0].id, setNumber: 1, totalSets: 2, supersetGroup: null, targetReps: 10, targetWeightKg: 50, targetDurationSec: null, targetDistanceM: null, restSec: 1
    })
    assert.deepEqual([exercise.id, Array.isArray(exercise.instructions)], [u.ex.weight_reps, true])

    g = await act(u.me, w.id, 'complete')
    assert.equal(g.status, 'resting')
    const restLeft = Date.parse(g.restEndsAt) - Date.now()
    assert.ok(restLeft > 500 && restLeft <= 1000, `rest of 1 s, ${restLeft} ms left`)
    assert.deepEqual([label(g.current), g.completedSets, g.newRecords], [`${press} #2`, 1, []])
    assert.deepEqual(await guideOf(u.me, w.id).then((x) => x.status), 'resting', 'the state is stored, not per connection')
    await sleep(restLeft + 20)
    g = await guideOf(u.me, w.id)
    assert.deepEqual([g.status, g.restEndsAt], ['in_progress', null])

    g = await act(u.me, w.id, 'complete', { reps: 8, weightKg: 55, rpe: 8.5, note: 'heavy' })
    assert.ok(g.newRecords.some((r: any) => r.kind === 'max_weight' && r.value === 55 && r.previous === 50), JSON.stringify(g.newRecords))
    assert.equal(g.status, 'resting', 'the last set of an exercise rests too')
    assert.equal(label(g.current), `${plank} #1`)
    assertFieldError(await u.me.post(`/workouts/${w.id}/guide/complete`, { reps: 5 }), '/reps')
    assertFieldError(await u.me.post(`/workouts/${w.id}/guide/complete`, { seconds: 5 }), '/seconds')
    g = await act(u.me, w.id, 'complete')
    assert.deepEqual([g.status, g.restEndsAt, label(g.current)], ['in_progress', null, `${dip} #1`], 'completing during a rest ends it; rest 0 starts none')
    assert.equal(g.current.targetReps, 12, 'a rep range aims for its top')

    g = await act(u.me, w.id, 'skip', { scope: 'set' })
    assert.deepEqual([label(g.current), g.completedSets], [`${dip} #2`, 3])
    g = await act(u.me, w.id, 'complete', { reps: 11 })
    g = await act(u.me, w.id, 'skip', { scope: 'exercise' })
    assert.deepEqual([label(g.current), label(g.next)], [`${alt} #1`, `${alt} #2`])
    assert.equal(g.next.restSec, 0, 'the last step starts no rest')
    assertFieldError(await u.me.post(`/workouts/${w.id}/guide/skip`, { scope: 'workout' }), '/scope')

    const finished = await u.me.post(`/workouts/${w.id}/guide/finish`)
    assert.equal(finished.statusCode, 200, finished.body)
    const done = finished.json()
    assert.equal(done.status, 'completed')
    assert.ok(done.endedAt >= done.startedAt)
    const sets = done.exercises.map((e: any) => e.sets.map((s: any) => [s.completed, s.reps, s.weightKg, s.durationSec, s.targetReps]))
    assert.deepEqual(sets, [
      [[true, 10, 50, null, 10], [true, 8, 55, null, 10]],
      [[true, null, null, 30, null]],
      [[false, null, null, null, 12], [true, 11, null, null, 12], [false, null, null, null, 12]],
      [[false, null, null, null, 5], [false, null, null, null, 5]]
    ])
    assert.equal(done.exercises[0].sets[1].rpe, 8.5)
    g = await guideOf(u.me, w.id)
    assert.deepEqual([g.status, g.current, g.next, g.restEndsAt, g.completedSets, g.totalSets], ['completed', null, null, null, 4, 8])
    assertProblem(await u.me.post(`/workouts/${w.id}/guide/complete`, {}), 409)
    assertProblem(await u.me.post(`/workouts/${w.id}/guide/skip`, {}), 409)
    assert.deepEqual((await u.me.post(`/workouts/${w.id}/guide/finish`)).json(), done, 'finishing twice changes nothing')

    const summary = (await u.me.get('/workouts?status=completed')).json().items.find((i: any) => i.id === w.id)
    assert.deepEqual([summary.setCount, summary.volumeKg], [4, 10 * 50 + 8 * 55])
    const records = (await u.me.get(`/stats/records?exerciseId=${u.ex.weight_reps}`)).json().items[0]
    assert.deepEqual([records.maxWeightKg.value, records.maxWeightKg.workoutId, records.maxReps.value], [55, w.id, 10])
  })
})
