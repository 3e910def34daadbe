import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'

/**
 * Leaving with everything: GET /export → import (source=spotter) into a new account → GET /export
 * gives the same document apart from ids and timestamps; the CSV export reads back through the
 * Strong importer with the same statistics.
 */
const BENCH = '01a19467-e802-722a-abba-434af7990963'

// Ids differ between accounts, and so do the instants the server stamps; data instants stay.
const SERVER_STAMPS = new Set(['id', 'createdAt', 'updatedAt', 'exportedAt', 'committedAt', 'user'])
const isIdKey = (key: string): boolean => key === 'id' || (key.endsWith('Id') && key !== 'exerciseId') ||
  key === 'workoutId' || key === 'planId' || key === 'planDayId' || key === 'goalId'

function normalise (doc: unknown, customNames: Map<string, string>): unknown {
  return JSON.parse(JSON.stringify(doc, (key, value) => {
    if (SERVER_STAMPS.has(key) || isIdKey(key)) return undefined
    // A custom exercise is known by its name in both accounts; library ids are the same everywhere.
    if (key === 'exerciseId' && typeof value === 'string') return customNames.get(value) ?? value
    return value
  }))
}

const customNamesOf = (doc: { customExercises: Array<{ id: string, name: string }> }): Map<string, string> =>
  new Map(doc.customExercises.map((e) => [e.id, `custom:${e.name}`]))

