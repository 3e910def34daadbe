import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, register } from './helpers/app.js'
import { oneUser, type OneUser } from './helpers/exercises.js'

const BACK_SQUAT = '01a19467-e800-7c13-9326-f94c310fe63c' // library, barbell, weight_reps

type Client = OneUser['me']
interface Day { planId: string, dayId: string, itemId: string }
/** One result per working set: reps done (at the target weight unless `weightKg`), or null for not done. */
type Result = { reps: number, weightKg?: number } | null

async function onePlanDay (me: Client, item: object): Promise<Day> {
  const res = await me.post('/plans', { name: 'Program', days: [{ name: 'A', items: [item] }] })
  assert.equal(res.statusCode, 201, res.body)
  const day = res.json().days[0]
  return { planId: res.json().id, dayId: day.id, itemId: day.items[0].id }
}

async function next (me: Client, d: Day): Promise<{ targetWeightKg: number | null, targetReps: number | null, reason: string, warmups: any[] }> {
  const res = await me.get(`/plans/${d.planId}/days/${d.dayId}/next`)
  assert.equal(res.statusCode, 200, res.body)
  assert.equal(res.json().items[0].itemId, d.itemId)
  return res.json().items[0]
}

async function start (me: Client, d: Day): Promise<any> {
  const res = await me.post(`/plans/${d.planId}/days/${d.dayId}/start`)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

/** Starts the day, logs the working sets as given (warm-ups left undone) and finishes the workout. */
async function train (me: Client, d: Day, results: Result[]): Promise<any> {
  const workout = await start(me, d)
  const we = workout.exercises[0]
  const working = we.sets.filter((s: any) => s.type !== 'warmup')
  assert.equal(working.length, results.length)
  for (const [i, result] of results.entries()) {
    if (result === null) continue
    const set = working[i]
    const res = await me.patch(`/workouts/${workout.id}/exercises/${we.id}/sets/${set.id as string}`, {
      completed: true,
      reps: result.reps,
      weightKg: result.weightKg ?? set.targetWeightKg
    })
    assert.equal(res.statusCode, 200, res.body)
  }
  assert.equal((await me.post(`/workouts/${workout.id}/guide/finish`)).statusCode, 200)
  return workout
}

const targetsOf = (workout: any): Array<[string, number | null, number | null]> =>
  workout.exercises[0].sets.map((s: any) => [s.type, s.targetWeightKg, s.targetReps])
const all = (n: number, reps: number): Result[] => Array.from({ length: n }, () => ({ reps }))

describe('progression: linear', () => {
  let u: OneUser
  before(async () => { u = await oneUser() })
  after(async () => { await u.t.close() })

  test('walks a 3 × 5 program through successes, failures, a deload and edits', async () => {
    const d = await onePlanDay(u.me, {
      exerciseId: u.ex.weight_reps,
      sets: 3,
      reps: 5,
      weightKg: 100,
      progression: { type: 'linear', incrementKg: 2.5, failuresBeforeDeload: 2, deloadPercent: 10 }
    })
    assert.deepEqual(await next(u.me, d), {
      itemId: d.itemId, targetWeightKg: 100, targetReps: 5, reason: 'first session: the planned 100 kg', warmups: []
    })
    const first = await train(u.me, d, all(3, 5))
    assert.deepEqual(targetsOf(first), [['normal', 100, 5], ['normal', 100, 5], ['normal', 100, 5]])

    let n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.targetReps, n.reason], [102.5, 5, '+2.5 kg: all 3 × 5 done last time'])
    const second = await train(u.me, d, all(3, 5))
    assert.deepEqual(targetsOf(second)[0], ['normal', 102.5, 5], 'the start applies what next said')
    assert.equal((await next(u.me, d)).targetWeightKg, 105)

    // A workout still in progress does not count.
    const running = await start(u.me, d)
    assert.equal((await next(u.me, d)).targetWeightKg, 105)
    assert.equal((await u.me.delete(`/workouts/${running.id as string}`)).statusCode, 204)

    const third = await train(u.me, d, [{ reps: 5 }, { reps: 5 }, { reps: 4 }])
    n = await next(u.me, d)
    assert.equal(n.targetWeightKg, 105)
    assert.equal(n.reason, 'same 105 kg: 1 of 3 sets missed last time (1 more before a deload)')

    // Correcting the short set to 5 reps turns the session into a success; back to 4 undoes it.
    const we = third.exercises[0]
    const short = we.sets[2]
    const path = `/workouts/${third.id as string}/exercises/${we.id as string}/sets/${short.id as string}`
    assert.equal((await u.me.patch(path, { reps: 5 })).statusCode, 200)
    assert.equal((await next(u.me, d)).targetWeightKg, 107.5)
    assert.equal((await u.me.patch(path, { reps: 4 })).statusCode, 200)
    assert.equal((await next(u.me, d)).targetWeightKg, 105)
    // A weight corrected below the target is a miss too.
    assert.equal((await u.me.patch(path, { reps: 5, weightKg: 100 })).statusCode, 200)
    assert.equal((await next(u.me, d)).targetWeightKg, 105)

    await train(u.me, d, [{ reps: 3 }, null, null]) // second failure in a row at 105 kg → deload
    n = await next(u.me, d)
    assert.equal(n.targetWeightKg, 94.5, 'floor(105 × 0.9 to 0.5 kg)')
    assert.equal(n.reason, 'deload −10 % (105 kg → 94.5 kg): 2 sessions in a row missed; 3 of 3 sets missed last time')

    await train(u.me, d, [{ reps: 5 }, { reps: 5 }, { reps: 2 }]) // the count starts again after a deload
    n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.reason], [94.5, 'same 94.5 kg: 1 of 3 sets missed last time (1 more before a deload)'])
    await train(u.me, d, all(3, 5))
    assert.equal((await next(u.me, d)).targetWeightKg, 97)
    await train(u.me, d, all(3, 6)) // more reps than asked is still a success
    assert.equal((await next(u.me, d)).targetWeightKg, 99.5)
  })

  test('warm-ups come first, never count, and follow the working weight', async () => {
    const d = await onePlanDay(u.me, {
      exerciseId: BACK_SQUAT,
      sets: 2,
      reps: 5,
      weightKg: 100,
      warmupSets: true,
      progression: { type: 'linear', incrementKg: 5 }
    })
    const item = (await u.me.get(`/plans/${d.planId}/days/${d.dayId}/items/${d.itemId}`)).json()
    assert.deepEqual(item.progression, { type: 'linear', incrementKg: 5, failuresBeforeDeload: 3, deloadPercent: 10 })
    assert.equal(item.warmupSets, true)
    const expected = [[20, 8], [40, 5], [60, 3], [80, 2], [90, 1]]
    assert.deepEqual((await next(u.me, d)).warmups.map((w) => [w.weightKg, w.reps]), expected)

    const workout = await train(u.me, d, all(2, 5))
    assert.deepEqual(targetsOf(workout), [
      ...expected.map(([w, r]) => ['warmup', w, r]),
      ['normal', 100, 5],
      ['normal', 100, 5]
    ])
    const n = await next(u.me, d)
    assert.equal(n.targetWeightKg, 105, 'undone warm-ups do not make a failure')
    const tool = (await u.me.get('/tools/warmup?workingWeightKg=105&workingReps=5')).json()
    assert.deepEqual(n.warmups, tool.sets, 'the start ramps as /tools/warmup does')
    // The guide walks the warm-ups first.
    const started = await start(u.me, d)
    const guide = (await u.me.get(`/workouts/${started.id as string}/guide`)).json()
    assert.equal(guide.current.targetWeightKg, 20)
    assert.equal(guide.totalSets, 7)
  })
})

