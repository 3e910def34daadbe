import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'

/**
 * The contract's promise for a commit: every statistic, record and goal is what the same sets
 * logged one by one through the workout routes would give. User A imports a Strong file; user B
 * logs each imported workout through POST /workouts (and, later, edits and deletes through the
 * set routes); their statistics must agree exactly, and undo must bring A back to B's empty state.
 */
const HEADER = 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE'

function strongFile (weeks: number): string {
  const lines = [HEADER]
  const start = Date.UTC(2023, 0, 2, 17, 0, 0)
  for (let i = 0; i < weeks * 3; i++) {
    const at = new Date(start + Math.floor(i / 3) * 7 * 86_400_000 + (i % 3) * 2 * 86_400_000 + (i % 5) * 3_600_000)
    const date = at.toISOString().slice(0, 19).replace('T', ' ')
    const day = ['Push', 'Pull', 'Legs'][i % 3]
    const add = (exercise: string, order: string, weight: number, reps: number, distance = 0, seconds = 0): void => {
      lines.push(`${date},"${day}","${50 + (i % 4) * 5}m","${exercise}",${order},${weight},${reps},${distance},${seconds},"","",`)
    }
    const load = 60 + i * 1.25
    if (day === 'Push') {
      add('Bench Press (Barbell)', 'W', 40, 10)
      for (let s = 1; s <= 3; s++) add('Bench Press (Barbell)', String(s), load, 5 + (s % 2))
      add('Overhead Press (Barbell)', '1', load / 2, 8)
      add('Cable Zottman Thing', '1', 15 + (i % 3), 12)
    } else if (day === 'Pull') {
      for (let s = 1; s <= 3; s++) add('Deadlift (Barbell)', String(s), load * 1.6, 5)
      add('Pull Up', '1', 0, 8 + (i % 4))
      add('Plank', '1', 0, 0, 0, 60 + i)
    } else {
      for (let s = 1; s <= 4; s++) add('Squat (Barbell)', String(s), load * 1.3, s === 4 ? 8 : 5)
      add('Squat (Barbell)', 'D', load, 10)
      add('Running', '1', 0, 0, 3 + (i % 3), 900 + i * 10)
    }
  }
  return lines.join('\n') + '\n'
}

interface Workout {
  id: string
  name: string
  startedAt: string
  endedAt: string
  notes: string | null
  exercises: Array<{
    exercise: { id: string, name: string, tracking: string }
    restSec: number | null
    supersetGroup: number | null
    notes: string | null
    sets: Array<Record<string, unknown>>
  }>
}

const SET_FIELDS = ['type', 'reps', 'weightKg', 'durationSec', 'distanceM', 'rpe', 'note'] as const

