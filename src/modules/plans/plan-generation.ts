import type { ExerciseRow } from '../exercises/exercises.repository.js'
import { CATEGORIES, type Muscle } from '../exercises/exercises.vocabulary.js'
import { CIRCUIT_GOALS, cardioDose, doseFor, type Dose } from './plan-generation.doses.js'
import type { GenerateInput, PlanProposalDto, ProposalItemDto } from './plan-generation.schemas.js'
import { pick, toCandidate, usable, type Candidate } from './plan-generation.select.js'
import {
  DAY_TEMPLATES,
  splitFor,
  WEEKDAYS,
  type DayType,
  type Slot,
  type SlotKind
} from './plan-generation.templates.js'
import { estimateDaySec, toMinutes } from './plans.estimate.js'
import { DEFAULT_DELOAD_PERCENT, DEFAULT_FAILURES_BEFORE_DELOAD } from './plans.progression.js'

/**
 * Personalized plan generation: a pure, deterministic function of the request and the library
 * rows (no clock, no randomness; every choice is a total order). Rules: docs/plan-generation.md.
 */
interface Built { c: Candidate, kind: SlotKind, item: ProposalItemDto }

/** Drop order when a day runs long: higher goes first; optional kinds go before anything else. */
const PRIORITY: Record<SlotKind, number> = {
  main: 0,
  cardio: 0,
  compound: 1,
  isolation: 2,
  focus: 2,
  calves: 3,
  core: 3,
  mobility: 3
}

const GOAL_SUMMARY: Record<GenerateInput['goal'], string> = {
  strength: 'Compound lifts first, heavy and low-rep (3–6; 1–5 for experts) with long rests (150–240 s).',
  hypertrophy:
    '6–12 reps with 60–120 s rests; every major muscle is trained on at least two days a week (one with a single day).',
  endurance: 'Circuits of paired exercises at 15–20 reps with 30 s rests, and steady cardio every day.',
  weight_loss: 'Circuits of paired exercises at 12–15 reps with 45 s rests, and interval cardio every day.',
  general_fitness: 'A balanced mix of compound and isolation work at 8–15 reps, with cardio every day.'
}

/** Circuit goals pair neighbouring strength exercises into supersets (an odd one out joins the last pair). */
function grouped (input: GenerateInput, list: Built[]): ProposalItemDto[] {
  const circuit = CIRCUIT_GOALS.includes(input.goal)
  const work = list.filter((b) => b.kind !== 'cardio' && b.kind !== 'mobility')
  return list.map((b) => {
    const i = work.indexOf(b)
    const group = !circuit || i === -1 || work.length < 2
      ? null
      : Math.min(Math.floor(i / 2), Math.floor(work.length / 2) - 1) + 1
    return { ...b.item, supersetGroup: group }
  })
}

const seconds = (input: GenerateInput, list: Built[]): number => estimateDaySec(grouped(input, list))

/**
 * Fits a day into the session: drop optional items (core, calves, mobility, and isolation work
 * except for hypertrophy), then trim sets (not below 3 for strength, 2 otherwise), then drop the
 * lowest-priority items, then trim sets to 1. Never below one item.
 */
function fit (input: GenerateInput, built: Built[]): Built[] {
  const budget = input.sessionDurationMin * 60
  const list = [...built]
  const over = (): boolean => seconds(input, list) > budget
  const optional = (b: Built): boolean =>
    PRIORITY[b.kind] === 3 || (b.kind === 'isolation' && input.goal !== 'hypertrophy')
  const lowest = (candidates: Built[]): Built | undefined =>
    candidates.reduce<Built | undefined>(
      (worst, b) => worst === undefined || PRIORITY[b.kind] >= PRIORITY[worst.kind] ? b : worst,
      undefined
    )
  const trim = (min: number): boolean => {
    const b = lowest(list.filter((x) => x.kind !== 'cardio' && x.item.sets > min))
    if (b !== undefined) b.item = { ...b.item, sets: b.item.sets - 1 }
    return b !== undefined
  }
  const drop = (b: Built | undefined): boolean => b !== undefined && list.splice(list.indexOf(b), 1).length === 1
  while (over() && list.length > 1 && drop(lowest(list.filter(optional)))) { /* dropping */ }
  while (over() && trim(input.goal === 'strength' ? 3 : 2)) { /* trimming */ }
  while (over() && list.length > 1 && drop(lowest(list))) { /* dropping */ }
  while (over() && trim(1)) { /* trimming */ }
  return list
}

function buildItem (input: GenerateInput, c: Candidate, kind: SlotKind, recovery: boolean): Built {
  const dose = kind === 'cardio'
    ? cardioDose(input.goal, input.sessionDurationMin, recovery)
    : doseFor(input.goal, input.level, c, kind)
  const item = {
    exerciseId: c.id,
    exercise: { id: c.id, name: c.name, tracking: c.tracking },
    ...dose,
    weightKg: null,
    distanceM: null,
    supersetGroup: null,
    ...progressionFor(input.goal, c, kind, dose)
  }
  return { c, kind, item }
}

