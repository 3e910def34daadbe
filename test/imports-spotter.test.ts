import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { BadRequestError } from '../src/lib/errors.js'
import { newId } from '../src/lib/ids.js'
import type { ParsedFile } from '../src/modules/imports/import.types.js'
import { parseSpotterDocument, writeSpotterExtras, type SpotterSet, type SpotterWorkout } from '../src/modules/imports/spotter/index.js'
import { projections } from '../src/projections/index.js'
import { as, register, type Session } from './helpers/app.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'

type Client = TwoUsers['me']

let f: TwoUsers
let doc: any
let library: any
let retired: string

async function made (res: Awaited<ReturnType<Client['post']>>): Promise<any> {
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

before(async () => {
  f = await twoUsers()
  const { me, ex } = f
  library = (await me.get('/exercises?custom=false&tracking=weight_reps&limit=1')).json().items[0]
  // Used in a workout, then deleted: archived, and still in the history.
  retired = (await made(await me.post('/exercises', {
    name: 'Old Curl', category: 'strength', primaryMuscles: ['biceps'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps'
  }))).id
  await made(await me.post('/workouts', {
    name: 'Push',
    startedAt: '2026-03-02T17:00:00Z',
    endedAt: '2026-03-02T18:00:00Z',
    notes: 'good',
    exercises: [
      { exerciseId: ex.weight_reps, restSec: 90, notes: 'slow', sets: [{ type: 'warmup', reps: 10, weightKg: 40 }, { reps: 5, weightKg: 100, rpe: 8 }, { type: 'drop', reps: 8, weightKg: 70 }] },
      { exerciseId: library.id, supersetGroup: 2, sets: [{ reps: 5, weightKg: 50, completed: false, targetReps: 6, targetWeightKg: 50, note: 'next time' }] },
      { exerciseId: retired, sets: [{ reps: 3, weightKg: 20 }] }
    ]
  }))
  assert.equal((await me.delete(`/exercises/${retired}`)).statusCode, 204)
  await made(await me.post('/workouts', { name: 'Run', startedAt: '2026-03-05T07:00:00Z', exercises: [{ exerciseId: ex.distance_duration, sets: [{ distanceM: 5000, durationSec: 1500 }] }] }))
  await made(await me.post('/progress-logs', { metric: 'body_weight', value: 80.5, measuredAt: '2026-03-01T08:00:00Z', note: 'am' }))
  await made(await me.post('/progress-logs', { metric: 'custom:grip', value: 50, unit: 'kg', measuredAt: '2026-03-02T08:00:00Z' }))
  const custom = await made(await me.post('/goals', { type: 'custom', title: 'Pull-ups', targetValue: 20, deadline: '2026-12-31' }))
  await made(await me.post(`/goals/${custom.id}/progress`, { value: 8, recordedAt: '2026-03-01T10:00:00Z', note: 'max' }))
  await made(await me.post(`/goals/${custom.id}/progress`, { value: 11, recordedAt: '2026-03-08T10:00:00Z' }))
  await made(await me.post('/goals', { type: 'exercise_weight', exerciseId: ex.weight_reps, targetValue: 100 }))
  const abandoned = await made(await me.post('/goals', { type: 'body_metric', metric: 'body_weight', targetValue: 75 }))
  assert.equal((await me.patch(`/goals/${abandoned.id}`, { status: 'abandoned' })).statusCode, 200)
  await made(await me.post('/plans', {
    name: 'Plan A',
    isActive: true,
    goal: 'strength',
    days: [
      { name: 'Day 1', weekday: 1, items: [{ exerciseId: ex.weight_reps, sets: 4, repsMin: 5, repsMax: 8, weightKg: 90, notes: 'top set' }, { exerciseId: library.id, reps: 10, supersetGroup: 1 }] },
      { name: 'Day 2', items: [{ exerciseId: ex.duration, durationSec: 60, restSec: 30 }] }
    ]
  }))
  const res = await me.get('/export')
  assert.equal(res.statusCode, 200)
  doc = res.json()
})
after(async () => { await f.t.close() })

const copy = (): any => structuredClone(doc)

describe('parseSpotterDocument: a real export', () => {
  test('maps workouts, logs and custom exercises, and keeps goals and plans as they are', () => {
    const file = parseSpotterDocument(doc)
    assert.deepEqual([file.badLines, file.warnings], [[], []])
    assert.equal(file.workouts.length, 2)
    const push = file.workouts.find((w) => w.name === 'Push') as SpotterWorkout
    const source = doc.workouts.find((w: any) => w.name === 'Push')
    assert.deepEqual([push.startedAt, push.endedAt, push.notes, push.status], ['2026-03-02T17:00:00.000Z', '2026-03-02T18:00:00.000Z', 'good', 'completed'])
    assert.deepEqual(push.exercises.map((e) => [e.exerciseId, e.sourceName, e.notes, e.restSec, e.supersetGroup]),
      source.exercises.map((e: any) => [e.exerciseId, e.exercise.name, e.notes, e.restSec, e.supersetGroup]))
    assert.deepEqual(push.exercises[0].sets.map((s) => [s.type, s.reps, s.weightKg, s.rpe]), [['warmup', 10, 40, null], ['normal', 5, 100, 8], ['dropset', 8, 70, null]])
    const planned = push.exercises[1].sets[0] as SpotterSet
    assert.deepEqual([planned.completed, planned.targetReps, planned.targetWeightKg, planned.note], [false, 6, 50, 'next time'])
    const run = file.workouts.find((w) => w.name === 'Run') as SpotterWorkout
    assert.deepEqual([run.endedAt, run.status], [null, 'in_progress'])
    assert.deepEqual(run.exercises[0].sets.map((s) => [s.distanceM, s.durationSec]), [[5000, 1500]])
    assert.deepEqual(file.progressLogs.map((l) => [l.metric, l.value, l.unit, l.measuredAt, l.note]).sort(), [
      ['body_weight', 80.5, 'kg', '2026-03-01T08:00:00.000Z', 'am'],
      ['custom:grip', 50, 'kg', '2026-03-02T08:00:00.000Z', null]
    ])
    assert.deepEqual(file.goals, doc.goals)
    assert.deepEqual(file.plans, doc.plans)
    assert.equal(file.rows, 6 + 2 + 7 + 3 + 1, 'sets, logs, custom exercises, goals, plans')
  })

  test('every exercise reference is the document\'s own id: a custom exercise of it, or the library\'s', () => {
    const file = parseSpotterDocument(doc)
    const custom = new Set((file.customExercises ?? []).map((c) => c.id))
    assert.deepEqual([...custom].sort(), [...Object.values(f.ex), retired].sort(), 'archived ones too: the history uses them')
    const used = [
      ...file.workouts.flatMap((w) => w.exercises.map((e) => e.exerciseId)),
      ...(file.goals ?? []).flatMap((g) => g.exerciseId ?? []),
      ...(file.plans ?? []).flatMap((p: any) => p.days.flatMap((d: any) => d.items.map((i: any) => i.exerciseId)))
    ]
    for (const id of used) assert.ok(custom.has(id as string) || id === library.id, `${String(id)} refers to nothing`)
  })

  test('a custom exercise\'s definition is the create body of POST /exercises', async () => {
    const file = parseSpotterDocument(doc)
    const other = as(f.t.app, await register(f.t.app))
    for (const { id, definition } of file.customExercises ?? []) {
      const source = doc.customExercises.find((e: any) => e.id === id)
      const res = await made(await other.post('/exercises', definition))
      const { id: _a, isCustom: _b, archived: _c, createdAt: _d, updatedAt: _e, ...fields } = source
      assert.deepEqual({ ...res, id: undefined, createdAt: undefined, updatedAt: undefined, archived: undefined }, {
        ...fields, id: undefined, isCustom: true, createdAt: undefined, updatedAt: undefined, archived: undefined
      })
    }
  })

  test('reads the document\'s text (string or Buffer) as it reads the parsed body', () => {
    const text = JSON.stringify(doc)
    assert.deepEqual(parseSpotterDocument(text), parseSpotterDocument(doc))
    assert.deepEqual(parseSpotterDocument(Buffer.from('\uFEFF' + JSON.stringify(doc, null, 2))), parseSpotterDocument(doc))
  })
})

/** The BadRequestError a call throws, with its errors[]. */
function refusal (fn: () => unknown): BadRequestError {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof BadRequestError, String(error))
    return error
  }
  assert.fail('not refused')
}

