import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'
import { assertFieldError } from './helpers/problem.js'

// Weeks and dates are the user's (shared/API.md, Statistics): checked around the date line and
// daylight-saving changes, with instants written out by hand (not computed by the code under test).
let t: TestApp
let me: ReturnType<typeof as>

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
})
after(async () => { await t.close() })

async function fresh (): Promise<{ api: ReturnType<typeof as>, ex: TestExercises }> {
  const s = await register(t.app)
  return { api: as(t.app, s), ex: await createExercises(t.app, s) }
}

async function zone (api: ReturnType<typeof as>, timeZone: string): Promise<void> {
  const res = await api.patch('/me', { timeZone })
  assert.equal(res.statusCode, 200, res.body)
}

async function train (api: ReturnType<typeof as>, exerciseId: string, startedAt: string, weightKg = 100): Promise<string> {
  const endedAt = new Date(Date.parse(startedAt) + 3_600_000).toISOString()
  const res = await api.post('/workouts', { name: 'W', startedAt, endedAt, exercises: [{ exerciseId, sets: [{ reps: 5, weightKg }] }] })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id
}

const weeks = async (api: ReturnType<typeof as>): Promise<string[]> =>
  (await api.get('/stats/volume?period=week')).json().series.map((s: any) => s.periodStart)
const months = async (api: ReturnType<typeof as>): Promise<string[]> =>
  (await api.get('/stats/volume?period=month')).json().series.map((s: any) => s.periodStart)
const dates = async (api: ReturnType<typeof as>, exerciseId: string, query = ''): Promise<string[]> =>
  (await api.get(`/stats/exercises/${exerciseId}${query}`)).json().history.map((h: any) => h.date)

