import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import fc from 'fast-check'
import { as, register } from './app.js'
import {
  fromWallClock, goalReach, mondayOf, wallClock, weekIndex, zonedInstant, type GoalKind, type MSet, type MWorkout
} from './training-model.js'

/**
 * Random sequences of every kind of training write, as plain records (fast-check shrinks them),
 * and their interpreter: each action is sent through the API and applied to a model state that
 * test/helpers/training-model.ts computes the statistics of. Targets are picked by index modulo
 * what exists when the action runs, so any shrunk sequence still makes sense.
 */
export const ZONES = [
  'UTC', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu',
  'Australia/Lord_Howe'
] as const
type Tracking = 'weight_reps' | 'reps' | 'duration' | 'distance_duration'
type SetType = MSet['type']
const DAY = 86_400_000

export interface RawSet {
  type: SetType
  completed: boolean
  reps: number
  weightKg: number
  durationSec: number
  distanceM: number
  /** A reps exercise's optional added weight. */
  withWeight: boolean
  /** A planned (uncompleted) set may be logged without values. */
  empty: boolean
}
/** A local wall clock: `anchor` picks a Monday near now or a daylight-saving Sunday, then days and minutes from it. */
export interface StartSpec { anchor: number, dayOffset: number, minutes: number, zone: string }
export type Move = { unit: 'localDays', n: number } | { unit: 'minutes', n: number }
type End = 'complete' | 'reopen' | null

type NewExercise = { pick: number, sets: RawSet[] }
export type Action =
  | { kind: 'createWorkout', start: StartSpec, minutes: number, completed: boolean, exercises: NewExercise[] }
  | { kind: 'addExercise', pick: number, exercise: number, position: number | null, sets: RawSet[] }
  | { kind: 'logSet', pick: number, position: number | null, set: RawSet }
  | { kind: 'editSet', pick: number, values: RawSet | null, type: SetType | null, completed: boolean | null }
  | { kind: 'moveSet', pick: number, to: number }
  | { kind: 'deleteSet', pick: number }
  | { kind: 'moveExercise', pick: number, to: number }
  | { kind: 'swapExercise', pick: number }
  | { kind: 'deleteExercise', pick: number }
  | { kind: 'patchWorkout', pick: number, rename: boolean, move: Move | null, end: End, minutes: number }
  | { kind: 'deleteWorkout', pick: number }
  | { kind: 'patchExercise', exercise: number, rename: boolean, primary: string[] | null, secondary: string[] | null }
  | { kind: 'timeZone', zone: string }

const pick = fc.nat({ max: 1000 })
const MUSCLES = ['chest', 'lats', 'quadriceps', 'glutes', 'shoulders', 'triceps', 'biceps', 'abdominals', 'calves',
  'hamstrings']