const INCREMENT_KG = 2.5
/**
 * Loaded lifts progress by themselves: a fixed rep count linearly, a rep range by double progression; circuits
 * (endurance, weight loss) do not chase load. Main barbell lifts start with warm-up sets.
 */
function progressionFor (
  goal: GenerateInput['goal'],
  c: Candidate,
  kind: SlotKind,
  dose: Dose
): Pick<ProposalItemDto, 'progression' | 'warmupSets'> {
  if (c.tracking !== 'weight_reps' || CIRCUIT_GOALS.includes(goal)) return { progression: null, warmupSets: false }
  const progression: ProposalItemDto['progression'] = dose.reps !== null
    ? {
        type: 'linear',
        incrementKg: INCREMENT_KG,
        failuresBeforeDeload: DEFAULT_FAILURES_BEFORE_DELOAD,
        deloadPercent: DEFAULT_DELOAD_PERCENT
      }
    : dose.repsMin !== null ? { type: 'double', incrementKg: INCREMENT_KG } : null
  return { progression, warmupSets: kind === 'main' && c.equipment.includes('barbell') }
}

function buildDay (
  input: GenerateInput,
  pool: Candidate[],
  type: DayType,
  focus: Muscle[],
  week: Set<string>
): ProposalItemDto[] {
  const slots: Slot[] = [...DAY_TEMPLATES[type].slots]
  if (type !== 'recovery' && input.goal !== 'strength' && input.goal !== 'hypertrophy') {
    slots.push({ kind: 'cardio', muscles: [] })
  }
  const today = new Set<string>()
  const take = (slot: Slot): Built | undefined => {
    const c = pick(slot, pool, input, { today, week }, slot.kind === 'main' && input.goal === 'strength')
    if (c === undefined) return undefined
    today.add(c.id)
    return buildItem(input, c, slot.kind, type === 'recovery')
  }
  let list = fit(input, slots.map(take).filter((b) => b !== undefined))
  // Focus muscles get one more exercise, before calves, core and cardio, only if the day still fits.
  for (const muscle of focus) {
    const extra = take({ kind: 'focus', muscles: [muscle] })
    const found = list.findIndex((b) => b.kind === 'calves' || b.kind === 'core' || b.kind === 'cardio')
    const at = found === -1 ? list.length : found
    const next = extra === undefined ? list : [...list.slice(0, at), extra, ...list.slice(at)]
    if (seconds(input, next) <= input.sessionDurationMin * 60) list = next
  }
  for (const b of list) week.add(b.c.id)
  return grouped(input, list)
}

export function generatePlan (input: GenerateInput, rows: ExerciseRow[]): PlanProposalDto {
  const pool = rows.map(toCandidate).filter((c) => usable(input, c))
  const { days: split, name: splitName } = splitFor(CIRCUIT_GOALS.includes(input.goal), input.daysPerWeek)
  const trains = (type: DayType, m: Muscle): boolean =>
    DAY_TEMPLATES[type].slots.some((s) => s.kind !== 'core' && s.muscles.includes(m))
  const focus = input.focusMuscles ?? []
  const week = new Set<string>()
  const seen = new Map<DayType, number>()
  const days = split.map((type, d) => {
    const n = seen.get(type) ?? 0
    seen.set(type, n + 1)
    // A focus muscle no day trains (abdominals, forearms…) is added to every training day.
    const dayFocus = focus.filter((m) => type !== 'recovery' && (trains(type, m) || !split.some((t) => trains(t, m))))
    const items = buildDay(input, pool, type, dayFocus, week)
    const estimatedDurationMin = toMinutes(estimateDaySec(items))
    const letter = split.filter((t) => t === type).length > 1 ? ` ${String.fromCharCode(65 + n)}` : ''
    return {
      name: DAY_TEMPLATES[type].name + letter,
      weekday: WEEKDAYS[input.daysPerWeek][d],
      estimatedDurationMin,
      overBudget: estimatedDurationMin > input.sessionDurationMin,
      items
    }
  })
  const used = new Set(days.flatMap((d) => d.items.map((i) => pool.find((c) => c.id === i.exerciseId)?.category)))
  const goalName = input.goal.replace('_', ' ')
  const plural = input.daysPerWeek > 1 ? 's' : ''
  const equipment = input.equipment.filter((e) => e !== 'body_only').join(', ') || 'no equipment'
  return {
    name: `${goalName[0].toUpperCase()}${goalName.slice(1)}: ${input.daysPerWeek} day${plural} a week, ${splitName}`,
    description: `Generated for the ${input.level} level, ${input.sessionDurationMin}-minute sessions and ` +
      `${equipment} (body weight always). ${GOAL_SUMMARY[input.goal]}`,
    goal: input.goal,
    daysPerWeek: input.daysPerWeek,
    sessionDurationMin: input.sessionDurationMin,
    exerciseTypes: CATEGORIES.filter((c) => used.has(c)),
    days
  }
}
