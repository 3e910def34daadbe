/**
 * Plate maths for the plate calculator: parse a plate list from a query value and find the best
 * symmetric load for a target. Pure: no I/O.
 *
 * The best load is exact, not greedy: the heaviest per-side sum not above (target − bar) / 2, then
 * the fewest plates making that sum, then the larger plates (most of the largest size, then most of
 * the next, …). Greedy fails whenever the sizes are not "canonical" (15 and 10 without 5 for 20 a
 * side gives 15 and leaves 5 unused; the answer is 10 + 10).
 */
import { roundDerived } from '../../rules/rounding.js'

/** One plate size on hand; `pairs` is how many pairs there are, null for unlimited. */
export interface PlateStock { plateKg: number, pairs: number | null }

/** A symmetric load: plates for ONE side, heaviest first, and how close it came to the target. */
export interface PlateLoad {
  targetKg: number
  barKg: number
  perSide: Array<{ plateKg: number, count: number }>
  achievedKg: number
  differenceKg: number
}

/** A common gym's plates, every size unlimited. */
export const DEFAULT_PLATES: PlateStock[] = [25, 20, 15, 10, 5, 2.5, 1.25].map(plateKg => ({ plateKg, pairs: null }))

export const PLATE_MIN_KG = 0.01
export const PLATE_MAX_KG = 100
export const PLATE_MAX_PAIRS = 50
export const PLATE_MAX_SIZES = 20

const ITEM = /^(\d+(?:\.\d+)?)(?:\s*\*\s*(\d+))?$/

/**
 * Reads `25,20,15,10,5,2.5,1.25` or, with limited pairs, `25*2,20,10*1`. The stock comes back
 * heaviest first whatever the order given.
 */
export function parsePlates (text: string): { stock: PlateStock[] } | { error: string } {
  if (text.trim() === '') return { error: 'plates: the list is empty' }
  const items = text.split(',')
  if (items.length > PLATE_MAX_SIZES) return { error: `plates: at most ${PLATE_MAX_SIZES} sizes, got ${items.length}` }
  const seen = new Set<number>()
  const stock: PlateStock[] = []
  for (let index = 0; index < items.length; index++) {
    const item = items[index].trim()
    if (item === '') return { error: `plates: item ${index + 1} is empty` }
    const match = ITEM.exec(item)
    if (match === null) return { error: `plates: '${item}' is not a plate size (expected e.g. 20 or 20*2)` }
    const [, size, count] = match
    const decimals = size.includes('.') ? size.length - size.indexOf('.') - 1 : 0
    if (decimals > 2) return { error: `plates: '${size}' has more than 2 decimals` }
    const plateKg = Number(size)
    if (!(plateKg >= PLATE_MIN_KG && plateKg <= PLATE_MAX_KG)) {
      return { error: `plates: '${size}' is outside ${PLATE_MIN_KG} to ${PLATE_MAX_KG} kg` }
    }
    let pairs: number | null = null
    if (count !== undefined) {
      pairs = Number(count)
      if (!(pairs >= 1 && pairs <= PLATE_MAX_PAIRS)) {
        return { error: `plates: '${item}' needs a pair count from 1 to ${PLATE_MAX_PAIRS}` }
      }
    }
    const centi = Math.round(plateKg * 100)
    if (seen.has(centi)) return { error: `plates: ${plateKg} is listed twice` }
    seen.add(centi)
    stock.push({ plateKg, pairs })
  }
  stock.sort((a, b) => b.plateKg - a.plateKg)
  return { stock }
}

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b]
  return a
}

const INF = 0x3fffffff

/** One usable size in whole grams. */
interface Size { plateKg: number, grams: number, pairs: number | null }

