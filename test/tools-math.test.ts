import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { DEFAULT_PLATES, loadPlates, parsePlates, type PlateStock } from '../src/modules/tools/plates.js'
import { WARMUP_RAMP, warmupSets } from '../src/modules/tools/warmup.js'
import { RTS_CHART, brzycki, epley, estimateOneRepMax, rpePercent } from '../src/modules/tools/e1rm.js'

const stock = (text: string): PlateStock[] => {
  const parsed = parsePlates(text)
  assert.ok('stock' in parsed, `parsePlates(${text}) failed`)
  return parsed.stock
}

const side = (...plates: Array<[number, number]>) => plates.map(([plateKg, count]) => ({ plateKg, count }))

/** Every count vector (heaviest size first), best by sum, then fewest plates, then lexicographically largest. */
function bruteForce (targetKg: number, barKg: number, plates: PlateStock[]) {
  const sizes = [...plates].sort((a, b) => b.plateKg - a.plateKg)
    .map(p => ({ grams: Math.round(p.plateKg * 1000), pairs: p.pairs }))
  const limit = Math.floor(Math.round((targetKg - barKg) * 1000) / 2)
  let best: { sum: number, count: number, vector: number[] } = { sum: 0, count: 0, vector: sizes.map(() => 0) }
  const better = (sum: number, count: number, vector: number[]): boolean => {
    if (sum !== best.sum) return sum > best.sum
    if (count !== best.count) return count < best.count
    for (let i = 0; i < vector.length; i++) if (vector[i] !== best.vector[i]) return vector[i] > best.vector[i]
    return false
  }
  const vector = sizes.map(() => 0)
  const walk = (i: number, sum: number, count: number): void => {
    if (i === sizes.length) {
      if (better(sum, count, vector)) best = { sum, count, vector: [...vector] }
      return
    }
    const { grams, pairs } = sizes[i]
    const most = pairs ?? Infinity
    for (let k = 0; k <= most && sum + k * grams <= limit; k++) {
      vector[i] = k
      walk(i + 1, sum + k * grams, count + k)
    }
    vector[i] = 0
  }
  walk(0, 0, 0)
  return best
}

