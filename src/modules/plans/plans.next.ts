import type { PlanItemDto } from './plans.schemas.js'
import type { Rule } from './plans.progression.js'

/** One set of an earlier session of a plan item, as stored. */
export interface PastSet {
  type: string
  completed: boolean
  reps: number | null
  weightKg: number | null
  targetReps: number | null
  targetWeightKg: number | null
}
/** A completed workout's sets of one plan item, newest session first in every list. */
export interface PastSession { sets: PastSet[] }

export interface NextTargets { targetWeightKg: number | null, targetReps: number | null, reason: string }

const EPSILON = 1e-9
const kg = (value: number): string => `${Number(value.toFixed(2))} kg`

/** The sets a session planned as work: warm-ups never count, sets added by hand (no targets) neither. */
const planned = (s: PastSession): PastSet[] =>
  s.sets.filter((set) => set.type !== 'warmup' && (set.targetReps !== null || set.targetWeightKg !== null))

const doneAt = (set: PastSet, reps: number | null, weightKg: number | null): boolean =>
  set.completed &&
  (reps === null || (set.reps ?? 0) >= reps) &&
  (weightKg === null || (set.weightKg ?? 0) >= weightKg - EPSILON)

/** Every planned set done at its own target reps and weight (and at least `reps` when given). */
function succeeded (s: PastSession, reps?: number): boolean {
  const sets = planned(s)
  return sets.length > 0 &&
    sets.every((set) => doneAt(set, Math.max(set.targetReps ?? 0, reps ?? 0), set.targetWeightKg))
}

/** The weight a session aimed for: its first planned target, else the heaviest completed work. */
function weightOf (s: PastSession, fallback: number | null): number | null {
  const target = planned(s).find((set) => set.targetWeightKg !== null)?.targetWeightKg
  if (target !== undefined && target !== null) return target
  const done = s.sets.filter((set) => set.completed && set.type !== 'warmup' && set.weightKg !== null)
  return done.length === 0 ? fallback : Math.max(...done.map((set) => set.weightKg as number))
}

const plus = (weight: number | null, incrementKg: number): number =>
  Math.round(((weight ?? 0) + incrementKg) * 1e6) / 1e6
/** The deload drop, rounded down to 0.5 kg. */
const deloaded = (weight: number, percent: number): number =>
  Math.floor((weight * (1 - percent / 100)) * 2 + EPSILON) / 2

/** Failed sessions in a row at the latest one's weight, newest first, up to the first success. */
function failureStreak (sessions: PastSession[], weight: number | null, fallback: number | null): number {
  let streak = 0
  for (const s of sessions) {
    if (succeeded(s) || weightOf(s, fallback) !== weight) break
    streak++
  }
  return streak
}

function linear (item: PlanItemDto, rule: Rule & { type: 'linear' }, sessions: PastSession[]): NextTargets {
  const reps = item.reps ?? item.repsMax
  const last = sessions[0]
  if (last === undefined) {
    return {
      targetWeightKg: item.weightKg,
      targetReps: reps,
      reason: `first session: the planned ${item.weightKg === null ? 'targets' : kg(item.weightKg)}`
    }
  }
  const weight = weightOf(last, item.weightKg)
  const sets = planned(last)
  if (succeeded(last)) {
    return {
      targetWeightKg: plus(weight, rule.incrementKg),
      targetReps: reps,
      reason: `+${kg(rule.incrementKg)}: all ${sets.length} × ${sets[0].targetReps ?? reps ?? '?'} done last time`
    }
  }
  const streak = failureStreak(sessions, weight, item.weightKg)
  const missed = sets.filter((set) => !doneAt(set, set.targetReps, set.targetWeightKg)).length
  const short = sets.length === 0
    ? 'no planned sets last time'
    : `${missed} of ${sets.length} sets missed last time`
  if (weight !== null && streak % rule.failuresBeforeDeload === 0) {
    const lower = deloaded(weight, rule.deloadPercent)
    return {
      targetWeightKg: lower,
      targetReps: reps,
      reason: `deload −${rule.deloadPercent} % (${kg(weight)} → ${kg(lower)}): ` +
        `${streak} sessions in a row missed; ${short}`
    }
  }
  const left = rule.failuresBeforeDeload - (streak % rule.failuresBeforeDeload)
  // Without a weight there is nothing to take off.
  const countdown = weight === null ? '' : ` (${left} more before a deload)`
  const same = `same ${weight === null ? 'weight' : kg(weight)}`
  return { targetWeightKg: weight, targetReps: reps, reason: `${same}: ${short}${countdown}` }
}

function double (item: PlanItemDto, rule: Rule, sessions: PastSession[]): NextTargets {
  const min = item.repsMin as number
  const max = item.repsMax as number
  const last = sessions[0]
  if (last === undefined) {
    const at = item.weightKg === null ? '' : ` at the planned ${kg(item.weightKg)}`
    return { targetWeightKg: item.weightKg, targetReps: min, reason: `first session: ${min} reps${at}` }
  }
  const weight = weightOf(last, item.weightKg)
  const sets = planned(last)
  if (succeeded(last, max)) {
    return {
      targetWeightKg: plus(weight, rule.incrementKg),
      targetReps: min,
      reason: `+${kg(rule.incrementKg)}: all ${sets.length} sets reached ${max} reps last time; back to ${min} reps`
    }
  }
  const same = `same ${weight === null ? 'weight' : kg(weight)}`
  const done = sets.filter((set) => doneAt(set, null, set.targetWeightKg))
  if (done.length === 0) {
    const reps = Math.min(max, Math.max(min, sets[0]?.targetReps ?? min))
    return { targetWeightKg: weight, targetReps: reps, reason: `${same}, ${reps} reps: no set done last time` }
  }
  const lowest = Math.min(...done.map((set) => set.reps ?? 0))
  const reps = Math.min(max, Math.max(min, lowest + 1))
  const why = lowest + 1 < min
    ? `last time's lowest set (${lowest}) was below the range`
    : lowest + 1 > max
      ? `not every set reached ${max} last time`
      : `one above last time's lowest set (${lowest})`
  return { targetWeightKg: weight, targetReps: reps, reason: `${same}, ${reps} reps: ${why}` }
}

/**
 * What the next start of a plan item aims for (shared/API.md, Training tools), from its completed sessions, newest
 * first. Computed from the sets as they are now, so an edit to the last session changes the answer.
 */
export function nextTargets (item: PlanItemDto, sessions: PastSession[]): NextTargets {
  const rule = item.progression
  if (rule === null) {
    return { targetWeightKg: item.weightKg, targetReps: item.reps ?? item.repsMax, reason: 'no progression rule' }
  }
  return rule.type === 'linear' ? linear(item, rule, sessions) : double(item, rule, sessions)
}
