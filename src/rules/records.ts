import { roundDerived } from './rounding.js'

/**
 * What a personal record is (shared/API.md, Statistics): the single definition that the
 * incremental upkeep and the rebuild (src/projections/bests.ts) both follow, and that
 * statistics and goals read back from exercise_bests.
 */
export const RECORD_KINDS = [
  'max_weight',
  'max_reps',
  'best_e1rm',
  'max_set_volume',
  'max_workout_volume',
  'max_duration',
  'max_distance'
] as const
export type RecordKind = typeof RECORD_KINDS[number]

/** A stored best: the value and where it was reached (achievedAt = that workout's startedAt). */
export interface Best {
  exerciseId: string
  kind: RecordKind
  value: number
  reps: number | null
  weightKg: number | null
  workoutId: string
  achievedAt: string
}

/** Reported in responses when a write beat an earlier best. */
export interface NewRecord { exerciseId: string, kind: RecordKind, value: number, previous: number }

/** The set values records look at (camelCase, as in the API). */
export interface RecordSet {
  exerciseId: string
  type: string
  completed: boolean
  reps: number | null
  weightKg: number | null
  durationSec: number | null
  distanceM: number | null
}

/** A stored set's columns, as records read them (0/1 completed; numbers may come as text-free nulls). */
export interface SetColumns {
  type: string
  completed: number
  reps: number | null
  weight_kg: number | null
  duration_sec: number | null
  distance_m: number | null
}

const num = (v: number | null): number | null => v === null ? null : Number(v)

/** What records look at of a stored set of `exerciseId`. */
export const recordSetOf = (r: SetColumns, exerciseId: string): RecordSet => ({
  exerciseId,
  type: r.type,
  completed: Number(r.completed) === 1,
  reps: num(r.reps),
  weightKg: num(r.weight_kg),
  durationSec: num(r.duration_sec),
  distanceM: num(r.distance_m)
})

/** Highest rep count that still gives an Epley estimate. */
export const EPLEY_MAX_REPS = 12

/** Estimated 1RM (Epley): the weight itself for a single, w × (1 + r/30) for 2–12 reps, else none. Rounded. */
export function epley (weightKg: number, reps: number): number | null {
  if (reps < 1 || reps > EPLEY_MAX_REPS) return null
  return roundDerived(reps === 1 ? weightKg : weightKg * (1 + reps / 30))
}

/** Only completed work sets count: warm-ups and planned (uncompleted) sets never make records. */
export const countsForRecords = (set: Pick<RecordSet, 'type' | 'completed'>): boolean =>
  set.completed && set.type !== 'warmup'

/** reps × weightKg (sets that have both), rounded. */
export const setVolume = (set: Pick<RecordSet, 'reps' | 'weightKg'>): number | null =>
  set.reps !== null && set.weightKg !== null ? roundDerived(set.reps * set.weightKg) : null

/** Kinds that keep the set's reps and weight beside the value (the others are single quantities). */
const WITH_SET: ReadonlySet<RecordKind> = new Set(['max_weight', 'max_reps', 'best_e1rm', 'max_set_volume'])
export const keepsSet = (kind: RecordKind): boolean => WITH_SET.has(kind)

/** The per-set record candidates of one counted set (max_workout_volume is per workout, not here). */
export function setCandidates (set: RecordSet): Array<{ kind: RecordKind, value: number }> {
  const out: Array<{ kind: RecordKind, value: number }> = []
  if (set.weightKg !== null) out.push({ kind: 'max_weight', value: set.weightKg })
  if (set.reps !== null) out.push({ kind: 'max_reps', value: set.reps })
  const e1rm = set.weightKg !== null && set.reps !== null ? epley(set.weightKg, set.reps) : null
  if (e1rm !== null) out.push({ kind: 'best_e1rm', value: e1rm })
  const volume = setVolume(set)
  if (volume !== null) out.push({ kind: 'max_set_volume', value: volume })
  if (set.durationSec !== null) out.push({ kind: 'max_duration', value: set.durationSec })
  if (set.distanceM !== null) out.push({ kind: 'max_distance', value: set.distanceM })
  return out
}

/**
 * Within one workout, which of two sets with an equal value holds the record: the one with
 * more of the other quantity (a max weight with more reps, a max reps set with more weight,
 * an estimated 1RM or a set volume from more weight), then more of the first (an estimated
 * 1RM of 0 kg is 0 whatever the reps). Only identical sets are interchangeable, so the order
 * the sets come in never decides.
 */
export function tieBreak (kind: RecordKind, set: Pick<Best, 'reps' | 'weightKg'>): [number, number] {
  if (!keepsSet(kind)) return [0, 0]
  const reps = set.reps ?? -1
  const weight = set.weightKg ?? -1
  return kind === 'max_weight' ? [reps, weight] : [weight, reps]
}

const tupleAbove = (a: [number, number], b: [number, number]): boolean => a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1]

/**
 * Does `a` beat `b`? A higher value wins; among equal values the earliest (its workout's
 * start), then the smallest workout id, then tieBreak. It depends on the sets alone, never on
 * the order they were logged in, so adding sets one by one gives what a rebuild gives.
 */
export function beats (a: Omit<Best, 'exerciseId'>, b: Omit<Best, 'exerciseId'> | undefined): boolean {
  if (b === undefined) return true
  if (a.value !== b.value) return a.value > b.value
  if (a.achievedAt !== b.achievedAt) return a.achievedAt < b.achievedAt
  if (a.workoutId !== b.workoutId) return a.workoutId < b.workoutId
  return tupleAbove(tieBreak(a.kind, a), tieBreak(b.kind, b))
}

/** Kinds whose value strictly rose from `before` to `after`; a kind with no earlier best reports nothing. */
export function newRecordsBetween (before: Best[], after: Best[]): NewRecord[] {
  const previous = new Map(before.map((b) => [`${b.exerciseId}:${b.kind}`, b.value]))
  const out: NewRecord[] = []
  for (const best of after) {
    const prev = previous.get(`${best.exerciseId}:${best.kind}`)
    if (prev !== undefined && best.value > prev) {
      out.push({ exerciseId: best.exerciseId, kind: best.kind, value: best.value, previous: prev })
    }
  }
  return out
}