describe('plates: loadPlates', () => {
  test('matches a brute force over every count vector', () => {
    const sizePool = [0.5, 1.25, 2.5, 5, 10, 15, 20, 25]
    const plateSet = fc.uniqueArray(fc.constantFrom(...sizePool), { minLength: 1, maxLength: 4 })
      .chain(sizes => fc.tuple(...sizes.map(plateKg =>
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }).map(pairs => ({ plateKg, pairs })))))
    const property = fc.property(plateSet, fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 15, 20),
      (plates, halfKg, barKg) => {
        const targetKg = Math.max(barKg, halfKg / 2)
        const load = loadPlates(targetKg, barKg, plates)
        const best = bruteForce(targetKg, barKg, plates)
        const sorted = [...plates].sort((a, b) => b.plateKg - a.plateKg)
        const expected = sorted.map((p, i) => ({ plateKg: p.plateKg, count: best.vector[i] })).filter(p => p.count > 0)
        assert.deepEqual(load.perSide, expected)
        assert.equal(load.perSide.reduce((n, p) => n + p.count, 0), best.count)
        assert.equal(load.achievedKg, barKg + 2 * best.sum / 1000)
        assert.ok(load.achievedKg <= targetKg)
        for (const p of load.perSide) {
          const limit = plates.find(q => q.plateKg === p.plateKg)?.pairs ?? null
          if (limit !== null) assert.ok(p.count <= limit)
        }
      })
    fc.assert(property, { numRuns: 1000 })
  })

  test('15 and 10 without 5: 60 kg on a 20 kg bar is 10 + 10 a side, not 15', () => {
    const load = loadPlates(60, 20, stock('15,10'))
    assert.deepEqual(load.perSide, [{ plateKg: 10, count: 2 }])
    assert.equal(load.achievedKg, 60)
    assert.equal(load.differenceKg, 0)
  })

  test('limited pairs are respected', () => {
    const load = loadPlates(120, 20, stock('25*1,20*1,10,5'))
    assert.deepEqual(load.perSide, [{ plateKg: 25, count: 1 }, { plateKg: 20, count: 1 }, { plateKg: 5, count: 1 }])
    assert.equal(load.achievedKg, 120)
    const short = loadPlates(200, 20, stock('25*1,20*1'))
    assert.deepEqual(short.perSide, [{ plateKg: 25, count: 1 }, { plateKg: 20, count: 1 }])
    assert.equal(short.achievedKg, 110)
    assert.equal(short.differenceKg, 90)
  })

  test('fewest plates, then the larger ones', () => {
    // 30 a side: 15+15 (2) beats 20+5+5 (3); with 20, 10 and 5: 20+10 (2).
    assert.deepEqual(loadPlates(80, 20, stock('20,15,5')).perSide, [{ plateKg: 15, count: 2 }])
    assert.deepEqual(loadPlates(80, 20, stock('20,10,5')).perSide, side([20, 1], [10, 1]))
    // 25 a side with 20, 15, 10, 5: 20+5 and 15+10 both use 2; the larger first plate wins.
    assert.deepEqual(loadPlates(70, 20, stock('20,15,10,5')).perSide, side([20, 1], [5, 1]))
  })

  test('target equal to the bar: no plates', () => {
    const load = loadPlates(20, 20, DEFAULT_PLATES)
    assert.deepEqual(load, { targetKg: 20, barKg: 20, perSide: [], achievedKg: 20, differenceKg: 0 })
    assert.deepEqual(loadPlates(0, 0, DEFAULT_PLATES).perSide, [])
  })

  test('a target that cannot be made exactly comes in below it', () => {
    const load = loadPlates(101, 20, DEFAULT_PLATES)
    assert.deepEqual(load.perSide, [{ plateKg: 25, count: 1 }, { plateKg: 15, count: 1 }])
    assert.equal(load.achievedKg, 100)
    assert.equal(load.differenceKg, 1)
    const odd = loadPlates(63.3, 20, DEFAULT_PLATES)
    assert.ok(odd.differenceKg > 0 && odd.achievedKg < 63.3)
    assert.equal(odd.achievedKg, 62.5)
    assert.equal(odd.differenceKg, 0.8)
  })

  test('1.25 plates and small change stay free of float noise', () => {
    const load = loadPlates(22.5, 20, DEFAULT_PLATES)
    assert.deepEqual(load.perSide, [{ plateKg: 1.25, count: 1 }])
    assert.equal(load.achievedKg, 22.5)
    const fine = loadPlates(20.3, 20, stock('0.1,0.05,0.01'))
    assert.deepEqual(fine.perSide, [{ plateKg: 0.1, count: 1 }, { plateKg: 0.05, count: 1 }])
    assert.equal(fine.achievedKg, 20.3)
    assert.equal(fine.differenceKg, 0)
    const tiny = loadPlates(20.32, 20, stock('0.1,0.05,0.01'))
    assert.deepEqual(tiny.perSide, side([0.1, 1], [0.05, 1], [0.01, 1]))
    assert.equal(tiny.achievedKg, 20.32)
    for (let cents = 2000; cents <= 3000; cents += 7) {
      const target = cents / 100
      const { achievedKg, differenceKg } = loadPlates(target, 20, stock('1.25,0.5,0.25'))
      assert.equal(achievedKg, Number(achievedKg.toFixed(6)))
      assert.equal(differenceKg, Number(differenceKg.toFixed(6)))
      assert.ok(differenceKg >= 0 && differenceKg < 0.5)
    }
  })

  test('1000 kg with the default plates answers quickly', () => {
    const started = performance.now()
    const load = loadPlates(1000, 20, DEFAULT_PLATES)
    assert.deepEqual(load.perSide, [{ plateKg: 25, count: 19 }, { plateKg: 15, count: 1 }])
    assert.equal(load.achievedKg, 1000)
    // The worst case parsePlates allows: 20 sizes with a 10 g gcd and 500 kg a side.
    const sizes = ['100', '0.01', ...Array.from({ length: 18 }, (_, i) => String(99 - i * 3.5))].join(',')
    const wide = loadPlates(1000, 0, stock(sizes))
    assert.equal(wide.achievedKg, 1000)
    assert.ok(performance.now() - started < 2000)
  })
})

