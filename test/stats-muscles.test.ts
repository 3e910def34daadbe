import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError, assertUnauthorized } from './helpers/problem.js'

const DAY = 86_400_000
// Derived numbers are rounded to 6 decimals (docs/statistics.md).
const TOLERANCE = 1e-6

type SetType = 'normal' | 'warmup' | 'drop' | 'failure'
interface TSet {
  id?: string
  type: SetType
  completed: boolean
  reps?: number
  weightKg?: number
  durationSec?: number
}
interface TExercise { key: keyof Muscled, sets: TSet[] }
interface TWorkout { id?: string, startedAt: string, endedAt: string | null, exercises: TExercise[] }
interface Exercise { id: string, primaryMuscles: string[], secondaryMuscles: string[] }
interface Muscled { press: Exercise, squat: Exercise, plank: Exercise, bench: Exercise }
interface Answer {
  from: string | null
  to: string | null
  weeks: number
  muscles: Array<{ muscle: string, hardSets: number, weeklyHardSets: number }>
  series: Array<{ weekStart: string, muscle: string, hardSets: number }>
}

const lift = (type: SetType, reps: number, weightKg: number, completed = true): TSet =>
  ({ type, reps, weightKg, completed })
const hold = (durationSec: number): TSet => ({ type: 'normal', durationSec, completed: true })
const work = (n: number, reps: number, weightKg: number): TSet[] =>
  Array.from({ length: n }, () => lift('normal', reps, weightKg))
const session = (startedAt: string, minutes: number | null, exercises: TExercise[]): TWorkout => {
  const endedAt = minutes === null ? null : new Date(Date.parse(startedAt) + minutes * 60_000).toISOString()
  return { startedAt, endedAt, exercises }
}

// 2025, UTC: Monday 03-03, 03-10, 03-17 and 03-24 start ISO weeks. Warm-ups, sets not completed
// and an in-progress workout must not count; drop and failure sets do. Workouts right after
// Monday 00:00 and right before Sunday 24:00 pin the week boundaries.
const HISTORY: TWorkout[] = [
  session('2025-02-26T18:00:00.000Z', 60, [{ key: 'bench', sets: work(2, 5, 80) }]),
  session('2025-03-03T00:30:00.000Z', 70, [
    {
      key: 'press',
      sets: [lift('warmup', 10, 20), ...work(2, 8, 40), lift('failure', 12, 30), lift('normal', 8, 45, false)]
    },
    { key: 'squat', sets: work(3, 5, 100) }
  ]),
  session('2025-03-09T23:30:00.000Z', 25, [
    { key: 'bench', sets: [...work(2, 5, 85), lift('drop', 10, 60)] },
    { key: 'plank', sets: [hold(60), hold(45)] }
  ]),
  session('2025-03-10T00:15:00.000Z', 50, [{ key: 'press', sets: [lift('warmup', 10, 20), ...work(3, 6, 42.5)] }]),
  session('2025-03-12T17:00:00.000Z', null, [{ key: 'squat', sets: work(2, 5, 110) }]),
  session('2025-03-18T18:00:00.000Z', 55, [
    { key: 'squat', sets: [lift('warmup', 5, 60), ...work(2, 3, 120)] },
    { key: 'bench', sets: [lift('normal', 3, 90), lift('normal', 3, 95, false)] },
    { key: 'plank', sets: [hold(90)] }
  ]),
  session('2025-03-24T00:00:00.000Z', 45, [{ key: 'press', sets: work(1, 8, 40) }])
]

const weekIndexOf = (ms: number): number => Math.floor((ms / DAY + 3) / 7)
const mondayOf = (ms: number): string => {
  const day = new Date(ms)
  const back = (day.getUTCDay() + 6) % 7
  const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - back)
  return new Date(monday).toISOString().slice(0, 10)
}
const inRange = (ms: number, from: string | null, to: string | null): boolean =>
  (from === null || ms >= Date.parse(from)) && (to === null || ms <= Date.parse(to))

/**
 * The answer by its definition, from the workouts as logged: each completed non-warm-up set of a
 * completed workout counts 1 per primary and 0.5 per secondary muscle, in its start's ISO week;
 * the weeks to average over run from `from` (else the first data) to `to` (else this week).
 */