describe('parseSpotterDocument: wrong documents', () => {
  test('a file that is not a Spotter document is refused on /line/1', () => {
    for (const body of [{ format: 'strong', version: 1 }, [], 'null', '"spotter"', { version: 1 }]) {
      const e = refusal(() => parseSpotterDocument(body))
      assert.deepEqual(e.errors?.map((x) => x.path), ['/line/1'])
      assert.match(e.message, /not a Spotter export/)
    }
    const v2 = refusal(() => parseSpotterDocument({ ...copy(), version: 2 }))
    assert.deepEqual(v2.errors?.map((x) => x.path), ['/line/1'])
    assert.match(v2.message, /version 2.*version 1/)
  })

  test('broken JSON is refused on the line it breaks on', () => {
    const e = refusal(() => parseSpotterDocument('{\n  "format": "spotter",\n  "version": 1,,\n}'))
    assert.deepEqual(e.errors?.map((x) => x.path), ['/line/3'])
    assert.match(e.message, /not valid JSON/)
  })

  test('a member that is not a list is refused at its pointer', () => {
    const e = refusal(() => parseSpotterDocument({ ...copy(), workouts: {} }))
    assert.deepEqual(e.errors?.map((x) => x.path), ['/workouts'])
  })

  test('values beyond the contract\'s bounds are bad lines naming their pointer, and only that unit is left out', () => {
    const d = copy()
    const i = d.workouts.findIndex((w: any) => w.name === 'Push')
    d.workouts[i].exercises[0].sets[1].reps = 1271
    d.workouts[i].exercises[0].sets[2].type = 'superset'
    d.workouts[i].exercises[1].exerciseId = 'not-an-id'
    d.progressLogs[0].value = 5000
    d.progressLogs[0].metric = 'body_weight'
    d.goals[0].targetValue = -5
    d.goals[0].type = 'exercise_reps'
    d.plans[0].days[1].items[0].sets = 99
    d.customExercises[0].tracking = 'laps'
    const file = parseSpotterDocument(d)
    const messages = file.badLines.map((b) => b.message)
    assert.ok(file.badLines.every((b) => b.line === 1))
    const expect = [
      `/workouts/${i}/exercises/0/sets/1/reps must be <= 1000`,
      `/workouts/${i}/exercises/0/sets/2/type must be equal to one of the allowed values`,
      `/workouts/${i}/exercises/1/exerciseId must match format "uuid"`,
      '/progressLogs/0/value must be at least 1 and at most 700 for body_weight',
      '/goals/0/targetValue must be from 0 to 1000 for exercise_reps goals',
      '/plans/0/days/1/items/0/sets must be <= 20',
      '/customExercises/0/tracking must be equal to one of the allowed values'
    ]
    for (const m of expect) assert.ok(messages.some((x) => x.startsWith(m)), `missing "${m}" in ${JSON.stringify(messages)}`)
    assert.equal(messages.length, expect.length)
    const push = file.workouts.find((w) => w.name === 'Push') as SpotterWorkout
    assert.deepEqual(push.exercises.map((e) => e.sets.length), [1, 1], 'the bad sets and the bad exercise are left out')
    assert.equal(file.progressLogs.length, 1)
    assert.equal(file.goals?.length, 2)
    assert.deepEqual((file.plans?.[0] as any).days.map((day: any) => day.items.length), [2, 0])
    assert.equal(file.customExercises?.length, 6)
  })

  test('the 101st set of an exercise and a 101st exercise are bad lines; a broken workout is left out whole', () => {
    const d = copy()
    const run = d.workouts.find((w: any) => w.name === 'Run')
    const set = run.exercises[0].sets[0]
    run.exercises[0].sets = Array.from({ length: 102 }, () => set)
    run.exercises = [...run.exercises, ...Array.from({ length: 100 }, () => run.exercises[0])]
    const push = d.workouts.find((w: any) => w.name === 'Push')
    push.endedAt = '2026-03-02T16:00:00.000Z'
    const file = parseSpotterDocument(d)
    const at = `/workouts/${d.workouts.indexOf(run)}`
    const messages = file.badLines.map((b) => b.message)
    assert.ok(messages.includes(`${at}/exercises/0/sets/100 is set 101 of the exercise (at most 100)`), messages.join('\n'))
    assert.ok(messages.includes(`${at}/exercises/0/sets/101 is set 102 of the exercise (at most 100)`))
    assert.ok(messages.includes(`${at}/exercises/100 is exercise 101 of the workout (at most 100)`))
    assert.ok(messages.includes(`/workouts/${d.workouts.indexOf(push)}/endedAt must not be before startedAt`))
    assert.deepEqual(file.workouts.map((w) => [w.name, w.exercises.length, w.exercises[0].sets.length]), [['Run', 100, 100]])
  })
})