describe('an import equals the same sets logged one by one', () => {
  let t: TestApp
  let a: ReturnType<typeof as>
  let b: ReturnType<typeof as>
  let aSession: Session
  let importId: string
  const exerciseFor = new Map<string, string>()

  /** A user's statistics with ids left out, A's custom exercise ids written as B's (`map`). */
  async function statistics (api: ReturnType<typeof as>, exerciseIds: string[], map = (id: string) => id): Promise<unknown> {
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) =>
      key === 'workoutId' || key === 'id' || key === 'createdAt' || key === 'updatedAt'
        ? undefined
        : key === 'exerciseId' || key === 'key' ? map(v) : v))
    const goals = (await api.get('/goals')).json().items
      .map((g: Record<string, unknown>) => strip({ ...g, exerciseId: g.exerciseId }))
      .sort((x: { title: string }, y: { title: string }) => x.title.localeCompare(y.title))
    return {
      summary: (await api.get('/stats/summary')).json(),
      records: strip((await api.get('/stats/records')).json()),
      volume: strip((await api.get('/stats/volume?period=week&groupBy=exercise')).json()),
      muscles: strip((await api.get('/stats/volume?period=month&groupBy=muscle')).json()),
      exercises: await Promise.all(exerciseIds.map(async (id) => strip((await api.get(`/stats/exercises/${id}`)).json()))),
      goals
    }
  }

  async function goalsFor (api: ReturnType<typeof as>, bench: string, squat: string): Promise<void> {
    for (const body of [
      { type: 'exercise_1rm', title: 'bench 1rm', exerciseId: bench, targetValue: 100 },
      { type: 'exercise_weight', title: 'squat 150', exerciseId: squat, targetValue: 150 },
      { type: 'weekly_workouts', title: 'three a week', targetValue: 3 }
    ]) assert.equal((await api.post('/goals', body)).statusCode, 201)
  }

  before(async () => {
    t = await createTestApp()
    aSession = await register(t.app)
    a = as(t.app, aSession)
    b = as(t.app, await register(t.app))
  })
  after(async () => { await t.close() })

  test('after the commit, and after edits and deletes on both sides', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=strong',
      headers: { authorization: `Bearer ${aSession.token}`, 'content-type': 'text/csv' },
      payload: strongFile(12)
    })
    assert.equal(preview.statusCode, 201, preview.body)
    importId = preview.json().id
    const matches = preview.json().exercises as Array<{ sourceName: string, exerciseId: string | null, match: string }>
    const bench = matches.find((m) => m.sourceName === 'Bench Press (Barbell)')?.exerciseId as string
    const squat = matches.find((m) => m.sourceName === 'Squat (Barbell)')?.exerciseId as string
    assert.ok(bench !== undefined && squat !== undefined, 'bench and squat are library matches')
    await goalsFor(a, bench, squat)
    await goalsFor(b, bench, squat)
    assert.equal((await a.post(`/imports/${importId}/commit`)).statusCode, 200)

    // B logs the same workouts through the routes; custom exercises are made the same way.
    const ids: string[] = []
    for (let cursor: string | null = null; ;) {
      const page: { items: Array<{ id: string }>, nextCursor: string | null } = (await a.get(`/workouts?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`)).json()
      ids.push(...page.items.map((w) => w.id))
      cursor = page.nextCursor
      if (cursor === null) break
    }
    const aWorkouts: Workout[] = []
    for (const id of ids.reverse()) aWorkouts.push((await a.get(`/workouts/${id}`)).json())
    for (const w of aWorkouts) {
      for (const e of w.exercises) {
        if (exerciseFor.has(e.exercise.id)) continue
        const own = (await a.get(`/exercises/${e.exercise.id}`)).json()
        if (!own.isCustom) continue
        const { id: _id, isCustom: _c, archived: _a, createdAt: _ca, updatedAt: _u, ...definition } = own
        const made = await b.post('/exercises', definition)
        assert.equal(made.statusCode, 201, made.body)
        exerciseFor.set(e.exercise.id, made.json().id)
      }
    }
    const bIdOf = (aId: string): string => exerciseFor.get(aId) ?? aId
    const bWorkouts: Workout[] = []
    for (const w of aWorkouts) {
      const res = await b.post('/workouts', {
        name: w.name,
        startedAt: w.startedAt,
        endedAt: w.endedAt,
        notes: w.notes,
        exercises: w.exercises.map((e) => ({
          exerciseId: bIdOf(e.exercise.id),
          restSec: e.restSec,
          supersetGroup: e.supersetGroup,
          notes: e.notes,
          sets: e.sets.map((s) => Object.fromEntries(SET_FIELDS.map((f) => [f, s[f]])))
        }))
      })
      assert.equal(res.statusCode, 201, res.body)
      bWorkouts.push(res.json())
    }
    const used = [...new Set(aWorkouts.flatMap((w) => w.exercises.map((e) => e.exercise.id)))]
    assert.deepEqual(await statistics(a, used, bIdOf), await statistics(b, used.map(bIdOf)))

    // The same edits and deletes on both sides keep them equal.
    for (const [api, list] of [[a, aWorkouts], [b, bWorkouts]] as const) {
      const w = list[4]
      const set = w.exercises[0].sets[1] as { id: string }
      const r1 = await api.patch(`/workouts/${w.id}/exercises/${(w.exercises[0] as unknown as { id: string }).id}/sets/${set.id}`,
        { weightKg: 200, reps: 3 })
      assert.equal(r1.statusCode, 200, r1.body)
      assert.equal((await api.delete(`/workouts/${list[7].id}`)).statusCode, 204)
    }
    assert.deepEqual(await statistics(a, used, bIdOf), await statistics(b, used.map(bIdOf)))
  })

  test('undo leaves exactly the workouts the user changed', async () => {
    assert.equal((await a.delete(`/imports/${importId}`)).statusCode, 204)
    const left = (await a.get('/workouts?limit=100')).json().items
    assert.equal(left.length, 1, 'the edited workout stays')
  })
})