function expected (history: TWorkout[], ex: Muscled, from: string | null, to: string | null, nowMs: number): Answer {
  const perWeek = new Map<string, number>()
  const totals = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, sets: number): void => {
    map.set(key, (map.get(key) ?? 0) + sets)
  }
  const starts: number[] = []
  for (const w of history) {
    const start = Date.parse(w.startedAt)
    if (w.endedAt === null || !inRange(start, from, to)) continue
    starts.push(start)
    for (const e of w.exercises) {
      const n = e.sets.filter((s) => s.completed && s.type !== 'warmup').length
      if (n === 0) continue
      const { primaryMuscles, secondaryMuscles } = ex[e.key]
      const weighted = (muscles: string[], weight: number) => muscles.map((m) => [m, weight] as const)
      const weights = [...weighted(primaryMuscles, 1), ...weighted(secondaryMuscles, 0.5)]
      for (const [muscle, weight] of weights) {
        add(perWeek, `${mondayOf(start)}|${muscle}`, n * weight)
        add(totals, muscle, n * weight)
      }
    }
  }
  const weeksOfData = starts.map(weekIndexOf)
  const first = from !== null ? weekIndexOf(Date.parse(from)) : Math.min(...weeksOfData)
  const last = to !== null
    ? weekIndexOf(Math.min(Date.parse(to), nowMs))
    : Math.max(...weeksOfData, weekIndexOf(nowMs))
  const weeks = Number.isFinite(first) ? Math.max(1, last - first + 1) : 0
  return {
    from,
    to,
    weeks,
    muscles: [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([muscle, hardSets]) => ({ muscle, hardSets, weeklyHardSets: hardSets / weeks })),
    series: [...perWeek].map(([key, hardSets]) => {
      const [weekStart, muscle] = key.split('|')
      return { weekStart, muscle, hardSets }
    }).sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.muscle.localeCompare(b.muscle))
  }
}

function assertMuscles (actual: Answer, want: Answer): void {
  const near = (a: number, e: number, what: string, tolerance = TOLERANCE): void => {
    assert.ok(Math.abs(a - e) <= tolerance, `${what}: ${a} ≠ ${e}`)
  }
  const keys = (a: Answer): string[] => a.series.map((s) => `${s.weekStart} ${s.muscle}`)
  assert.deepEqual([actual.from, actual.to, actual.weeks], [want.from, want.to, want.weeks], 'from, to, weeks')
  assert.deepEqual(actual.muscles.map((m) => m.muscle), want.muscles.map((m) => m.muscle), 'muscles, most sets first')
  want.muscles.forEach((m, i) => {
    near(actual.muscles[i].hardSets, m.hardSets, `${m.muscle} hardSets`)
    near(actual.muscles[i].weeklyHardSets, m.weeklyHardSets, `${m.muscle} weeklyHardSets`, TOLERANCE)
  })
  assert.deepEqual(keys(actual), keys(want), 'series, by week then muscle')
  want.series.forEach((s, i) => { near(actual.series[i].hardSets, s.hardSets, `${s.weekStart} ${s.muscle}`) })
}

