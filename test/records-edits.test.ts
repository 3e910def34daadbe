import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { bests as storedBests } from '../src/projections/bests.js'
import { projections } from '../src/projections/index.js'
import { epley } from '../src/rules/records.js'
import type { as, Session, TestApp } from './helpers/app.js'
import { oneUser, type TestExercises } from './helpers/exercises.js'

let t: TestApp
let alice: Session
let me: ReturnType<typeof as>
let ex: TestExercises

before(async () => { ({ t, alice, me, ex } = await oneUser()) })
after(async () => { await t.close() })

type Bests = Record<string, { value: number, workoutId: string, achievedAt: string }>
async function stored (exerciseId: string): Promise<Bests> {
  const rows = await storedBests.of(t.app.database.db, alice.userId, [exerciseId])
  return Object.fromEntries(rows.map((b) => [b.kind, { value: b.value, workoutId: b.workoutId, achievedAt: b.achievedAt }]))
}

/** The same bests computed independently, in JS, from every workout as the API returns it. */
async function modelled (exerciseId: string): Promise<Bests> {
  const out: Bests = {}
  const offer = (kind: string, value: number, w: any) => {
    const cur = out[kind]
    if (cur === undefined || value > cur.value || (value === cur.value && (w.startedAt < cur.achievedAt || (w.startedAt === cur.achievedAt && w.id < cur.workoutId)))) {
      out[kind] = { value, workoutId: w.id, achievedAt: w.startedAt }
    }
  }
  for (const summary of (await me.get('/workouts?limit=100')).json().items) {
    const w = (await me.get(`/workouts/${summary.id}`)).json()
    let volume: number | null = null
    for (const we of w.exercises.filter((e: any) => e.exerciseId === exerciseId)) {
      for (const s of we.sets.filter((x: any) => x.completed && x.type !== 'warmup')) {
        if (s.weightKg !== null) offer('max_weight', s.weightKg, w)
        if (s.reps !== null) offer('max_reps', s.reps, w)
        if (s.durationSec !== null) offer('max_duration', s.durationSec, w)
        if (s.distanceM !== null) offer('max_distance', s.distanceM, w)
        if (s.reps !== null && s.weightKg !== null) {
          const e1rm = epley(s.weightKg, s.reps)
          if (e1rm !== null) offer('best_e1rm', e1rm, w)
          offer('max_set_volume', s.reps * s.weightKg, w)
          volume = (volume ?? 0) + s.reps * s.weightKg
        }
      }
    }
    if (volume !== null) offer('max_workout_volume', volume, w)
  }
  return out
}

