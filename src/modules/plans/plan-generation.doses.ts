import type { Goal } from './plans.schemas.js'
import type { Candidate } from './plan-generation.select.js'
import type { SlotKind } from './plan-generation.templates.js'

type Level = 'beginner' | 'intermediate' | 'expert'

/** What a generated item prescribes: sets, reps (or a range) or a duration, and the rest. */
export interface Dose {
  sets: number
  reps: number | null
  repsMin: number | null
  repsMax: number | null
  durationSec: number | null
  restSec: number
  notes: string | null
}

const base: Dose = { sets: 3, reps: null, repsMin: null, repsMax: null, durationSec: null, restSec: 90, notes: null }
const range = (sets: number, min: number, max: number, restSec: number, notes: string | null = null): Dose =>
  ({ ...base, sets, repsMin: min, repsMax: max, restSec, notes })

/** Goals trained as circuits: neighbouring exercises are paired into supersets and every day has cardio. */
export const CIRCUIT_GOALS: readonly Goal[] = ['endurance', 'weight_loss']
/**
 * Share of the session given to the cardio item per goal; strength and hypertrophy have cardio only on active
 * recovery days, which give it half.
 */
const CARDIO_SHARE: Record<Goal, number> = {
  endurance: 0.35,
  weight_loss: 0.3,
  general_fitness: 0.2,
  strength: 0,
  hypertrophy: 0
}
const RECOVERY_SHARE = 0.5
const CARDIO_NOTES: Record<Goal, string> = {
  endurance: 'Steady, conversational pace',
  weight_loss: 'Intervals: 1 min fast, 1 min easy',
  general_fitness: 'Moderate pace',
  strength: 'Easy pace',
  hypertrophy: 'Easy pace'
}

// What the item's progression rule (plan-generation.ts) will do, in the lifter's words.
const MAIN_LIFT_NOTES = {
  fixed: 'Main lift: add weight after every session where each set gets all its reps',
  range: 'Main lift: add weight once every set reaches the top of its reps'
}

/**
 * Heavy, low-rep work for compound lifts: 3–6 reps (5 fixed for beginners, 1–5 for experts), 3–5 sets, 150–240 s
 * rest.
 */
function strength (level: Level, main: boolean): Dose {
  const sets = { beginner: 3, intermediate: 4, expert: 5 }[level] - (main ? 0 : 1)
  const restSec = level === 'beginner' ? (main ? 180 : 150) : (main ? 240 : 180)
  const reps = level === 'beginner'
    ? { ...base, reps: 5 }
    : level === 'intermediate' ? range(0, 3, 6, 0) : range(0, 1, 5, 0)
  return {
    ...reps,
    sets: Math.max(3, sets),
    restSec,
    notes: main ? MAIN_LIFT_NOTES[level === 'beginner' ? 'fixed' : 'range'] : null
  }
}

export function cardioDose (goal: Goal, sessionMin: number, recovery: boolean): Dose {
  const minutes = Math.max(5, Math.round((sessionMin * (recovery ? RECOVERY_SHARE : CARDIO_SHARE[goal])) / 5) * 5)
  return { ...base, sets: 1, durationSec: minutes * 60, restSec: 0, notes: recovery ? 'Easy pace' : CARDIO_NOTES[goal] }
}

/** The prescription for one exercise in one slot, by goal, level and the exercise's mechanic and tracking. */
export function doseFor (goal: Goal, level: Level, c: Candidate, kind: SlotKind): Dose {
  const circuit = CIRCUIT_GOALS.includes(goal)
  if (kind === 'mobility') return { ...base, sets: 2, durationSec: 30, restSec: 15, notes: 'Hold gently' }
  if (c.tracking === 'duration' || c.tracking === 'distance_duration') {
    return { ...base, durationSec: { beginner: 30, intermediate: 45, expert: 60 }[level], restSec: circuit ? 30 : 60 }
  }
  const compound = c.mechanic === 'compound'
  switch (goal) {
    case 'strength': return compound ? strength(level, kind === 'main') : range(3, 8, 12, 90)
    case 'hypertrophy': return compound
      ? range(level === 'expert' ? 4 : 3, 6, 10, kind === 'main' ? 120 : 90)
      : range(3, 10, 12, 60)
    case 'endurance': return range(level === 'beginner' ? 2 : 3, 15, 20, 30)
    case 'weight_loss': return range(3, 12, 15, 45)
    default: return compound ? range(3, 8, 12, 90) : range(3, 10, 15, 60)
  }
}