describe('progression: double', () => {
  let u: OneUser
  before(async () => { u = await oneUser() })
  after(async () => { await u.t.close() })

  test('climbs the rep range, then adds weight and starts again at repsMin', async () => {
    const d = await onePlanDay(u.me, {
      exerciseId: u.ex.weight_reps,
      sets: 3,
      repsMin: 8,
      repsMax: 12,
      weightKg: 20,
      progression: { type: 'double', incrementKg: 2.5 }
    })
    let n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.targetReps, n.reason], [20, 8, 'first session: 8 reps at the planned 20 kg'])
    const first = await train(u.me, d, [{ reps: 10 }, { reps: 9 }, { reps: 8 }])
    assert.equal(targetsOf(first)[0][2], 8, 'a double rule aims for repsMin, not repsMax')
    n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.targetReps, n.reason],
      [20, 9, 'same 20 kg, 9 reps: one above last time\'s lowest set (8)'])
    await train(u.me, d, [{ reps: 12 }, { reps: 12 }, { reps: 11 }])
    assert.equal((await next(u.me, d)).targetReps, 12, 'at most repsMax')
    await train(u.me, d, all(3, 12))
    n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.targetReps, n.reason],
      [22.5, 8, '+2.5 kg: all 3 sets reached 12 reps last time; back to 8 reps'])
    await train(u.me, d, [null, null, null])
    n = await next(u.me, d)
    assert.deepEqual([n.targetWeightKg, n.targetReps, n.reason], [22.5, 8, 'same 22.5 kg, 8 reps: no set done last time'])
    await train(u.me, d, [{ reps: 9 }, { reps: 5 }, { reps: 9 }])
    n = await next(u.me, d)
    assert.deepEqual([n.targetReps, n.reason], [8, 'same 22.5 kg, 8 reps: last time\'s lowest set (5) was below the range'])
  })
})