describe('plates: parsePlates', () => {
  test('good forms', () => {
    assert.deepEqual(parsePlates('25,20,15,10,5,2.5,1.25'), { stock: DEFAULT_PLATES })
    assert.deepEqual(parsePlates(' 10*1 , 25*2,20 '), {
      stock: [{ plateKg: 25, pairs: 2 }, { plateKg: 20, pairs: null }, { plateKg: 10, pairs: 1 }]
    })
    assert.deepEqual(parsePlates('0.01,100*50'), {
      stock: [{ plateKg: 100, pairs: 50 }, { plateKg: 0.01, pairs: null }]
    })
    assert.deepEqual(parsePlates('2.50 * 3'), { stock: [{ plateKg: 2.5, pairs: 3 }] })
  })

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['  ', /empty/],
    ['25,,20', /item 2 is empty/],
    ['25,', /item 2 is empty/],
    ['abc', /'abc' is not a plate size/],
    ['-5', /'-5' is not a plate size/],
    ['.5', /'\.5' is not a plate size/],
    ['20kg', /'20kg'/],
    ['7.333', /'7\.333' has more than 2 decimals/],
    ['0', /'0' is outside/],
    ['0.001', /more than 2 decimals/],
    ['100.01', /'100\.01' is outside/],
    ['20*0', /'20\*0' needs a pair count from 1 to 50/],
    ['20*51', /'20\*51' needs a pair count/],
    ['20*1.5', /'20\*1\.5' is not a plate size/],
    ['20,10,20', /plates: 20 is listed twice/],
    ['2.5,2.50', /plates: 2\.5 is listed twice/],
    [Array.from({ length: 21 }, (_, i) => String(i + 1)).join(','), /at most 20 sizes/]
  ]
  for (const [text, message] of bad) {
    test(`rejects ${JSON.stringify(text.length > 20 ? text.slice(0, 20) + '…' : text)}`, () => {
      const parsed = parsePlates(text)
      assert.ok('error' in parsed, 'expected an error')
      assert.match(parsed.error, /^plates: /)
      assert.match(parsed.error, message)
    })
  }
})

describe('warm-ups', () => {
  test('the ramp is documented and rises', () => {
    assert.deepEqual(WARMUP_RAMP.map(s => s.percent), [40, 60, 80, 90])
    assert.deepEqual(WARMUP_RAMP.map(s => s.reps), [5, 3, 2, 1])
  })

  test('invariants over many working weights', () => {
    for (const barKg of [0, 15, 20]) {
      for (const roundKg of [0.5, 1.25, 2.5, 5]) {
        for (const workingReps of [1, 3, 5, 6, 8, 12, 20]) {
          for (let half = 0; half <= 800; half++) {
            const workingWeightKg = half / 2
            const sets = warmupSets({ workingWeightKg, workingReps, barKg, roundKg })
            const where = `${workingWeightKg}x${workingReps} bar ${barKg} round ${roundKg}`
            if (workingWeightKg <= barKg) {
              assert.deepEqual(sets, [], where)
              continue
            }
            if (barKg > 0) assert.deepEqual(sets[0], { weightKg: barKg, reps: 8 }, where)
            for (let i = 0; i < sets.length; i++) {
              const { weightKg, reps } = sets[i]
              assert.ok(weightKg < workingWeightKg && weightKg >= barKg && weightKg > 0, where)
              const steps = (weightKg - barKg) / roundKg
              assert.ok(Math.abs(steps - Math.round(steps)) < 1e-9, where)
              assert.equal(weightKg, Number(weightKg.toFixed(6)), where)
              if (i > 0) {
                assert.ok(weightKg > sets[i - 1].weightKg, where)
                assert.ok(reps < sets[i - 1].reps, where)
              }
            }
            if (workingReps > 5) assert.ok(sets.every(s => s.reps !== 1), where)
          }
        }
      }
    }
  })

  test('100 kg x 5 on a 20 kg bar', () => {
    assert.deepEqual(warmupSets({ workingWeightKg: 100, workingReps: 5, barKg: 20, roundKg: 2.5 }), [
      { weightKg: 20, reps: 8 }, { weightKg: 40, reps: 5 }, { weightKg: 60, reps: 3 },
      { weightKg: 80, reps: 2 }, { weightKg: 90, reps: 1 }
    ])
  })

  test('140 kg x 8 stops at 80 %', () => {
    assert.deepEqual(warmupSets({ workingWeightKg: 140, workingReps: 8, barKg: 20, roundKg: 2.5 }), [
      { weightKg: 20, reps: 8 }, { weightKg: 55, reps: 5 }, { weightKg: 82.5, reps: 3 }, { weightKg: 110, reps: 2 }
    ])
  })

  test('light work collapses the ramp', () => {
    assert.deepEqual(warmupSets({ workingWeightKg: 25, workingReps: 8, barKg: 20, roundKg: 2.5 }), [
      { weightKg: 20, reps: 8 }
    ])
    assert.deepEqual(warmupSets({ workingWeightKg: 25, workingReps: 5, barKg: 20, roundKg: 2.5 }), [
      { weightKg: 20, reps: 8 }, { weightKg: 22.5, reps: 1 }
    ])
    assert.deepEqual(warmupSets({ workingWeightKg: 20, workingReps: 5, barKg: 20, roundKg: 2.5 }), [])
    assert.deepEqual(warmupSets({ workingWeightKg: 15, workingReps: 5, barKg: 20, roundKg: 2.5 }), [])
  })

  test('no bar: dumbbells and machines', () => {
    assert.deepEqual(warmupSets({ workingWeightKg: 30, workingReps: 10, barKg: 0, roundKg: 2 }), [
      { weightKg: 12, reps: 5 }, { weightKg: 18, reps: 3 }, { weightKg: 24, reps: 2 }
    ])
    assert.deepEqual(warmupSets({ workingWeightKg: 2, workingReps: 5, barKg: 0, roundKg: 2.5 }), [])
    assert.deepEqual(warmupSets({ workingWeightKg: 0, workingReps: 5, barKg: 0, roundKg: 2.5 }), [])
  })

  test('fine rounding has no float noise', () => {
    assert.deepEqual(warmupSets({ workingWeightKg: 33.3, workingReps: 3, barKg: 15, roundKg: 0.1 }), [
      { weightKg: 15, reps: 8 }, { weightKg: 19.9, reps: 3 }, { weightKg: 26.6, reps: 2 }, { weightKg: 29.9, reps: 1 }
    ])
  })
})