describe('export, and back in', () => {
  let t: TestApp
  let a: Session
  let api: ReturnType<typeof as>

  async function exportOf (session: Session, format = 'json'): Promise<{ body: string, type: string }> {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/export?format=${format}`,
      headers: { authorization: `Bearer ${session.token}` }
    })
    assert.equal(res.statusCode, 200, res.body)
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="spotter-export-/)
    return { body: res.body, type: String(res.headers['content-type']) }
  }

  async function importInto (session: Session, source: string, body: string, type: string): Promise<Record<string, any>> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports?source=${source}`,
      headers: { authorization: `Bearer ${session.token}`, 'content-type': type },
      payload: body
    })
    assert.equal(res.statusCode, 201, res.body)
    const committed = await as(t.app, session).post(`/imports/${res.json().id as string}/commit`)
    assert.equal(committed.statusCode, 200, committed.body)
    return committed.json()
  }

  before(async () => {
    t = await createTestApp()
    a = await register(t.app)
    api = as(t.app, a)
    await api.patch('/me', { timeZone: 'Europe/Berlin' })
    const used = (await api.post('/exercises', {
      name: 'Landmine Press',
      category: 'strength',
      primaryMuscles: ['shoulders'],
      equipment: ['barbell'],
      level: 'intermediate',
      tracking: 'weight_reps'
    })).json()
    const planned = (await api.post('/exercises', {
      name: 'Sled Push',
      category: 'strongman',
      primaryMuscles: ['quadriceps'],
      equipment: ['other'],
      level: 'beginner',
      tracking: 'distance_duration'
    })).json()
    await api.post('/exercises', {
      name: 'Never Used',
      category: 'strength',
      primaryMuscles: ['biceps'],
      equipment: ['cable'],
      level: 'beginner',
      tracking: 'reps'
    })
    for (let i = 0; i < 3; i++) {
      const res = await api.post('/workouts', {
        name: `Push ${i}`,
        startedAt: `2025-0${i + 1}-10T17:00:00.000Z`,
        endedAt: `2025-0${i + 1}-10T18:10:00.000Z`,
        notes: i === 0 ? 'first' : null,
        exercises: [
          {
            exerciseId: BENCH,
            restSec: 120,
            supersetGroup: 1,
            notes: 'pause reps',
            sets: [
              { type: 'warmup', reps: 10, weightKg: 40 },
              { reps: 5, weightKg: 90 + i * 2.5, rpe: 8, note: 'solid' },
              { type: 'drop', reps: 10, weightKg: 60 },
              { completed: false, targetReps: 5, targetWeightKg: 95 }
            ]
          },
          { exerciseId: used.id, supersetGroup: 1, sets: [{ reps: 8, weightKg: 30 + i }] }
        ]
      })
      assert.equal(res.statusCode, 201, res.body)
    }
    assert.equal((await api.post('/workouts', {
      name: 'Still going', startedAt: '2025-04-01T08:00:00.000Z', exercises: [{ exerciseId: BENCH, sets: [{ reps: 3, weightKg: 100 }] }]
    })).statusCode, 201)
    for (const [metric, value, at] of [['body_weight', 82.4, '2025-01-01'], ['body_weight', 81.9, '2025-02-01'],
      ['custom:grip', 52, '2025-01-05']] as const) {
      const unit = metric === 'custom:grip' ? { unit: 'kg' } : {}
      assert.equal((await api.post('/progress-logs', { metric, value, measuredAt: `${at}T07:00:00.000Z`, ...unit })).statusCode, 201)
    }
    const goal = (await api.post('/goals', { type: 'exercise_weight', exerciseId: BENCH, targetValue: 120 })).json()
    await api.post(`/goals/${goal.id as string}/progress`, { value: 100, note: 'gym test', recordedAt: '2025-03-01T10:00:00.000Z' })
    await api.post('/goals', { type: 'custom', title: 'Ten push-ups a day', targetValue: 10, startValue: 0 })
    const plan = await api.post('/plans', {
      name: 'Strength',
      days: [{
        name: 'A',
        weekday: 1,
        items: [
          { exerciseId: BENCH, sets: 5, reps: 5, restSec: 180, progression: { type: 'linear', incrementKg: 2.5 }, warmupSets: true },
          { exerciseId: planned.id, sets: 3, durationSec: 30 }
        ]
      }]
    })
    assert.equal(plan.statusCode, 201, plan.body)
  })
  after(async () => { await t.close() })

  test('a round trip through a new account loses nothing', async () => {
    const first = JSON.parse((await exportOf(a)).body)
    assert.equal(first.customExercises.length, 3)
    const b = await register(t.app)
    await as(t.app, b).patch('/me', { timeZone: 'Europe/Berlin' })
    const imported = await importInto(b, 'spotter', JSON.stringify(first), 'application/json')
    assert.equal(imported.counts.workouts, 4)
    const second = JSON.parse((await exportOf(b)).body)
    if (process.env.ROUNDTRIP_DUMP !== undefined) {
      const { writeFileSync } = await import('node:fs')
      writeFileSync('/tmp/rt-first.json', JSON.stringify(normalise(first, customNamesOf(first)), null, 1))
      writeFileSync('/tmp/rt-second.json', JSON.stringify(normalise(second, customNamesOf(second)), null, 1))
    }
    assert.deepEqual(normalise(second, customNamesOf(second)), normalise(first, customNamesOf(first)))
    // The statistics follow the history too.
    const stats = async (s: Session): Promise<unknown> => (await as(t.app, s).get('/stats/summary')).json()
    assert.deepEqual(await stats(b), await stats(a))
    // Importing the same document again creates nothing.
    assert.equal((await importInto(b, 'spotter', JSON.stringify(first), 'application/json')).counts.workouts, 0)
  })

  test('the CSV export reads back through the Strong importer', async () => {
    // A workout still running is written without a duration, which Strong reads as finished: finish it first.
    const running = (await api.get('/workouts?status=in_progress')).json().items[0]
    assert.equal((await api.patch(`/workouts/${running.id as string}`, { endedAt: '2025-04-01T09:00:00.000Z' })).statusCode, 200)
    const csv = await exportOf(a, 'csv')
    assert.match(csv.type, /^text\/csv/)
    const c = await register(t.app)
    await as(t.app, c).patch('/me', { timeZone: 'Europe/Berlin' })
    const imported = await importInto(c, 'strong', csv.body, 'text/csv')
    assert.deepEqual(imported.warnings, [])
    const summaryOf = async (s: Session): Promise<Record<string, unknown>> => (await as(t.app, s).get('/stats/summary')).json()
    const [mine, theirs] = [await summaryOf(a), await summaryOf(c)]
    for (const key of ['workouts', 'sets', 'reps', 'volumeKg', 'firstWorkoutAt', 'lastWorkoutAt']) {
      assert.deepEqual(theirs[key], mine[key], key)
    }
    const records = async (s: Session): Promise<unknown> => (await as(t.app, s).get(`/stats/records?exerciseId=${BENCH}`))
      .json().items.map((r: Record<string, { value: number } | null>) => r.maxWeightKg?.value)
    assert.deepEqual(await records(c), await records(a))
  })
})