describe('GET /stats/muscles', () => {
  let t: TestApp
  let api: ReturnType<typeof as>
  let ex: Muscled
  const history = structuredClone(HISTORY)
  const MARCH = ['2025-03-03T00:00:00.000Z', '2025-03-23T23:59:59.999Z'] as const

  before(async () => {
    t = await createTestApp()
    api = as(t.app, await register(t.app))
    const custom = async (name: string, tracking: string, primary: string[], secondary: string[]) => {
      const res = await api.post('/exercises', {
        name,
        category: 'strength',
        primaryMuscles: primary,
        secondaryMuscles: secondary,
        equipment: ['other'],
        level: 'beginner',
        tracking
      })
      assert.equal(res.statusCode, 201, res.body)
      return res.json<Exercise>()
    }
    const library = await api.get(`/exercises?q=${encodeURIComponent('barbell bench press')}`)
    const items = library.json().items as Array<Exercise & { name: string }>
    const bench = items.find((e) => e.name === 'Barbell Bench Press')
    assert.ok(bench !== undefined, 'the library has Barbell Bench Press')
    ex = {
      press: await custom('Test Incline Press', 'weight_reps', ['chest', 'shoulders'], ['triceps']),
      squat: await custom('Test Squat', 'weight_reps', ['quadriceps', 'glutes'], ['hamstrings', 'lower_back']),
      plank: await custom('Test Plank', 'duration', ['abdominals'], []),
      bench
    }
    for (const w of history) {
      const res = await api.post('/workouts', {
        name: 'Session',
        startedAt: w.startedAt,
        ...(w.endedAt === null ? {} : { endedAt: w.endedAt }),
        exercises: w.exercises.map((e) => ({ exerciseId: ex[e.key].id, sets: e.sets }))
      })
      assert.equal(res.statusCode, 201, res.body)
      w.id = res.json().id
      res.json().exercises.forEach((e: { sets: Array<{ id: string }> }, i: number) => {
        e.sets.forEach((s, j) => { w.exercises[i].sets[j].id = s.id })
      })
    }
    // Another user's sets never count.
    const bob = as(t.app, await register(t.app))
    const res = await bob.post('/workouts', {
      name: 'Bob',
      startedAt: '2025-03-04T12:00:00.000Z',
      endedAt: '2025-03-04T13:00:00.000Z',
      exercises: [{ exerciseId: bench.id, sets: work(3, 5, 100) }]
    })
    assert.equal(res.statusCode, 201, res.body)
  })
  after(async () => { await t.close() })

  const musclesOf = async (query: string): Promise<Answer> => {
    const res = await api.get(`/stats/muscles${query}`)
    assert.equal(res.statusCode, 200, res.body)
    return res.json()
  }

  test('whole ISO weeks: sets per muscle and week, averaged over the weeks of the range', async () => {
    const answer = await musclesOf('?from=2025-03-03&to=2025-03-23')
    assertMuscles(answer, expected(history, ex, ...MARCH, Date.now()))
    assert.equal(answer.weeks, 3)
    // Spelled out once: chest is primary for both presses; week one has 3 press sets and Sunday's 3 bench sets.
    assert.deepEqual(answer.series.filter((s) => s.muscle === 'chest').map((s) => [s.weekStart, s.hardSets]),
      [['2025-03-03', 6], ['2025-03-10', 3], ['2025-03-17', 1]])
  })

  test('a range that starts and ends mid-week files sets by their week and counts the weeks it touches', async () => {
    const answer = await musclesOf('?from=2025-03-05&to=2025-03-18')
    assertMuscles(answer, expected(history, ex, '2025-03-05T00:00:00.000Z', '2025-03-18T23:59:59.999Z', Date.now()))
    assert.equal(answer.weeks, 3)
  })

  test('open-ended ranges: from the first data, or up to this week', async () => {
    const now = Date.now()
    assertMuscles(await musclesOf('?to=2025-03-09'), expected(history, ex, null, '2025-03-09T23:59:59.999Z', now))
    const since = await musclesOf('?from=2025-02-24T00:00:00Z')
    assertMuscles(since, expected(history, ex, '2025-02-24T00:00:00.000Z', null, now))
    assert.equal(since.weeks, weekIndexOf(now) - weekIndexOf(Date.parse('2025-02-24T00:00:00Z')) + 1)
  })

  test('without a range: the last four ISO weeks including this one', async () => {
    const startOfRange = (): string => `${mondayOf(Date.now() - 21 * DAY)}T00:00:00.000Z`
    const earliest = startOfRange()
    const answer = await musclesOf('')
    // Either side of the request, in case a week turned over meanwhile.
    assert.ok([earliest, startOfRange()].includes(answer.from as string), `from: ${String(answer.from)}`)
    assertMuscles(answer, { from: answer.from, to: null, weeks: 4, muscles: [], series: [] })
  })

  test('edits are reflected: a set turned into a warm-up and a deleted workout stop counting', async () => {
    const squatDay = history[1]
    const set = squatDay.exercises[1].sets[0]
    const workout = await api.get(`/workouts/${squatDay.id as string}`)
    const workoutExerciseId = workout.json().exercises[1].id as string
    const setPath = `/workouts/${squatDay.id as string}/exercises/${workoutExerciseId}/sets/${set.id as string}`
    const patched = await api.patch(setPath, { type: 'warmup' })
    assert.equal(patched.statusCode, 200, patched.body)
    set.type = 'warmup'
    const benchDay = history.findIndex((w) => w.startedAt.startsWith('2025-03-09'))
    assert.equal((await api.delete(`/workouts/${history[benchDay].id as string}`)).statusCode, 204)
    history.splice(benchDay, 1)
    const answer = await musclesOf('?from=2025-03-03&to=2025-03-23')
    assertMuscles(answer, expected(history, ex, ...MARCH, Date.now()))
    assert.equal(answer.series.find((s) => s.weekStart === '2025-03-03' && s.muscle === 'quadriceps')?.hardSets, 2)
  })

  test('bad input is a 400 at the field; no token is a 401', async () => {
    assertFieldError(await api.get('/stats/muscles?from=2025-13-01'), '/from')
    assertFieldError(await api.get('/stats/muscles?from=2025-03-10&to=2025-03-03'), '/to')
    assertUnauthorized(await as(t.app, undefined).get('/stats/muscles'))
  })
})