describe('e1RM', () => {
  test('Epley and Brzycki', () => {
    assert.equal(epley(100, 1), 100)
    assert.equal(brzycki(100, 1), 100)
    assert.equal(epley(100, 5), 116.666667)
    assert.equal(brzycki(100, 5), 112.5)
    assert.equal(epley(100, 10), 133.333333)
    assert.equal(brzycki(100, 10), 133.333333)
    assert.equal(epley(100, 12), 140)
    assert.equal(brzycki(100, 12), 144)
    assert.equal(epley(137.5, 1), 137.5)
    assert.equal(brzycki(137.5, 1), 137.5)
    for (const reps of [0, 13, -1, 2.5, Number.NaN]) {
      assert.equal(epley(100, reps), null)
      assert.equal(brzycki(100, reps), null)
    }
  })

  test('the RTS chart', () => {
    assert.equal(RTS_CHART.length, 31)
    for (let i = 1; i < RTS_CHART.length; i++) assert.ok(RTS_CHART[i] < RTS_CHART[i - 1])
    assert.equal(rpePercent(1, 10), 100)
    assert.equal(rpePercent(1, 9.5), 97.8)
    assert.equal(rpePercent(1, 6), 86.3)
    assert.equal(rpePercent(12, 10), 68.0)
    assert.equal(rpePercent(12, 6), 57.2)
    assert.equal(rpePercent(5, 8), 81.1)
    assert.equal(rpePercent(3, 8.5), 87.8)
    // Each rep count's row falls as the RPE falls.
    for (let reps = 1; reps <= 12; reps++) {
      for (let rpe = 9.5; rpe >= 6; rpe -= 0.5) assert.ok(rpePercent(reps, rpe)! < rpePercent(reps, rpe + 0.5)!)
    }
    for (const [reps, rpe] of [[0, 8], [13, 8], [1.5, 8], [5, 5.5], [5, 10.5], [5, 7.3], [5, Number.NaN]]) {
      assert.equal(rpePercent(reps, rpe), null, `${reps} @${rpe}`)
    }
  })

  test('estimateOneRepMax', () => {
    assert.deepEqual(estimateOneRepMax(100, 5, 8), { epley: 116.666667, brzycki: 112.5, rpeTable: 123.304562 })
    assert.deepEqual(estimateOneRepMax(100, 1, 10), { epley: 100, brzycki: 100, rpeTable: 100 })
    assert.deepEqual(estimateOneRepMax(100, 5), { epley: 116.666667, brzycki: 112.5, rpeTable: null })
    assert.deepEqual(estimateOneRepMax(100, 13, 10), { epley: null, brzycki: null, rpeTable: null })
    assert.deepEqual(estimateOneRepMax(100, 5, 5), { epley: 116.666667, brzycki: 112.5, rpeTable: null })
  })
})
