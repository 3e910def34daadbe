import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'

describe('training tools', () => {
  let t: TestApp
  let me: ReturnType<typeof as>
  before(async () => {
    t = await createTestApp()
    me = as(t.app, await register(t.app))
  })
  after(async () => { await t.close() })

  const ok = async (path: string): Promise<any> => {
    const res = await me.get(path)
    assert.equal(res.statusCode, 200, res.body)
    return res.json()
  }
  const bad = async (path: string, pattern: RegExp): Promise<void> => {
    const res = await me.get(path)
    assert.equal(res.statusCode, 400, `${path}: ${res.body}`)
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
    assert.match(res.json().detail, pattern)
  }

  test('plates: the default plates and bar, an exact answer where greedy fails, limited pairs', async () => {
    assert.deepEqual(await ok('/tools/plates?weightKg=102.5'), {
      targetKg: 102.5,
      barKg: 20,
      perSide: [{ plateKg: 25, count: 1 }, { plateKg: 15, count: 1 }, { plateKg: 1.25, count: 1 }],
      achievedKg: 102.5,
      differenceKg: 0
    })
    const exact = await ok('/tools/plates?weightKg=60&plates=15,10')
    assert.deepEqual(exact.perSide, [{ plateKg: 10, count: 2 }])
    const limited = await ok('/tools/plates?weightKg=140&barKg=20&plates=25*1,20*1')
    assert.deepEqual(limited.perSide, [{ plateKg: 25, count: 1 }, { plateKg: 20, count: 1 }])
    assert.deepEqual([limited.achievedKg, limited.differenceKg], [110, 30])
    // One pair of 25s: 60 a side is only reached with six 10s, and the heavier load wins over fewer plates.
    const heavier = await ok('/tools/plates?weightKg=140&plates=25*1,10')
    assert.deepEqual([heavier.perSide, heavier.achievedKg], [[{ plateKg: 10, count: 6 }], 140])
    const bare = await ok('/tools/plates?weightKg=20')
    assert.deepEqual([bare.perSide, bare.achievedKg], [[], 20])
    const under = await ok('/tools/plates?weightKg=21.9&plates=1.25')
    assert.deepEqual([under.achievedKg, under.differenceKg], [20, 1.9])
  })

  test('plates: below the bar, a bad plate list and out-of-range numbers are 400', async () => {
    await bad('/tools/plates?weightKg=15', /below the 20 kg bar/)
    await bad('/tools/plates?weightKg=100&plates=20,20', /20 is listed twice/)
    await bad('/tools/plates?weightKg=100&plates=7.333', /more than 2 decimals/)
    await bad('/tools/plates?weightKg=100&plates=25*0', /pair count/)
    await bad('/tools/plates?weightKg=100&plates=heavy', /not a plate size/)
    await bad('/tools/plates?weightKg=1001', /weightKg/)
    await bad('/tools/plates', /weightKg/)
  })

  test('warm-ups: the ramp, its collapse for light weights, and validation', async () => {
    assert.deepEqual((await ok('/tools/warmup?workingWeightKg=100&workingReps=5')).sets, [
      { weightKg: 20, reps: 8 }, { weightKg: 40, reps: 5 }, { weightKg: 60, reps: 3 },
      { weightKg: 80, reps: 2 }, { weightKg: 90, reps: 1 }
    ])
    const light = (await ok('/tools/warmup?workingWeightKg=30&workingReps=8')).sets
    assert.deepEqual(light, [{ weightKg: 20, reps: 8 }, { weightKg: 22.5, reps: 2 }], '40 % and 60 % round to the bar')
    assert.deepEqual((await ok('/tools/warmup?workingWeightKg=20&workingReps=5')).sets, [])
    const dumbbell = (await ok('/tools/warmup?workingWeightKg=30&workingReps=10&barKg=0&roundKg=2')).sets
    assert.deepEqual(dumbbell, [{ weightKg: 12, reps: 5 }, { weightKg: 18, reps: 3 }, { weightKg: 24, reps: 2 }])
    await bad('/tools/warmup?workingWeightKg=100', /workingReps/)
    await bad('/tools/warmup?workingWeightKg=100&workingReps=5&roundKg=0', /roundKg/)
  })

  test('e1RM: the formulas, the RTS chart, and nulls where they do not apply', async () => {
    assert.deepEqual(await ok('/tools/e1rm?weightKg=100&reps=5&rpe=8'), {
      epley: 116.666667,
      brzycki: 112.5,
      rpeTable: 123.304562
    })
    assert.deepEqual(await ok('/tools/e1rm?weightKg=100&reps=1'), { epley: 100, brzycki: 100, rpeTable: null })
    assert.deepEqual(await ok('/tools/e1rm?weightKg=100&reps=1&rpe=10'), { epley: 100, brzycki: 100, rpeTable: 100 })
    assert.deepEqual(await ok('/tools/e1rm?weightKg=60&reps=15&rpe=9'), { epley: null, brzycki: null, rpeTable: null })
    assert.equal((await ok('/tools/e1rm?weightKg=100&reps=5&rpe=5')).rpeTable, null, 'below the chart')
    await bad('/tools/e1rm?weightKg=100&reps=5&rpe=7.3', /rpe/)
    await bad('/tools/e1rm?weightKg=100&reps=0', /reps/)
  })

  test('the tools need a token', async () => {
    for (const path of ['/tools/plates?weightKg=100', '/tools/warmup?workingWeightKg=100&workingReps=5',
      '/tools/e1rm?weightKg=100&reps=5']) {
      assert.equal((await as(t.app, undefined).get(path)).statusCode, 401)
    }
  })
})