describe('progression: rules that do not fit, and next', () => {
  let u: OneUser
  before(async () => { u = await oneUser() })
  after(async () => { await u.t.close() })

  const problemAt = async (res: { statusCode: number, json: () => any }, path: string): Promise<void> => {
    assert.equal(res.statusCode, 400)
    assert.ok(res.json().errors.some((e: any) => e.path === path), JSON.stringify(res.json()))
  }
  const item = (extra: object): object => ({ name: 'P', days: [{ name: 'A', items: [extra] }] })

  test('a rule on a timed exercise, double without a range, warm-ups without weights are 400', async () => {
    const linear = { type: 'linear', incrementKg: 2.5 }
    await problemAt(await u.me.post('/plans', item({ exerciseId: u.ex.duration, durationSec: 60, progression: linear })),
      '/days/0/items/0/progression')
    await problemAt(await u.me.post('/plans', item({
      exerciseId: u.ex.weight_reps, reps: 5, progression: { type: 'double', incrementKg: 2.5 }
    })), '/days/0/items/0/progression')
    await problemAt(await u.me.post('/plans', item({ exerciseId: u.ex.reps, reps: 10, warmupSets: true })),
      '/days/0/items/0/warmupSets')
    for (const progression of [{ type: 'linear' }, { type: 'double', incrementKg: 2.5, deloadPercent: 10 },
      { type: 'linear', incrementKg: 0 }, { type: 'linear', incrementKg: 2.5, failuresBeforeDeload: 0 },
      { type: 'linear', incrementKg: 2.5, deloadPercent: 60 }, { type: 'step', incrementKg: 1 }]) {
      const res = await u.me.post('/plans', item({ exerciseId: u.ex.weight_reps, reps: 5, progression }))
      assert.equal(res.statusCode, 400, JSON.stringify(progression))
    }
    assert.equal((await u.me.get('/plans')).json().items.length, 0, 'nothing was stored')
  })

  test('PATCH checks the merged item and changes nothing on a 400', async () => {
    const d = await onePlanDay(u.me, {
      exerciseId: u.ex.weight_reps, repsMin: 8, repsMax: 12, progression: { type: 'double', incrementKg: 1 }
    })
    const at = `/plans/${d.planId}/days/${d.dayId}/items/${d.itemId}`
    await problemAt(await u.me.patch(at, { exerciseId: u.ex.duration, repsMin: null, repsMax: null, durationSec: 30 }),
      '/progression')
    await problemAt(await u.me.patch(at, { repsMin: null, repsMax: null, reps: 8 }), '/progression')
    assert.deepEqual((await u.me.get(at)).json().progression, { type: 'double', incrementKg: 1 })
    const changed = await u.me.patch(at, { progression: { type: 'linear', incrementKg: 2, deloadPercent: 20 }, warmupSets: true })
    assert.equal(changed.statusCode, 200, changed.body)
    assert.deepEqual(changed.json().progression, { type: 'linear', incrementKg: 2, failuresBeforeDeload: 3, deloadPercent: 20 })
    assert.equal(changed.json().warmupSets, true)
    const cleared = await u.me.patch(at, { progression: null })
    assert.equal(cleared.json().progression, null)
    assert.equal(cleared.json().warmupSets, true, 'a PATCH keeps what it does not name')
  })

  test('next lists every item, with the planned targets where there is no rule; another user gets 404', async () => {
    const plan = await u.me.post('/plans', {
      name: 'Mixed',
      days: [{
        name: 'A',
        items: [
          { exerciseId: u.ex.weight_reps, repsMin: 6, repsMax: 10, weightKg: 50 },
          { exerciseId: u.ex.duration, durationSec: 45 },
          { exerciseId: u.ex.reps, reps: 10, progression: { type: 'linear', incrementKg: 5 } }
        ]
      }]
    })
    const { id, days: [day] } = plan.json()
    const res = await u.me.get(`/plans/${id as string}/days/${day.id as string}/next`)
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json().items.map((i: any) => [i.targetWeightKg, i.targetReps, i.reason]), [
      [50, 10, 'no progression rule'],
      [null, null, 'no progression rule'],
      [null, 10, 'first session: the planned targets']
    ])
    const bob = as(u.t.app, await register(u.t.app))
    assert.equal((await bob.get(`/plans/${id as string}/days/${day.id as string}/next`)).statusCode, 404)
    assert.equal((await u.me.get(`/plans/${id as string}/days/${id as string}/next`)).statusCode, 404)
  })

  test('a generated strength plan progresses its lifts and warms up its main barbell lifts', async () => {
    const res = await u.me.post('/plans/generate', {
      goal: 'strength', daysPerWeek: 3, sessionDurationMin: 60, equipment: ['barbell', 'dumbbell'], level: 'beginner'
    })
    assert.equal(res.statusCode, 200, res.body)
    const items = res.json().days.flatMap((day: any) => day.items)
    const lifts = items.filter((i: any) => i.exercise.tracking === 'weight_reps')
    assert.ok(lifts.length > 0)
    for (const i of lifts) {
      assert.equal(i.progression?.type, i.reps === null ? 'double' : 'linear', JSON.stringify(i))
    }
    assert.ok(lifts.some((i: any) => i.warmupSets), 'a main barbell lift warms up')
    for (const i of items.filter((i: any) => i.exercise.tracking !== 'weight_reps')) {
      assert.deepEqual([i.progression, i.warmupSets], [null, false])
    }
    const saved = await u.me.post('/plans', res.json())
    assert.equal(saved.statusCode, 201, saved.body)
    assert.deepEqual(saved.json().days.flatMap((d: any) => d.items.map((i: any) => [i.progression, i.warmupSets])),
      items.map((i: any) => [i.progression, i.warmupSets]))
  })
})
