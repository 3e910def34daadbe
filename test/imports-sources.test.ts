import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import {
  bodyTrackerFile, buildHistory, fitNotesFile, hevyFile, strongFile, type ModelWorkout
} from './helpers/import-files.js'

/**
 * Each source through the routes, on synthetic files of the apps' structure: what lands in the
 * training data is the model the file was written from (units converted, supersets grouped,
 * the user's time zone applied, FitNotes' one workout per day).
 */
describe('imports from every source', () => {
  let t: TestApp

  before(async () => { t = await createTestApp() })
  after(async () => { await t.close() })

  async function importFile (session: Session, query: string, text: string): Promise<Record<string, any>> {
    const res: LightMyRequestResponse = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'text/csv; charset=utf-8' },
      payload: text
    })
    assert.equal(res.statusCode, 201, res.body)
    const committed = await as(t.app, session).post(`/imports/${res.json().id as string}/commit`)
    assert.equal(committed.statusCode, 200, committed.body)
    return committed.json()
  }

  async function workouts (session: Session): Promise<Array<Record<string, any>>> {
    const api = as(t.app, session)
    const list = (await api.get('/workouts?limit=100')).json().items as Array<{ id: string }>
    return await Promise.all(list.reverse().map(async (w) => (await api.get(`/workouts/${w.id}`)).json()))
  }

  const setsOf = (model: ModelWorkout[]): number => model.reduce((n, w) =>
    n + w.exercises.reduce((m, e) => m + e.sets.length, 0), 0)

  test('Hevy in pounds with supersets, read in the user\'s time zone', async () => {
    const session = await register(t.app)
    await as(t.app, session).patch('/me', { timeZone: 'America/Los_Angeles' })
    const model = buildHistory({ workouts: 6, seed: 3, supersets: true, rpe: true })
    const imp = await importFile(session, 'source=hevy', hevyFile(model, { weightUnit: 'lb', usDates: true }).text)
    assert.equal(imp.timeZone, 'America/Los_Angeles')
    assert.equal(imp.weightUnit, 'lb')
    assert.equal(imp.counts.workouts, model.length)
    const stored = await workouts(session)
    assert.equal(stored.length, model.length)
    const first = stored[0]
    const local = new Date(first.startedAt).toLocaleString('sv-SE', { timeZone: 'America/Los_Angeles' })
    assert.equal(local.slice(0, 16), model[0].start.slice(0, 16), 'the file\'s wall time in the user\'s zone')
    const weights = stored.flatMap((w) => w.exercises.flatMap((e: any) => e.sets.map((s: any) => s.weightKg)))
    assert.ok(weights.every((kg: number | null) => kg === null || Math.abs(kg * 100 - Math.round(kg * 100)) < 1e-9),
      'kept to 0.01 kg')
    const groups = stored.flatMap((w) => w.exercises.map((e: any) => e.supersetGroup)).filter((g) => g !== null)
    assert.ok(groups.length > 0 && groups.every((g: number) => g >= 1), 'superset ids become groups from 1')
  })

  test('FitNotes: one workout per day at noon, with comments', async () => {
    const session = await register(t.app)
    const model = buildHistory({ workouts: 5, seed: 5, everyDays: 1 })
    const imp = await importFile(session, 'source=fitnotes', fitNotesFile('new-10', model, { commaNames: true }).text)
    const days = new Set(model.map((w) => w.start.slice(0, 10)))
    assert.equal(imp.counts.workouts, days.size)
    assert.equal(imp.counts.sets, setsOf(model))
    const stored = await workouts(session)
    for (const w of stored) {
      assert.equal(w.name, 'FitNotes workout')
      assert.equal(w.startedAt.slice(11), '12:00:00.000Z')
      assert.equal(w.endedAt, w.startedAt)
      assert.equal(w.status, 'completed')
    }
  })

  test('Strong in French with localised durations and Rest Timer rows', async () => {
    const session = await register(t.app)
    const model = buildHistory({ workouts: 4, seed: 9 })
    const file = strongFile('classic-12', model, { language: 'fr', restTimerRows: true, noteRows: true, crlf: true, bom: true })
    const imp = await importFile(session, 'source=strong', file.text)
    assert.equal(imp.counts.workouts, model.length)
    assert.equal(imp.counts.sets, setsOf(model))
    const stored = await workouts(session)
    const rests = stored.flatMap((w) => w.exercises.map((e: any) => e.restSec)).filter((r) => r !== null)
    assert.ok(rests.length > 0, 'Rest Timer rows give restSec')
  })

  test('FitNotes body tracker: progress logs in the metric\'s unit; a second import skips them', async () => {
    const session = await register(t.app)
    const entries = [
      { date: '2024-03-01', time: '07:30:00', measurement: 'Bodyweight', value: 180, unit: 'lbs' },
      { date: '2024-03-08', time: '07:30:00', measurement: 'Bodyweight', value: 178.5, unit: 'lbs' },
      { date: '2024-03-01', time: '07:31:00', measurement: 'Waist', value: 34, unit: 'in' },
      { date: '2024-03-01', time: '07:32:00', measurement: 'Grip Strength', value: 52, unit: 'kg' }
    ]
    const text = bodyTrackerFile(entries).text
    const imp = await importFile(session, 'source=fitnotes', text)
    assert.equal(imp.counts.progressLogs, 4)
    const logs = (await as(t.app, session).get('/progress-logs?limit=100')).json().items as Array<Record<string, any>>
    const weight = logs.find((l) => l.metric === 'body_weight' && l.measuredAt === '2024-03-01T07:30:00.000Z')
    assert.ok(weight !== undefined)
    assert.equal(weight.unit, 'kg')
    assert.ok(Math.abs(weight.value - 81.65) < 0.01, String(weight.value))
    const waist = logs.find((l) => l.metric === 'waist')
    assert.ok(Math.abs(waist?.value - 86.36) < 0.01)
    assert.ok(logs.some((l) => String(l.metric).startsWith('custom:') && l.unit === 'kg'))
    const again = await importFile(session, 'source=fitnotes', text)
    assert.equal(again.counts.progressLogs, 0)
    assert.equal((await as(t.app, session).get('/progress-logs?limit=100')).json().items.length, 4)
  })
})
