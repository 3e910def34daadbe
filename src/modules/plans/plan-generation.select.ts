import type { ExerciseRow } from '../exercises/exercises.repository.js'
import type { Muscle, Tracking } from '../exercises/exercises.vocabulary.js'
import type { GenerateInput } from './plan-generation.schemas.js'
import { STAPLES, type Slot } from './plan-generation.templates.js'
import type { Goal } from './plans.schemas.js'

/** A library exercise as the generator sees it. */
export interface Candidate {
  id: string
  name: string
  category: string
  primary: Muscle[]
  equipment: string[]
  level: string
  mechanic: string | null
  force: string | null
  tracking: Tracking
}

const list = (json: string): string[] => {
  try { const v: unknown = JSON.parse(json); return Array.isArray(v) ? v.map(String) : [] } catch { return [] }
}

export const toCandidate = (r: ExerciseRow): Candidate => ({
  id: r.id,
  name: r.name,
  category: r.category,
  primary: list(r.primary_muscles) as Muscle[],
  equipment: list(r.equipment),
  level: r.level,
  mechanic: r.mechanic,
  force: r.force,
  tracking: r.tracking as Tracking
})

/**
 * Categories that fill strength-work slots per goal, by preference (lower first); olympic lifts and strongman need an
 * expert.
 */
const CATEGORIES: Record<Goal, Record<string, number>> = {
  strength: { strength: 0, powerlifting: 0, olympic_weightlifting: 1, strongman: 1, calisthenics: 2 },
  hypertrophy: { strength: 0, powerlifting: 1, calisthenics: 1 },
  endurance: { strength: 0, calisthenics: 0, plyometrics: 1 },
  weight_loss: { strength: 0, calisthenics: 0, plyometrics: 1 },
  general_fitness: { strength: 0, calisthenics: 0, powerlifting: 1, plyometrics: 1 }
}

/** Equipment preference (lower is better) per goal; an exercise ranks by its least preferred item. */
const EQUIPMENT_RANK: Record<Goal, Record<string, number>> = {
  strength: {
    barbell: 0,
    trap_bar: 0,
    bench: 0,
    dumbbell: 1,
    ez_bar: 1,
    pull_up_bar: 1,
    plate: 1,
    body_only: 2,
    kettlebell: 2,
    smith_machine: 2,
    machine: 2,
    cable: 2
  },
  hypertrophy: {
    barbell: 0,
    dumbbell: 0,
    ez_bar: 0,
    bench: 0,
    cable: 1,
    machine: 1,
    pull_up_bar: 1,
    trap_bar: 1,
    body_only: 2,
    smith_machine: 2,
    kettlebell: 2,
    plate: 2
  },
  endurance: {
    body_only: 0,
    kettlebell: 0,
    dumbbell: 0,
    bands: 1,
    medicine_ball: 1,
    suspension: 1,
    pull_up_bar: 1,
    bench: 1,
    exercise_ball: 1,
    barbell: 2,
    cable: 2,
    machine: 2
  },
  weight_loss: {
    body_only: 0,
    kettlebell: 0,
    dumbbell: 0,
    bands: 1,
    medicine_ball: 1,
    suspension: 1,
    pull_up_bar: 1,
    bench: 1,
    exercise_ball: 1,
    barbell: 2,
    cable: 2,
    machine: 2
  },
  general_fitness: {
    dumbbell: 0,
    barbell: 0,
    body_only: 0,
    bench: 0,
    kettlebell: 1,
    cable: 1,
    machine: 1,
    pull_up_bar: 1,
    bands: 1
  }
}

/**
 * Whether the caller can do an exercise at all: every piece of its equipment is available
 * (body_only always is), and a beginner gets no expert exercises.
 */
export function usable (input: GenerateInput, c: Candidate): boolean {
  const available = new Set<string>([...input.equipment, 'body_only'])
  return c.equipment.every((e) => available.has(e)) && !(input.level === 'beginner' && c.level === 'expert')
}

const isCardio = (c: Candidate): boolean => c.tracking === 'duration' || c.tracking === 'distance_duration'

/** Whether an exercise can fill a slot at all; how well it fits is the score's business. */
export function fits (slot: Slot, c: Candidate, input: GenerateInput): boolean {
  const hits = c.primary.some((m) => slot.muscles.includes(m))
  switch (slot.kind) {
    case 'cardio': return c.category === 'cardio' && isCardio(c)
    case 'mobility': return c.category === 'stretching' && c.tracking === 'duration' && hits
    case 'core': return hits && c.category !== 'stretching' &&
      c.category !== 'cardio' && c.tracking !== 'distance_duration'
    default: {
      const expertOnly = ['olympic_weightlifting', 'strongman'].includes(c.category) && input.level !== 'expert'
      return hits && !isCardio(c) && CATEGORIES[input.goal][c.category] !== undefined && !expertOnly
    }
  }
}

/**
 * Lexicographic score, lower is better. The id breaks ties, so the order is total and stable:
 * the predefined library's ids follow its order, which lists the staple movements first.
 */
export function score (slot: Slot, c: Candidate, input: GenerateInput): number[] {
  const wantsCompound = slot.kind === 'main' || slot.kind === 'compound'
  const mechanic = slot.kind === 'cardio' || slot.kind === 'mobility'
    ? 0
    : c.mechanic === null ? 1 : (c.mechanic === 'compound') === wantsCompound ? 0 : 2
  const level = input.level === 'expert'
    ? 0
    : input.level === 'intermediate' ? Number(c.level === 'expert') : Number(c.level !== 'beginner')
  const staple = STAPLES[slot.muscles[0]]?.test(c.name) === true ? 0 : 1
  const force = slot.force === undefined || c.force === slot.force ? 0 : c.force === null ? 1 : 2
  const muscle = slot.muscles.indexOf(c.primary[0]) === -1 ? slot.muscles.length : slot.muscles.indexOf(c.primary[0])
  const ranks = EQUIPMENT_RANK[input.goal]
  const equipment = Math.max(0, ...(c.equipment.length === 0 ? ['body_only'] : c.equipment).map((e) => ranks[e] ?? 3))
  return [mechanic, level, staple, force, muscle, equipment, CATEGORIES[input.goal][c.category] ?? 0]
}

function compare (a: { c: Candidate, s: number[] }, b: { c: Candidate, s: number[] }): number {
  for (let i = 0; i < a.s.length; i++) if (a.s[i] !== b.s[i]) return a.s[i] - b.s[i]
  return a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0
}

/**
 * The best exercise for a slot that is not already in the day. Repeated day types get variety:
 * the best one not yet used this week, if it is as well suited (same mechanic, level, staple and
 * force scores) as the overall best; a main lift may be kept all week (`repeat`).
 */
export function pick (
  slot: Slot,
  pool: Candidate[],
  input: GenerateInput,
  used: { today: Set<string>, week: Set<string> },
  repeat = false
): Candidate | undefined {
  const ranked = pool.filter((c) => !used.today.has(c.id) && fits(slot, c, input))
    .map((c) => ({ c, s: score(slot, c, input) })).sort(compare)
  if (ranked.length === 0) return undefined
  const tier = (s: number[]): string => s.slice(0, 4).join()
  const fresh = repeat ? undefined : ranked.find((r) => !used.week.has(r.c.id) && tier(r.s) === tier(ranked[0].s))
  return (fresh ?? ranked[0]).c
}