describe('the user\'s time zone', () => {
  test('is UTC by default, takes IANA names in any case, and refuses others', async () => {
    assert.equal((await me.get('/me')).json().timeZone, 'UTC')
    const res = await me.patch('/me', { timeZone: 'america/los_angeles' })
    assert.equal(res.json().timeZone, 'America/Los_Angeles')
    assertFieldError(await me.patch('/me', { timeZone: 'Mars/Olympus_Mons' }), '/timeZone')
    assertFieldError(await me.patch('/me', { timeZone: '' }), '/timeZone')
    assert.equal((await me.get('/me')).json().timeZone, 'America/Los_Angeles')
    // Current IANA names stay as given, not replaced by the older aliases the platform lists them under.
    assert.equal((await me.patch('/me', { timeZone: 'Asia/Kathmandu' })).json().timeZone, 'Asia/Kathmandu')
    assert.equal((await me.patch('/me', { timeZone: 'Asia/Kolkata' })).json().timeZone, 'Asia/Kolkata')
    await zone(me, 'UTC')
  })

  test('a Sunday-evening workout in Los Angeles belongs to that Sunday\'s week; a new zone re-files it', async () => {
    const { api, ex } = await fresh()
    // Sunday 2026-11-29 19:00 in Los Angeles (PST, UTC−8) is Monday 03:00 UTC.
    await train(api, ex.weight_reps, '2026-11-30T03:00:00.000Z')
    assert.deepEqual(await weeks(api), ['2026-11-30'])
    await zone(api, 'America/Los_Angeles')
    assert.deepEqual(await weeks(api), ['2026-11-23'], 'cached whole-history volume follows the new zone')
    assert.deepEqual(await dates(api, ex.weight_reps), ['2026-11-29'])
    const summary = (await api.get('/stats/summary')).json()
    assert.equal(summary.workouts, 1)
    await zone(api, 'UTC')
    assert.deepEqual(await weeks(api), ['2026-11-30'])
  })

  test('across the date line the same instants fall on different dates and weeks', async () => {
    const { api, ex } = await fresh()
    // 2026-01-04 (a Sunday) 10:30 UTC is Monday 00:30 in Kiritimati (UTC+14) and Saturday 23:30 in Pago Pago (UTC−11).
    await train(api, ex.weight_reps, '2026-01-04T10:30:00.000Z')
    await zone(api, 'Pacific/Kiritimati')
    assert.deepEqual(await dates(api, ex.weight_reps), ['2026-01-05'])
    assert.deepEqual(await weeks(api), ['2026-01-05'])
    await zone(api, 'Pacific/Pago_Pago')
    assert.deepEqual(await dates(api, ex.weight_reps), ['2026-01-03'])
    assert.deepEqual(await weeks(api), ['2025-12-29'])
    // Monthly volume is the local month too: 2026-02-01 04:30 UTC is still January in Pago Pago.
    await train(api, ex.weight_reps, '2026-02-01T04:30:00.000Z')
    assert.deepEqual(await months(api), ['2026-01-01'])
    await zone(api, 'Pacific/Kiritimati')
    assert.deepEqual(await months(api), ['2026-01-01', '2026-02-01'])
  })

  test('from/to dates are whole local days, also on the days clocks change', async () => {
    const { api, ex } = await fresh()
    await zone(api, 'Europe/London')
    // Clocks go forward on 2026-03-29 at 01:00 UTC: that day runs 00:00Z–22:59:59.999Z.
    await train(api, ex.weight_reps, '2026-03-28T23:30:00.000Z') // 23:30 GMT on the 28th
    await train(api, ex.weight_reps, '2026-03-29T00:30:00.000Z') // 00:30 GMT on the 29th
    await train(api, ex.weight_reps, '2026-03-29T22:30:00.000Z') // 23:30 BST on the 29th
    await train(api, ex.weight_reps, '2026-03-29T23:30:00.000Z') // 00:30 BST on the 30th (a Monday)
    assert.deepEqual(await dates(api, ex.weight_reps), ['2026-03-28', '2026-03-29', '2026-03-29', '2026-03-30'])
    assert.deepEqual(await dates(api, ex.weight_reps, '?from=2026-03-29&to=2026-03-29'), ['2026-03-29', '2026-03-29'])
    assert.equal((await api.get('/stats/summary?from=2026-03-29&to=2026-03-29')).json().workouts, 2)
    assert.equal((await api.get('/workouts?from=2026-03-29&to=2026-03-29')).json().items.length, 2)
    assert.deepEqual(await weeks(api), ['2026-03-23', '2026-03-30'])
    // Clocks go back on 2026-10-25 at 01:00 UTC: that day runs 2026-10-24T23:00Z–2026-10-25T23:59:59.999Z.
    await train(api, ex.weight_reps, '2026-10-24T22:30:00.000Z') // 23:30 BST on the 24th
    await train(api, ex.weight_reps, '2026-10-24T23:30:00.000Z') // 00:30 BST on the 25th
    await train(api, ex.weight_reps, '2026-10-25T23:30:00.000Z') // 23:30 GMT on the 25th
    assert.deepEqual(await dates(api, ex.weight_reps, '?from=2026-10-25&to=2026-10-25'), ['2026-10-25', '2026-10-25'])
  })

  test('streaks count the user\'s weeks', async () => {
    const { api, ex } = await fresh()
    // Two Sunday evenings in Los Angeles a week apart: in UTC they are Mondays, in Los Angeles
    // consecutive Sundays, and with a workout on the Monday in between (UTC) the weeks differ.
    await train(api, ex.weight_reps, '2026-06-08T04:00:00.000Z') // Sun 7 Jun 21:00 PDT, Mon 8 Jun UTC
    await train(api, ex.weight_reps, '2026-06-15T04:00:00.000Z') // Sun 14 Jun 21:00 PDT, Mon 15 Jun UTC
    await train(api, ex.weight_reps, '2026-06-15T18:00:00.000Z') // Mon 15 Jun, both
    const utc = (await api.get('/stats/summary')).json()
    assert.deepEqual([utc.longestStreakWeeks, utc.workoutsPerWeek], [2, 1.5])
    await zone(api, 'America/Los_Angeles')
    const la = (await api.get('/stats/summary')).json()
    assert.deepEqual([la.longestStreakWeeks, la.workoutsPerWeek], [3, 1])
  })

  test('the current streak runs up to this week: workouts dated in the future are not part of it', async () => {
    const { api, ex } = await fresh()
    const week = 7 * 86_400_000
    // Monday 01:00 UTC of this ISO week (the user is on UTC), and the same hour of other weeks.
    const monday = (Math.floor((Date.now() / 86_400_000 + 3) / 7) * 7 - 3) * 86_400_000 + 3_600_000
    const inWeek = (n: number): string => new Date(monday + n * week).toISOString()
    await train(api, ex.weight_reps, inWeek(3))
    assert.equal((await api.get('/stats/summary')).json().currentStreakWeeks, 0)
    await train(api, ex.weight_reps, inWeek(0))
    await train(api, ex.weight_reps, inWeek(-1))
    await train(api, ex.weight_reps, inWeek(1))
    const s = (await api.get('/stats/summary')).json()
    assert.deepEqual([s.currentStreakWeeks, s.longestStreakWeeks], [2, 3])
  })

  test('a weekly goal counts the workouts of the current week in the user\'s zone', async () => {
    const { api, ex } = await fresh()
    await zone(api, 'Pacific/Kiritimati')
    const now = Date.now()
    // A minute ago is in this week in Kiritimati, unless its week just began there: then skip.
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Pacific/Kiritimati', weekday: 'short', hour: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(now))
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
    if (part('weekday') === 'Mon' && Number(part('hour')) === 0) return
    await train(api, ex.weight_reps, new Date(now - 60_000).toISOString())
    const res = await api.post('/goals', { type: 'weekly_workouts', targetValue: 2 })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().currentValue, 1)
  })
})
