import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError, assertUnauthorized } from './helpers/problem.js'

const DAY = 86_400_000
const WEEK = 7 * DAY
const TOLERANCE = 1e-6

interface Log { metric: string, value: number, measuredAt: string }
interface Point { measuredAt: string, value: number, average7d: number }
interface Trend {
  metric: string
  unit: string | null
  points: Point[]
  changeTotal: number | null
  slopePerWeek: number | null
}

const at = (day: string, time: string): string => new Date(`2025-${day}T${time}Z`).toISOString()

// Irregular spacing (several logs within a week, gaps longer than a week), fractional values
// and odd times of day, so every point's 7-day window holds a different set of logs. No two
// logs are exactly 7 days apart: the window's edge is not what this file pins down.
const WEIGHT: Log[] = [
  ['01-03', '07:12:00.250', 84.2], ['01-05', '21:40:10.000', 83.9], ['01-06', '06:05:00.000', 84.6],
  ['01-09', '12:00:00.125', 83.1], ['01-20', '07:30:00.000', 82.4], ['01-22', '23:59:59.999', 82.9],
  ['01-24', '00:00:00.001', 81.7], ['02-14', '08:15:00.000', 81.2], ['02-15', '08:14:00.000', 80.8],
  ['02-19', '19:45:30.500', 81.5], ['03-30', '10:00:00.000', 79.9]
].map(([day, time, value]) => ({ metric: 'body_weight', value: Number(value), measuredAt: at(`${day}`, `${time}`) }))

/** The contract's trend, computed here from the logs themselves (not from the server's SQL). */
function expectedTrend (logs: Log[], metric: string, unit: string | null, from?: string, to?: string): Trend {
  const ms = (log: Log): number => Date.parse(log.measuredAt)
  const mine = logs.filter((l) => l.metric === metric).sort((a, b) => ms(a) - ms(b))
  const inRange = mine.filter((l) =>
    (from === undefined || ms(l) >= Date.parse(from)) && (to === undefined || ms(l) <= Date.parse(to)))
  const points = inRange.map((p) => {
    // The 7 days ending at the point, earlier logs outside the requested range included.
    const window = mine.filter((q) => ms(q) <= ms(p) && ms(q) > ms(p) - WEEK)
    const average7d = window.reduce((sum, q) => sum + q.value, 0) / window.length
    return { measuredAt: p.measuredAt, value: p.value, average7d }
  })
  let slopePerWeek: number | null = null
  if (points.length >= 2) {
    const xs = inRange.map((l) => ms(l) / WEEK)
    const ys = inRange.map((l) => l.value)
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length
    const [mx, my] = [mean(xs), mean(ys)]
    const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0)
    const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0)
    slopePerWeek = sxy / sxx
  }
  const changeTotal = points.length === 0 ? null : points[points.length - 1].value - points[0].value
  return { metric, unit, points, changeTotal, slopePerWeek }
}

/** Same shape and order, every number within TOLERANCE. */
function assertTrend (actual: Trend, expected: Trend): void {
  const near = (a: number | null, e: number | null, what: string): void => {
    if (e === null) { assert.equal(a, null, what); return }
    assert.equal(typeof a, 'number', `${what}: ${String(a)}`)
    assert.ok(Math.abs((a as number) - e) <= TOLERANCE, `${what}: ${String(a)} ≠ ${e}`)
  }
  assert.equal(actual.metric, expected.metric)
  assert.equal(actual.unit, expected.unit)
  const instants = (trend: Trend): string[] => trend.points.map((p) => p.measuredAt)
  assert.deepEqual(instants(actual), instants(expected), 'points, oldest first')
  expected.points.forEach((p, i) => {
    near(actual.points[i].value, p.value, `points[${i}].value`)
    near(actual.points[i].average7d, p.average7d, `points[${i}].average7d`)
  })
  near(actual.changeTotal, expected.changeTotal, 'changeTotal')
  near(actual.slopePerWeek, expected.slopePerWeek, 'slopePerWeek')
}