describe('writeSpotterExtras', () => {
  let carol: Session
  let c: Client
  let idFor: (id: string) => string

  before(async () => {
    carol = await register(f.t.app)
    c = as(f.t.app, carol)
    const file = parseSpotterDocument(doc)
    const ids = new Map<string, string>()
    for (const { id, definition } of file.customExercises ?? []) ids.set(id, (await made(await c.post('/exercises', definition))).id)
    idFor = (id) => ids.get(id) ?? id
  })

  const write = async (file: Pick<ParsedFile, 'goals' | 'plans'>, userId = carol.userId) =>
    await f.t.app.database.db.transaction().execute(async (trx) => await writeSpotterExtras(trx, userId, file, idFor))

  test('creates the goals with their updates and the plans, references remapped, in the caller\'s transaction', async () => {
    const file = parseSpotterDocument(doc)
    const made = await write(file)
    assert.equal(made.goals.length, 3)
    assert.equal(made.plans.length, 1)
    for (const [i, { id, updatedAt }] of made.goals.entries()) {
      const source = doc.goals[i]
      const goal = (await c.get(`/goals/${id}`)).json()
      assert.equal(goal.updatedAt, updatedAt)
      const pick = (g: any) => [g.type, g.title, g.metric, g.direction, g.startValue, g.targetValue, g.status, g.deadline, g.achievedAt, g.createdAt]
      assert.deepEqual(pick(goal), pick(source))
      assert.equal(goal.exerciseId, source.exerciseId === null ? null : idFor(source.exerciseId))
      if (source.exerciseId !== null) assert.notEqual(goal.exerciseId, source.exerciseId)
      const updates = (await c.get(`/goals/${id}/progress`)).json().items
      assert.deepEqual(updates.map((u: any) => [u.value, u.note, u.recordedAt]), source.progressUpdates.map((u: any) => [u.value, u.note, u.recordedAt]))
    }
    const plan = (await c.get(`/plans/${made.plans[0].id}`)).json()
    const strip = (p: any) => ({
      ...p,
      id: undefined,
      updatedAt: undefined,
      days: p.days.map((d: any) => ({ ...d, id: undefined, items: d.items.map((i: any) => ({ ...i, id: undefined, exercise: undefined, exerciseId: undefined })) }))
    })
    assert.deepEqual(strip(plan), strip(doc.plans[0]))
    assert.deepEqual(plan.days.flatMap((d: any) => d.items.map((i: any) => i.exerciseId)),
      doc.plans[0].days.flatMap((d: any) => d.items.map((i: any) => idFor(i.exerciseId))))
    assert.equal(plan.isActive, true, 'carol had no active plan')
    const report = await f.t.app.database.db.transaction().execute(async (trx) => await projections.rebuildUser(trx, carol.userId))
    assert.equal(report.changed, false, JSON.stringify(report))
  })

  test('an imported plan does not take over the plan the account follows', async () => {
    const dave = await register(f.t.app)
    const own = await made(await as(f.t.app, dave).post('/plans', { name: 'Mine', isActive: true }))
    const made2 = await write({ plans: [doc.plans[0]].map((p: any) => ({ ...p, days: [] })) }, dave.userId)
    assert.equal((await as(f.t.app, dave).get(`/plans/${made2.plans[0].id}`)).json().isActive, false)
    assert.equal((await as(f.t.app, dave).get(`/plans/${own.id}`)).json().isActive, true)
  })

  test('a reference the account cannot use is a 400 pointing into the document, and nothing is kept', async () => {
    const erin = await register(f.t.app)
    const plan = { ...doc.plans[0], days: [{ ...doc.plans[0].days[0], items: [{ ...doc.plans[0].days[0].items[0], exerciseId: newId() }] }] }
    let error: unknown
    try {
      await write({ goals: doc.goals.filter((g: any) => g.exerciseId === null), plans: [plan] }, erin.userId)
    } catch (e) { error = e }
    assert.ok(error instanceof BadRequestError, String(error))
    assert.deepEqual(error.errors?.map((e) => e.path), ['/plans/0/days/0/items/0/exerciseId'])
    assert.deepEqual((await as(f.t.app, erin).get('/goals')).json().items, [], 'rolled back with the transaction')
  })
})