// Small pools, so that values often tie a record, and pairs that tie on purpose: 100 × 3 and
// 110 × 1 (e1RM 110 once rounded), 100 × 5 and 100 × 3 (max weight), 2 × 110.25 and 9 × 24.5.
const repsAndWeight = fc.oneof(
  fc.constantFrom<[number, number]>([3, 100], [1, 110], [5, 100], [2, 110.25], [9, 24.5], [12, 72.5]),
  fc.tuple(
    fc.constantFrom(5, 0, 1, 2, 3, 8, 12, 13, 15, 1000),
    fc.constantFrom(100, 0, 0.1, 2.5, 72.5, 80, 102.5, 110, 110.25, 1000)
  )
)
const rawSet: fc.Arbitrary<RawSet> = fc.record({
  type: fc.constantFrom<SetType>('normal', 'normal', 'warmup', 'drop', 'failure'),
  completed: fc.constantFrom(true, true, true, false),
  repsAndWeight,
  durationSec: fc.constantFrom(60, 30, 45.5, 90, 3600),
  distanceM: fc.constantFrom(1000, 0.1, 400, 5000.5),
  withWeight: fc.boolean(),
  empty: fc.boolean()
}).map(({ repsAndWeight: [reps, weightKg], ...rest }) => ({ ...rest, reps, weightKg }))
const position = fc.option(fc.nat({ max: 6 }), { nil: null })
// Minutes after local midnight: mostly next to midnight, and the hours clocks skip or repeat.
const start: fc.Arbitrary<StartSpec> = fc.record({
  anchor: pick,
  dayOffset: fc.constantFrom(0, -1, 1, 0, -1, 2, 5),
  minutes: fc.constantFrom(1410, 0, 5, 30, 1439, 1380, 90, 105, 135, 150, 720, 1290),
  zone: fc.constantFrom('user', 'user', ...ZONES)
})
const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ unit: fc.constant('localDays' as const), n: fc.constantFrom(1, -1, 7, -7, 3, -3, 14, -14) }),
  fc.record({ unit: fc.constant('minutes' as const), n: fc.constantFrom(30, -30, 60, -60, 90, -90, 180, -720, -45) })
)
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const muscleList = nullable(fc.uniqueArray(fc.constantFrom(...MUSCLES), { minLength: 1, maxLength: 3 }))
const sets = (max: number) => fc.array(rawSet, { maxLength: max })
const kind = <K extends Action['kind']>(k: K) => fc.constant(k)

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: kind('logSet'), pick, position, set: rawSet }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: kind('createWorkout'),
      start,
      minutes: fc.constantFrom(45, 0, 1, 90, 600),
      completed: fc.constantFrom(true, true, false),
      exercises: fc.array(fc.record({ pick, sets: sets(4) }), { maxLength: 3 })
    })
  },
  { weight: 2, arbitrary: fc.record({ kind: kind('addExercise'), pick, exercise: pick, position, sets: sets(3) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: kind('editSet'),
      pick,
      values: nullable(rawSet),
      type: nullable(fc.constantFrom<SetType>('normal', 'warmup', 'drop', 'failure')),
      completed: nullable(fc.boolean())
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: kind('moveSet'), pick, to: fc.nat({ max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: kind('deleteSet'), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('moveExercise'), pick, to: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('swapExercise'), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('deleteExercise'), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: kind('patchWorkout'),
      pick,
      rename: fc.boolean(),
      move: nullable(move),
      end: fc.constantFrom<End>('complete', 'reopen', null),
      minutes: fc.constantFrom(50, 0, 95)
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: kind('deleteWorkout'), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: kind('patchExercise'), exercise: pick, rename: fc.boolean(), primary: muscleList, secondary: muscleList
    })
  },
  { weight: 2, arbitrary: fc.record({ kind: kind('timeZone'), zone: fc.constantFrom(...ZONES) }) }
)

/** 10–25 steps. A step shrinks to null (skipped), so a minimal failing sequence shows only the steps that matter. */
export const actions = fc.array(fc.option(action, { nil: null, freq: 10_000 }), { minLength: 10, maxLength: 25 })

export interface CatalogueEntry {
  id: string
  name: string
  tracking: Tracking
  primary: string[]
  secondary: string[]
}
export interface SExercise { id: string, exerciseId: string, sets: MSet[] }
export interface SWorkout {
  id: string
  name: string
  startedAt: string
  endedAt: string | null
  exercises: SExercise[]
}
export interface SGoal {
  id: string
  type: GoalKind
  exerciseId: string | null
  target: number
  status: 'active' | 'achieved'
  achievedAt: string | null
}
export interface ModelState {
  userId: string
  timeZone: string
  catalogue: CatalogueEntry[]
  workouts: SWorkout[]
  goals: SGoal[]
  /** Workouts deleted so far: their stored documents must be gone too. */
  deleted: string[]
  /** Counts workouts and renames; a workout's start carries its tag as milliseconds. */
  tag: number
}

/** The state's workouts as training-model.ts takes them, with each exercise's current name and muscles. */
export function modelWorkouts (state: ModelState): MWorkout[] {
  return state.workouts.map((w) => ({
    ...w,
    exercises: w.exercises.map((e) => {
      const { name, primary, secondary } = entry(state, e.exerciseId)
      return { id: e.id, exerciseId: e.exerciseId, name, primary, secondary, sets: e.sets }
    })
  }))
}

const EXERCISES: Array<[Tracking, string, string[], string[]]> = [
  ['weight_reps', 'Press', ['chest'], ['triceps', 'shoulders']],
  ['weight_reps', 'Squat', ['quadriceps', 'glutes'], ['hamstrings']],
  ['reps', 'Pull', ['lats'], ['biceps']],
  ['reps', 'Dip', ['chest', 'triceps'], []],
  ['duration', 'Plank', ['abdominals'], ['lower_back']],
  ['duration', 'Hang', ['shoulders'], []],
  ['distance_duration', 'Run', ['quadriceps'], ['calves']],
  ['distance_duration', 'Row', ['hamstrings', 'calves'], ['glutes']]
]
let users = 0

type Api = ReturnType<typeof as>

/** A fresh user with two custom exercises per tracking kind and four goals the writes can reach (start 0). */
export async function setup (app: FastifyInstance): Promise<{ api: Api, state: ModelState }> {
  const session = await register(app)
  const api = as(app, session)
  const run = ++users
  const catalogue: CatalogueEntry[] = []
  for (const [tracking, label, primary, secondary] of EXERCISES) {
    const name = `Model ${label} ${run}`
    const category = tracking.startsWith('d') ? 'cardio' : 'strength'
    const muscles = { primaryMuscles: primary, secondaryMuscles: secondary }
    const fixed = { equipment: ['other'], level: 'beginner' }
    const res = await api.post('/exercises', { name, category, tracking, ...muscles, ...fixed })
    expect(res, 201)
    catalogue.push({ id: res.json().id, name, tracking, primary, secondary })
  }
  const goals: SGoal[] = []
  const specs: Array<[GoalKind, string | null, number]> = [
    ['exercise_weight', catalogue[0].id, 110], ['exercise_1rm', catalogue[0].id, 120],
    ['exercise_reps', catalogue[2].id, 15], ['weekly_workouts', null, 2]
  ]
  for (const [type, exerciseId, target] of specs) {
    const subject = exerciseId === null ? {} : { exerciseId }
    const res = await api.post('/goals', { type, targetValue: target, startValue: 0, ...subject })
    expect(res, 201)
    goals.push({ id: res.json().id, type, exerciseId, target, status: 'active', achievedAt: null })
  }
  const { userId } = session
  return { api, state: { userId, timeZone: 'UTC', catalogue, goals, workouts: [], deleted: [], tag: 0 } }
}

type Values = Partial<Record<'reps' | 'weightKg' | 'durationSec' | 'distanceM', number | null>>

/** A raw set's values that the tracking records; `clear` sends null for a reps set's absent weight (a PATCH). */
function fit (tracking: Tracking, raw: RawSet, clear = false): Values {
  if (tracking === 'weight_reps') return { reps: raw.reps, weightKg: raw.weightKg }
  if (tracking === 'reps') {
    return { reps: raw.reps, ...(raw.withWeight ? { weightKg: raw.weightKg } : clear ? { weightKg: null } : {}) }
  }
  if (tracking === 'duration') return { durationSec: raw.durationSec }
  return { distanceM: raw.distanceM, durationSec: raw.durationSec }
}

/** The set with these values (null clears one). */
function withValues (set: MSet, values: Values): MSet {
  const out: MSet = { ...set }
  for (const [k, v] of Object.entries(values) as Array<[keyof Values, number | null]>) {
    if (v === null) delete out[k]
    else out[k] = v
  }
  return out
}

/** The POST body of a new set, and the set as the model keeps it. */
function newSet (tracking: Tracking, raw: RawSet): { body: Values & Pick<MSet, 'type' | 'completed'>, set: MSet } {
  const values = !raw.completed && raw.empty ? {} : fit(tracking, raw)
  const own = { type: raw.type, completed: raw.completed }
  return { body: { ...own, ...values }, set: withValues(own, values) }
}

/** Whether a set holds every value its tracking requires of a completed set. */
function complete (tracking: Tracking, s: MSet): boolean {
  if (tracking === 'duration') return s.durationSec !== undefined
  if (tracking === 'distance_duration') return s.distanceM !== undefined && s.durationSec !== undefined
  return s.reps !== undefined && (tracking === 'reps' || s.weightKg !== undefined)
}

/** Mondays of the ten weeks around now (streaks), and Sundays when clocks change (US, EU, Lord Howe's 30 minutes). */
function anchors (nowMs: number): string[] {
  const mondays = Array.from({ length: 10 }, (_, i) => mondayOf(weekIndex(nowMs) - 8 + i))
  const changes = [
    '2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01',
    '2027-03-14', '2027-03-28', '2027-04-04'
  ]
  return [...mondays, ...mondays, ...changes]
}

/**
 * A start no other workout has. Starts carry their workout's tag as milliseconds and move by
 * whole minutes, so this never has to step; equal starts would make record ties undecidable.
 */
function uniqueStart (state: ModelState, ms: number): string {
  let at = ms
  while (state.workouts.some((w) => w.startedAt === iso(at))) at += 1
  return iso(at)
}

type Response = Awaited<ReturnType<Api['get']>>
function expect (res: Response, status: number): void {
  assert.equal(res.statusCode, status, `${res.statusCode} ${res.body}`)
}
const entry = (state: ModelState, exerciseId: string): CatalogueEntry =>
  state.catalogue.find((c) => c.id === exerciseId) as CatalogueEntry
const at = <T>(list: T[], n: number): T | undefined => list.length === 0 ? undefined : list[n % list.length]
function insert<T> (list: T[], item: T, position: number | undefined): void {
  list.splice(position ?? list.length, 0, item)
}
const iso = (ms: number): string => new Date(ms).toISOString()
const positioned = (position: number | undefined) => position === undefined ? {} : { position }
// The zone a name stands for, so that two spellings of one zone compare equal (ICU has its own for some).
const sameZone = (name: string): string => new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone
// What a set completed without values gets (the values of a typical working set).
const FALLBACK: RawSet = {
  type: 'normal',
  completed: true,
  reps: 5,
  weightKg: 100,
  durationSec: 60,
  distanceM: 1000,
  withWeight: true,
  empty: false
}

/** Every (workout, workout exercise) and (…, set) there is, so that a child action rarely has nothing to act on. */
const pairs = (state: ModelState) =>
  state.workouts.flatMap((w) => w.exercises.map((e) => ({ w, e, path: `/workouts/${w.id}/exercises/${e.id}` })))
const triples = (state: ModelState) =>
  pairs(state).flatMap((p) => p.e.sets.map((s, i) => ({ ...p, s, i, path: `${p.path}/sets/${s.id as string}` })))

/**
 * Sends one action and applies it to the model; answers false when it had nothing to act on
 * (then nothing was sent). Goals follow: achieved once their data reaches the target, at the
 * earliest data time that does; without such data they stay as they were (never turn back).
 */
export async function apply (api: Api, state: ModelState, a: Action, nowMs: number): Promise<boolean> {
  const done = await send(api, state, a, nowMs)
  if (done) {
    for (const g of state.goals) {
      const reach = goalReach(modelWorkouts(state), g.type, g.exerciseId, g.target, state.timeZone)
      if (reach !== undefined) Object.assign(g, { status: 'achieved', achievedAt: reach })
    }
  }
  return done
}

async function send (api: Api, state: ModelState, a: Action, nowMs: number): Promise<boolean> {
  switch (a.kind) {
    case 'createWorkout': return await createWorkout(api, state, a, nowMs)
    case 'addExercise': {
      const w = at(state.workouts, a.pick)
      if (w === undefined) return false
      const ex = state.catalogue[a.exercise % state.catalogue.length]
      const position = a.position === null ? undefined : a.position % (w.exercises.length + 1)
      const made = a.sets.map((r) => newSet(ex.tracking, r))
      const res = await api.post(`/workouts/${w.id}/exercises`, {
        exerciseId: ex.id, sets: made.map((m) => m.body), ...positioned(position)
      })
      expect(res, 201)
      const body = res.json()
      const added = made.map((m, j) => ({ ...m.set, id: body.sets[j].id }))
      insert(w.exercises, { id: body.id, exerciseId: ex.id, sets: added }, position)
      return true
    }
    case 'logSet': {
      const p = at(pairs(state), a.pick)
      if (p === undefined) return false
      const position = a.position === null ? undefined : a.position % (p.e.sets.length + 1)
      const made = newSet(entry(state, p.e.exerciseId).tracking, a.set)
      const res = await api.post(`${p.path}/sets`, { ...made.body, ...positioned(position) })
      expect(res, 201)
      insert(p.e.sets, { ...made.set, id: res.json().id }, position)
      return true
    }
    case 'editSet': {
      const t = at(triples(state), a.pick)
      if (t === undefined) return false
      const tracking = entry(state, t.e.exerciseId).tracking
      const completed = a.completed ?? t.s.completed
      // Completing a set logged without values must give them (a completed set needs its tracking's values).
      const raw = a.values ?? (completed && !complete(tracking, t.s) ? FALLBACK : null)
      const values = raw === null ? {} : fit(tracking, raw, true)
      const body = {
        ...values,
        ...(a.type === null ? {} : { type: a.type }),
        ...(a.completed === null ? {} : { completed: a.completed })
      }
      expect(await api.patch(t.path, Object.keys(body).length === 0 ? { type: t.s.type } : body), 200)
      t.e.sets[t.i] = withValues({ ...t.s, type: a.type ?? t.s.type, completed }, values)
      return true
    }
    case 'moveSet': {
      const t = at(triples(state), a.pick)
      if (t === undefined) return false
      const to = a.to % t.e.sets.length
      expect(await api.patch(t.path, { position: to }), 200)
      t.e.sets.splice(to, 0, ...t.e.sets.splice(t.i, 1))
      return true
    }
    case 'deleteSet': {
      const t = at(triples(state), a.pick)
      if (t === undefined) return false
      expect(await api.delete(t.path), 204)
      t.e.sets.splice(t.i, 1)
      return true
    }
    default: return await sendOther(api, state, a)
  }
}

/** Writes to a workout exercise, a workout, an exercise and the user. */
async function sendOther (api: Api, state: ModelState, a: Action): Promise<boolean> {
  switch (a.kind) {
    case 'moveExercise': {
      const p = at(pairs(state), a.pick)
      if (p === undefined) return false
      const to = a.to % p.w.exercises.length
      expect(await api.patch(p.path, { position: to }), 200)
      p.w.exercises.splice(to, 0, ...p.w.exercises.splice(p.w.exercises.indexOf(p.e), 1))
      return true
    }
    case 'swapExercise': {
      const p = at(pairs(state), a.pick)
      if (p === undefined) return false
      const { tracking } = entry(state, p.e.exerciseId)
      const other = state.catalogue.find((c) => c.tracking === tracking && c.id !== p.e.exerciseId) as CatalogueEntry
      expect(await api.patch(p.path, { exerciseId: other.id }), 200)
      p.e.exerciseId = other.id
      return true
    }
    case 'deleteExercise': {
      const p = at(pairs(state), a.pick)
      if (p === undefined) return false
      expect(await api.delete(p.path), 204)
      p.w.exercises.splice(p.w.exercises.indexOf(p.e), 1)
      return true
    }
    case 'patchWorkout': return await patchWorkout(api, state, a)
    case 'deleteWorkout': {
      const w = at(state.workouts, a.pick)
      if (w === undefined) return false
      expect(await api.delete(`/workouts/${w.id}`), 204)
      state.workouts.splice(state.workouts.indexOf(w), 1)
      state.deleted.push(w.id)
      return true
    }
    case 'patchExercise': {
      const ex = state.catalogue[a.exercise % state.catalogue.length]
      const unchanged = a.primary === null && a.secondary === null
      const name = a.rename || unchanged ? `${ex.name.split(' v')[0]} v${++state.tag}` : undefined
      expect(await api.patch(`/exercises/${ex.id}`, {
        ...(name === undefined ? {} : { name }),
        ...(a.primary === null ? {} : { primaryMuscles: a.primary }),
        ...(a.secondary === null ? {} : { secondaryMuscles: a.secondary })
      }), 200)
      Object.assign(ex, { name: name ?? ex.name, primary: a.primary ?? ex.primary })
      ex.secondary = a.secondary ?? ex.secondary
      return true
    }
    case 'timeZone': {
      const res = await api.patch('/me', { timeZone: a.zone })
      expect(res, 200)
      // The answer may spell the zone as ICU does (Asia/Kathmandu comes back as its alias Asia/Katmandu).
      const answered = String(res.json().timeZone)
      assert.equal(sameZone(answered), sameZone(a.zone), `PATCH /me answered ${answered} for ${a.zone}`)
      state.timeZone = a.zone
      return true
    }
    default: throw new Error(`unknown action ${a.kind}`)
  }
}

/** A whole workout in one POST: its start is a local wall-clock time in the user's zone or another. */
type Of<K extends Action['kind']> = Extract<Action, { kind: K }>

async function createWorkout (api: Api, state: ModelState, a: Of<'createWorkout'>, nowMs: number): Promise<boolean> {
  const list = anchors(nowMs)
  const day = iso(Date.parse(list[a.start.anchor % list.length]) + a.start.dayOffset * DAY).slice(0, 10)
  const tag = ++state.tag
  const zone = a.start.zone === 'user' ? state.timeZone : a.start.zone
  const startedAt = uniqueStart(state, zonedInstant(day, a.start.minutes, zone) + tag)
  const endedAt = a.completed ? iso(Date.parse(startedAt) + a.minutes * 60_000) : null
  const exercises = a.exercises.map((e) => {
    const ex = state.catalogue[e.pick % state.catalogue.length]
    return { ex, made: e.sets.map((r) => newSet(ex.tracking, r)) }
  })
  const res = await api.post('/workouts', {
    name: `W${tag}`,
    startedAt,
    ...(endedAt === null ? {} : { endedAt }),
    exercises: exercises.map(({ ex, made }) => ({ exerciseId: ex.id, sets: made.map((m) => m.body) }))
  })
  expect(res, 201)
  const body = res.json()
  state.workouts.push({
    id: body.id,
    name: `W${tag}`,
    startedAt,
    endedAt,
    exercises: exercises.map(({ ex, made }, i) => ({
      id: body.exercises[i].id,
      exerciseId: ex.id,
      sets: made.map((m, j) => ({ ...m.set, id: body.exercises[i].sets[j].id }))
    }))
  })
  return true
}

/**
 * Rename, move the start (by local days at the same wall-clock time, which crosses
 * daylight-saving changes, or by minutes, which crosses local midnight), complete or reopen.
 * A completed workout that moves keeps its duration.
 */
async function patchWorkout (api: Api, state: ModelState, a: Of<'patchWorkout'>): Promise<boolean> {
  const w = at(state.workouts, a.pick)
  if (w === undefined) return false
  const was = Date.parse(w.startedAt)
  const zone = state.timeZone
  const to = a.move === null
    ? undefined
    : a.move.unit === 'minutes' ? was + a.move.n * 60_000 : fromWallClock(wallClock(was, zone) + a.move.n * DAY, zone)
  const moved = to === undefined ? undefined : uniqueStart(state, to)
  const startedAt = moved ?? w.startedAt
  const kept = w.endedAt === null ? null : iso(Date.parse(w.endedAt) - was + Date.parse(startedAt))
  const endedAt = a.end === 'complete'
    ? iso(Date.parse(startedAt) + a.minutes * 60_000)
    : a.end === 'reopen' ? null : kept
  const name = a.rename || (moved === undefined && a.end === null) ? `${w.name}'` : w.name
  const body = { name, ...(moved === undefined ? {} : { startedAt }), ...(endedAt === w.endedAt ? {} : { endedAt }) }
  expect(await api.patch(`/workouts/${w.id}`, body), 200)
  Object.assign(w, { name, startedAt, endedAt })
  return true
}