async function log (startedAt: string, sets: object[], exerciseId = ex.weight_reps): Promise<any> {
  const res = await me.post('/workouts', { name: 'E', startedAt, exercises: [{ exerciseId, sets }] })
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
const setsPath = (w: any, i = 0) => `/workouts/${w.id}/exercises/${w.exercises[i].id}/sets`

describe('bests stay exact after edits and deletes', () => {
  test('deleting the record set lowers the best back exactly; un-completing does too', async () => {
    const a = await log('2026-06-01T10:00:00.000Z', [{ reps: 5, weightKg: 100 }])
    const b = await log('2026-06-02T10:00:00.000Z', [{ reps: 5, weightKg: 90 }, { reps: 3, weightKg: 120 }])
    assert.equal((await stored(ex.weight_reps)).max_weight.value, 120)
    assert.equal((await me.delete(`${setsPath(b)}/${b.exercises[0].sets[1].id}`)).statusCode, 204)
    assert.deepEqual((await stored(ex.weight_reps)).max_weight, { value: 100, workoutId: a.id, achievedAt: a.startedAt })
    await me.patch(`${setsPath(a)}/${a.exercises[0].sets[0].id}`, { completed: false })
    assert.deepEqual((await stored(ex.weight_reps)).max_weight, { value: 90, workoutId: b.id, achievedAt: b.startedAt })
    await me.patch(`${setsPath(a)}/${a.exercises[0].sets[0].id}`, { completed: true })
    await me.patch(`${setsPath(a)}/${a.exercises[0].sets[0].id}`, { type: 'warmup' })
    assert.equal((await stored(ex.weight_reps)).max_weight.value, 90)
    await me.patch(`${setsPath(b)}/${b.exercises[0].sets[0].id}`, { weightKg: 85 })
    assert.equal((await stored(ex.weight_reps)).max_weight.value, 85)
    assert.deepEqual(await stored(ex.weight_reps), await modelled(ex.weight_reps))
  })

  test('deleting a workout or a workout exercise recomputes; ties go to the earliest workout', async () => {
    const early = await log('2026-05-20T10:00:00.000Z', [{ reps: 5, weightKg: 85 }])
    assert.equal((await stored(ex.weight_reps)).max_weight.workoutId, early.id, 'an earlier equal value takes the record over')
    const heavy = await log('2026-06-10T10:00:00.000Z', [{ reps: 2, weightKg: 200 }, { reps: 2, weightKg: 200 }])
    assert.equal((await stored(ex.weight_reps)).max_workout_volume.value, 800)
    assert.equal((await me.delete(`/workouts/${heavy.id}`)).statusCode, 204)
    assert.equal((await stored(ex.weight_reps)).max_weight.value, 85)
    const split = await me.post('/workouts', {
      name: 'Split',
      startedAt: '2026-06-11T10:00:00.000Z',
      exercises: [{ exerciseId: ex.weight_reps, sets: [{ reps: 10, weightKg: 100 }] }, { exerciseId: ex.reps, sets: [{ reps: 1 }] }, { exerciseId: ex.weight_reps, sets: [{ reps: 10, weightKg: 100 }] }]
    })
    assert.equal((await stored(ex.weight_reps)).max_workout_volume.value, 2000, 'a workout volume spans every entry of the exercise')
    assert.equal((await me.delete(`/workouts/${split.json().id}/exercises/${split.json().exercises[2].id}`)).statusCode, 204)
    assert.equal((await stored(ex.weight_reps)).max_workout_volume.value, 1000)
    assert.deepEqual(await stored(ex.weight_reps), await modelled(ex.weight_reps))
  })

  test('a new start time moves achievedAt; a swapped exercise takes its sets along', async () => {
    const w = await log('2026-07-01T10:00:00.000Z', [{ reps: 30, weightKg: 5 }])
    assert.equal((await stored(ex.weight_reps)).max_reps.achievedAt, w.startedAt)
    await me.patch(`/workouts/${w.id}`, { startedAt: '2026-07-01T08:00:00.000Z' })
    assert.equal((await stored(ex.weight_reps)).max_reps.achievedAt, '2026-07-01T08:00:00.000Z')
    await me.patch(`/workouts/${w.id}/exercises/${w.exercises[0].id}`, { exerciseId: ex.weightRepsAlt })
    assert.equal((await stored(ex.weightRepsAlt)).max_reps.value, 30)
    assert.notEqual((await stored(ex.weight_reps)).max_reps.value, 30)
    for (const id of [ex.weight_reps, ex.weightRepsAlt]) assert.deepEqual(await stored(id), await modelled(id))
  })

  test('after many random writes the maintained bests equal a recomputation from scratch', async () => {
    let seed = 7
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const ids = [ex.weight_reps, ex.weightRepsAlt]
    const workouts: any[] = []
    for (let i = 0; i < 40; i++) {
      const op = workouts.length === 0 ? 0 : rnd(6)
      const w = workouts[rnd(workouts.length)]
      const set = () => ({ reps: rnd(15), weightKg: 20 + rnd(8) * 10, type: ['normal', 'warmup', 'drop'][rnd(3)], completed: rnd(5) > 0 })
      if (op === 0) workouts.push(await log(`2026-08-${String(1 + rnd(20)).padStart(2, '0')}T10:00:00.000Z`, [set(), set()], ids[rnd(2)]))
      else if (op === 1) assert.equal((await me.post(setsPath(w), set())).statusCode, 201)
      else {
        const sets = (await me.get(`/workouts/${w.id}`)).json().exercises[0].sets
        if (sets.length === 0) continue
        const target = `${setsPath(w)}/${sets[rnd(sets.length)].id}`
        const res = op === 2 ? await me.delete(target) : await me.patch(target, op === 3 ? { completed: rnd(2) === 0 } : op === 4 ? set() : { weightKg: rnd(300) })
        assert.ok(res.statusCode < 300, res.body)
      }
    }
    for (const summary of (await me.get('/workouts?limit=100')).json().items) {
      const sets = (await me.get(`/workouts/${summary.id}`)).json().exercises.flatMap((e: any) => e.sets).filter((x: any) => x.completed)
      const volume = sets.filter((x: any) => x.type !== 'warmup').reduce((sum: number, x: any) => sum + x.reps * x.weightKg, 0)
      assert.deepEqual([summary.setCount, summary.volumeKg], [sets.length, volume], 'maintained totals')
    }
    for (const id of ids) {
      assert.deepEqual(await stored(id), await modelled(id))
    }
    // The bests kept through every edit are the ones a rebuild from the history makes.
    const report = await t.app.database.db.transaction().execute(async (trx) => await projections.rebuildUser(trx, alice.userId))
    assert.deepEqual(report, { workouts: 0, workoutExercises: 0, bests: 0, weeks: 0, breakdowns: 0, goals: 0, changed: false })
  })
})
