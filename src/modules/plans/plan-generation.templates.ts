import type { Muscle } from '../exercises/exercises.vocabulary.js'

/**
 * The fixed building blocks of plan generation (rules in docs/plan-generation.md): which days a
 * week holds, when they fall, and which exercise "slots" each kind of day fills, in order.
 */
export type SlotKind = 'main' | 'compound' | 'isolation' | 'calves' | 'core' | 'cardio' | 'mobility' | 'focus'
export interface Slot { kind: SlotKind, muscles: Muscle[], force?: 'push' | 'pull' }
export type DayType = 'full_body' | 'upper' | 'lower' | 'push' | 'pull' | 'legs' | 'recovery'

const BACK: Muscle[] = ['lats', 'middle_back']
const s = (kind: SlotKind, muscles: Muscle[], force?: 'push' | 'pull'): Slot => ({ kind, muscles, force })

// Orders alternate lower/upper or push/pull, so neighbours paired into a circuit do not tire the same muscles.
export const DAY_TEMPLATES: Record<DayType, { name: string, slots: Slot[] }> = {
  full_body: {
    name: 'Full body',
    slots: [
      s('main', ['quadriceps']),
      s('compound', ['chest'], 'push'),
      s('compound', BACK, 'pull'),
      s('compound', ['hamstrings']),
      s('compound', ['shoulders'], 'push'),
      s('compound', ['glutes']),
      s('isolation', ['biceps']),
      s('isolation', ['triceps']),
      s('calves', ['calves']),
      s('core', ['abdominals'])
    ]
  },
  upper: {
    name: 'Upper body',
    slots: [
      s('main', ['chest'], 'push'),
      s('compound', BACK, 'pull'),
      s('compound', ['shoulders'], 'push'),
      s('compound', ['middle_back', 'lats'], 'pull'),
      s('isolation', ['triceps']),
      s('isolation', ['biceps']),
      s('core', ['abdominals'])
    ]
  },
  lower: {
    name: 'Lower body',
    slots: [
      s('main', ['quadriceps']),
      s('compound', ['hamstrings']),
      s('compound', ['glutes']),
      s('isolation', ['quadriceps']),
      s('isolation', ['hamstrings']),
      s('calves', ['calves']),
      s('core', ['abdominals'])
    ]
  },
  push: {
    name: 'Push',
    slots: [
      s('main', ['chest'], 'push'),
      s('compound', ['shoulders'], 'push'),
      s('compound', ['chest'], 'push'),
      s('isolation', ['triceps']),
      s('isolation', ['shoulders']),
      s('isolation', ['triceps']),
      s('core', ['abdominals'])
    ]
  },
  pull: {
    name: 'Pull',
    slots: [
      s('main', BACK, 'pull'),
      s('compound', ['middle_back', 'lats'], 'pull'),
      s('isolation', ['biceps']),
      s('isolation', ['lats', 'middle_back']),
      s('isolation', ['biceps']),
      s('isolation', ['traps']),
      s('core', ['abdominals'])
    ]
  },
  legs: {
    name: 'Legs',
    slots: [
      s('main', ['quadriceps']),
      s('compound', ['hamstrings']),
      s('compound', ['glutes']),
      s('isolation', ['quadriceps']),
      s('isolation', ['hamstrings']),
      s('calves', ['calves']),
      s('core', ['abdominals'])
    ]
  },
  recovery: {
    name: 'Active recovery',
    slots: [
      s('cardio', []),
      s('core', ['abdominals']),
      s('mobility', ['hamstrings', 'quadriceps', 'glutes']),
      s('mobility', ['chest', 'shoulders', 'lats'])
    ]
  }
}

/**
 * Which days a week holds. Strength work: full body up to 3 days (so every muscle still gets two
 * days), then upper/lower, then push/pull/legs, and a 7th day of active recovery. Circuits
 * (endurance, weight loss) are full body on every training day.
 */
const SPLITS: Record<number, DayType[]> = {
  1: ['full_body'],
  2: ['full_body', 'full_body'],
  3: ['full_body', 'full_body', 'full_body'],
  4: ['upper', 'lower', 'upper', 'lower'],
  5: ['upper', 'lower', 'push', 'pull', 'legs'],
  6: ['push', 'pull', 'legs', 'push', 'pull', 'legs'],
  7: ['push', 'pull', 'legs', 'push', 'pull', 'legs', 'recovery']
}
const SPLIT_NAMES: Record<number, string> = {
  1: 'full body',
  2: 'full body',
  3: 'full body',
  4: 'upper/lower',
  5: 'upper/lower + push/pull/legs',
  6: 'push/pull/legs',
  7: 'push/pull/legs + active recovery'
}

export function splitFor (circuits: boolean, daysPerWeek: number): { days: DayType[], name: string } {
  if (!circuits) return { days: SPLITS[daysPerWeek], name: SPLIT_NAMES[daysPerWeek] }
  const days: DayType[] = Array.from({ length: daysPerWeek }, (_, d) => d === 6 ? 'recovery' : 'full_body')
  return { days, name: daysPerWeek === 7 ? 'full-body circuits + active recovery' : 'full-body circuits' }
}

/** Training days spread over the week (1 = Monday), with rest days between where the count allows. */
export const WEEKDAYS: Record<number, number[]> = {
  1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 5, 6], 6: [1, 2, 3, 4, 5, 6], 7: [1, 2, 3, 4, 5, 6, 7]
}

/** Names that mark the staple movement of a muscle; preferred over obscure variants of it. */
export const STAPLES: Partial<Record<Muscle, RegExp>> = {
  quadriceps: /squat|leg press|lunge/i,
  hamstrings: /deadlift|romanian|leg curl|good morning/i,
  glutes: /hip thrust|glute bridge|bridge/i,
  chest: /bench press|push-?up|chest press|dip/i,
  lats: /pull-?up|chin-?up|pulldown|row/i,
  middle_back: /row/i,
  shoulders: /press|lateral raise/i,
  biceps: /curl/i,
  triceps: /extension|pushdown|dip|skull/i,
  calves: /calf raise/i,
  abdominals: /crunch|plank|leg raise|sit-?up/i,
  traps: /shrug/i
}