/** Sizes heaviest first, in grams; duplicates merged, empty or non-positive sizes dropped. */
function usableSizes (stock: PlateStock[]): Size[] {
  const byGrams = new Map<number, Size>()
  for (const { plateKg, pairs } of stock) {
    const grams = Math.round(plateKg * 1000)
    if (!(grams > 0) || (pairs !== null && !(pairs >= 1))) continue
    const have = byGrams.get(grams)
    const count = pairs === null ? null : Math.floor(pairs)
    if (have === undefined) byGrams.set(grams, { plateKg: grams / 1000, grams, pairs: count })
    else have.pairs = have.pairs === null || count === null ? null : have.pairs + count
  }
  return [...byGrams.values()].sort((a, b) => b.grams - a.grams)
}

/**
 * The best symmetric load not above the target (caller guarantees targetKg >= barKg, both 0–1000).
 *
 * Exact bounded change-making in integer units (grams divided by the gcd of the sizes):
 * f_i[s] = fewest plates making exactly s per side from sizes i..n-1, built from the smallest size
 * up with a sliding-window minimum per residue class (O(S·n)). The largest reachable s not above the
 * target wins; the vector is rebuilt from the largest size down, taking as many as possible while
 * the remaining sum can still be made with the fewest plates.
 */
export function loadPlates (targetKg: number, barKg: number, stock: PlateStock[]): PlateLoad {
  const sizes = usableSizes(stock)
  // Milligrams keep the given precision (6 decimals, the derived-number rule); a side holds whole grams.
  const spareMg = Math.max(0, Math.round((targetKg - barKg) * 1e6))
  const sideGrams = Math.floor(spareMg / 2000)
  const unitGrams = sizes.reduce((g, size) => gcd(g, size.grams), 0)
  const S = unitGrams === 0 ? 0 : Math.floor(sideGrams / unitGrams)
  const n = sizes.length
  const units = sizes.map(size => size.grams / unitGrams)
  const max = sizes.map((size, i) => Math.min(size.pairs ?? Infinity, Math.floor(S / units[i])))

  // f[i] for i = 0..n; f[n] makes only 0.
  const f: Int32Array[] = new Array(n + 1)
  f[n] = new Int32Array(S + 1).fill(INF)
  f[n][0] = 0
  const dequeIdx = new Int32Array(S + 1)
  const dequeVal = new Int32Array(S + 1)
  for (let i = n - 1; i >= 0; i--) {
    const next = f[i + 1]
    const cur = new Int32Array(S + 1).fill(INF)
    const w = units[i]
    const c = max[i]
    for (let r = 0; r < w && r <= S; r++) {
      // Positions s = r + j·w; cur[s] = j + min over j−c <= j' <= j of (next[r + j'·w] − j').
      let head = 0
      let tail = 0
      for (let j = 0, s = r; s <= S; j++, s += w) {
        const v = next[s] >= INF ? INF : next[s] - j
        while (tail > head && dequeVal[tail - 1] >= v) tail--
        dequeIdx[tail] = j
        dequeVal[tail] = v
        tail++
        while (dequeIdx[head] < j - c) head++
        const best = dequeVal[head]
        cur[s] = best >= INF ? INF : best + j
      }
    }
    f[i] = cur
  }

  let s = S
  while (s > 0 && f[0][s] >= INF) s--

  const perSide: PlateLoad['perSide'] = []
  let sumGrams = 0
  for (let i = 0; i < n && s > 0; i++) {
    const w = units[i]
    const want = f[i][s]
    let k = Math.min(max[i], Math.floor(s / w))
    while (k > 0 && !(f[i + 1][s - k * w] < INF && k + f[i + 1][s - k * w] === want)) k--
    if (k > 0) {
      perSide.push({ plateKg: sizes[i].plateKg, count: k })
      s -= k * w
      sumGrams += k * sizes[i].grams
    }
  }

  const achievedKg = roundDerived(barKg + (2 * sumGrams) / 1000)
  return {
    targetKg: roundDerived(targetKg),
    barKg: roundDerived(barKg),
    perSide,
    achievedKg,
    differenceKg: roundDerived(targetKg - achievedKg)
  }
}