describe('GET /stats/trends', () => {
  let t: TestApp
  let api: ReturnType<typeof as>
  const GRIP: Log[] = [
    { metric: 'custom:grip_strength', value: 41.5, measuredAt: at('02-01', '09:00:00.000') },
    { metric: 'custom:grip_strength', value: 44, measuredAt: at('02-10', '18:30:00.000') },
    { metric: 'custom:grip_strength', value: 43.25, measuredAt: at('02-12', '07:45:00.000') }
  ]
  const WAIST: Log[] = [{ metric: 'waist', value: 88, measuredAt: at('02-02', '08:00:00.000') }]

  before(async () => {
    t = await createTestApp()
    api = as(t.app, await register(t.app))
    // Logged out of order (an offline device syncing later): the answer orders by time.
    const logs = [...WEIGHT.slice(5), ...WEIGHT.slice(0, 5).reverse(), ...GRIP, ...WAIST]
    for (const log of logs) {
      const unit = log.metric.startsWith('custom:') ? { unit: 'kg' } : {}
      const res = await api.post('/progress-logs', { ...log, ...unit })
      assert.equal(res.statusCode, 201, res.body)
    }
    // Another user's logs of the same metric must not count, not even toward the averages.
    const bob = as(t.app, await register(t.app))
    for (const day of ['01-04', '01-21', '02-15']) {
      const log = { metric: 'body_weight', value: 120, measuredAt: at(day, '12:00:00.000') }
      const res = await bob.post('/progress-logs', log)
      assert.equal(res.statusCode, 201, res.body)
    }
  })
  after(async () => { await t.close() })

  const trendOf = async (query: string): Promise<Trend> => {
    const res = await api.get(`/stats/trends?${query}`)
    assert.equal(res.statusCode, 200, res.body)
    return res.json()
  }

  test('the whole history: points oldest first, 7-day means, total change and weekly slope', async () => {
    assertTrend(await trendOf('metric=body_weight'), expectedTrend(WEIGHT, 'body_weight', 'kg'))
  })

  test('a range keeps its own points, but earlier logs still count toward each 7-day mean', async () => {
    const from = '2025-01-21T00:00:00.000Z'
    const to = '2025-02-19T23:59:59.999Z'
    const trend = await trendOf('metric=body_weight&from=2025-01-21&to=2025-02-19')
    assertTrend(trend, expectedTrend(WEIGHT, 'body_weight', 'kg', from, to))
    // The 01-22 point's mean reaches back to the 01-20 log, and the 02-14 point's does not reach 01-24.
    assert.equal(trend.points[0].measuredAt, at('01-22', '23:59:59.999'))
    assert.ok(Math.abs(trend.points[0].average7d - (82.4 + 82.9) / 2) <= TOLERANCE)
    assert.ok(Math.abs(trend.points[2].average7d - 81.2) <= TOLERANCE)
  })

  test('instants as bounds are inclusive', async () => {
    const from = at('01-05', '21:40:10.000')
    const to = at('01-09', '12:00:00.125')
    const trend = await trendOf(`metric=body_weight&from=${from}&to=${to}`)
    assert.equal(trend.points.length, 3)
    assertTrend(trend, expectedTrend(WEIGHT, 'body_weight', 'kg', from, to))
  })

  test('a custom metric answers with its own unit', async () => {
    assertTrend(await trendOf('metric=custom:grip_strength'), expectedTrend(GRIP, 'custom:grip_strength', 'kg'))
  })

  test('one point: its own value as the mean, no change, no slope', async () => {
    const trend = await trendOf('metric=waist')
    assertTrend(trend, expectedTrend(WAIST, 'waist', 'cm'))
    assert.equal(trend.changeTotal, 0)
    assert.equal(trend.slopePerWeek, null)
  })

  test('no points: empty, with null change and slope', async () => {
    const empty = { points: [], changeTotal: null, slopePerWeek: null }
    assertTrend(await trendOf('metric=body_fat'), { metric: 'body_fat', unit: '%', ...empty })
    const before2025 = await trendOf('metric=body_weight&from=2024-01-01&to=2024-12-31')
    assertTrend(before2025, { metric: 'body_weight', unit: 'kg', ...empty })
  })

  test('bad input is a 400 at the field; no token is a 401', async () => {
    assertFieldError(await api.get('/stats/trends'), '/metric')
    assertFieldError(await api.get('/stats/trends?metric=body_weight&from=2025-02-30'), '/from')
    assertFieldError(await api.get('/stats/trends?metric=body_weight&from=2025-03-01&to=2025-02-01'), '/to')
    assertUnauthorized(await as(t.app, undefined).get('/stats/trends?metric=body_weight'))
  })
})
