/**
 * An independent, plain-loop model of the contract's statistics definitions (shared/API.md,
 * Statistics), used to check the SQL implementation. It shares no code with src/: dates and
 * weeks in a time zone come from Intl here, written separately from the server's calendar.
 * Every function takes the user's `timeZone` (UTC when left out, as test/stats.test.ts uses it).
 */
export interface MSet {
  id?: string
  type: 'normal' | 'warmup' | 'drop' | 'failure'
  reps?: number
  weightKg?: number
  durationSec?: number
  distanceM?: number
  completed: boolean
}
export interface MExercise {
  id?: string
  exerciseId: string
  name: string
  primary: string[]
  secondary: string[]
  sets: MSet[]
}
export interface MWorkout {
  id?: string
  name: string
  startedAt: string
  endedAt: string | null
  exercises: MExercise[]
}

const DAY = 86_400_000
export const weekIndex = (ms: number): number => Math.floor((ms / DAY + 3) / 7)
export const mondayOf = (index: number): string => new Date((index * 7 - 3) * DAY).toISOString().slice(0, 10)
const work = (s: MSet): boolean => s.completed && s.type !== 'warmup'
/** The contract's derived numbers are rounded to 6 decimals, so equal arithmetic values tie (100 × 1.1 and 110). */
export const round6 = (x: number): number => Math.sign(x) * Math.round(Math.abs(x) * 1e6) / 1e6
const vol = (s: MSet): number => s.reps !== undefined && s.weightKg !== undefined ? round6(s.reps * s.weightKg) : 0
export const e1rm = (s: MSet): number | undefined =>
  s.weightKg === undefined || s.reps === undefined || s.reps < 1 || s.reps > 12
    ? undefined
    : s.reps === 1 ? s.weightKg : round6(s.weightKg * (1 + s.reps / 30))

const formats = new Map<string, Intl.DateTimeFormat>()
/** The wall clock of an instant in a zone, read as if it were UTC (ms). */
export function wallClock (ms: number, timeZone: string): number {
  let f = formats.get(timeZone)
  if (f === undefined) {
    const n = 'numeric' as const
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: n, month: n, day: n, hour: n, minute: n, second: n
    })
    formats.set(timeZone, f)
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]))
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + (((ms % 1000) + 1000) % 1000)
}

/**
 * The instant whose wall clock in `timeZone` is `wall`: the offset is read at a guess and once
 * more at the answer (which settles across a daylight-saving change). A wall time the clocks
 * skipped lands next to the gap, which is all the tests need.
 */
export function fromWallClock (wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall)
  return wall - (wallClock(first, timeZone) - first)
}

/** The instant of `minutes` after local midnight of `date` in a zone. */
export const zonedInstant = (date: string, minutes: number, timeZone: string): number =>
  fromWallClock(Date.parse(date) + minutes * 60_000, timeZone)

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (ms: number, timeZone = 'UTC'): string =>
  new Date(wallClock(ms, timeZone)).toISOString().slice(0, 10)
/** The ISO week index (weekIndex) of an instant's date in a zone. */
export const localWeek = (ms: number, timeZone = 'UTC'): number => weekIndex(Date.parse(localDate(ms, timeZone)))
const weekOf = (w: MWorkout, timeZone: string): number => localWeek(Date.parse(w.startedAt), timeZone)
const byStart = (a: MWorkout, b: MWorkout): number => a.startedAt.localeCompare(b.startedAt)

export function summary (workouts: MWorkout[], nowMs: number, timeZone = 'UTC') {
  const done = workouts.filter((w) => w.endedAt !== null).sort(byStart)
  let sets = 0; let reps = 0; let volume = 0; let duration = 0
  for (const w of done) {
    duration += (Date.parse(w.endedAt as string) - Date.parse(w.startedAt)) / 1000
    for (const e of w.exercises) {
      for (const s of e.sets) {
        if (!s.completed) continue
        sets++
        reps += s.reps ?? 0
        if (s.type !== 'warmup') volume += vol(s)
      }
    }
  }
  const n = done.length
  const weeks = [...new Set(done.map((w) => weekOf(w, timeZone)))].sort((a, b) => a - b)
  let longest = 0; let run = 0; let current = 0
  for (let i = 0; i < weeks.length; i++) {
    run = i > 0 && weeks[i] === weeks[i - 1] + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  // The current streak: the weeks in a row up to this week, or up to last week while this one has
  // none yet. Weeks after this one (workouts dated in the future) are not part of it.
  const thisWeek = localWeek(nowMs, timeZone)
  const held = new Set(weeks)
  const from = held.has(thisWeek) ? thisWeek : thisWeek - 1
  while (held.has(from - current)) current++
  const span = n === 0 ? 0 : weeks[weeks.length - 1] - weeks[0] + 1
  return {
    workouts: n,
    sets,
    reps,
    volumeKg: volume,
    durationSec: duration,
    avgWorkoutDurationSec: n === 0 ? 0 : duration / n,
    avgVolumePerWorkoutKg: n === 0 ? 0 : volume / n,
    avgSetsPerWorkout: n === 0 ? 0 : sets / n,
    workoutsPerWeek: span === 0 ? 0 : n / span,
    currentStreakWeeks: current,
    longestStreakWeeks: longest,
    firstWorkoutAt: n === 0 ? null : done[0].startedAt,
    lastWorkoutAt: n === 0 ? null : done[n - 1].startedAt
  }
}

interface Rec { value: number, achievedAt: string, workoutId: string }
const better = (a: Rec, b: Rec | null): boolean =>
  b === null || a.value > b.value || (a.value === b.value && a.achievedAt < b.achievedAt)
export const RECORD_FIELDS = [
  'maxWeightKg', 'maxReps', 'bestE1rmKg', 'maxSetVolumeKg', 'maxWorkoutVolumeKg', 'maxDurationSec', 'maxDistanceM'
]
const both = (s: MSet): boolean => s.reps !== undefined && s.weightKg !== undefined

/** The record kinds a set's values give, by response field (maxWorkoutVolumeKg is per workout). */
export function setRecordValues (s: MSet): Array<[string, number | undefined]> {
  return [
    ['maxWeightKg', s.weightKg], ['maxReps', s.reps], ['bestE1rmKg', e1rm(s)],
    ['maxSetVolumeKg', both(s) ? vol(s) : undefined], ['maxDurationSec', s.durationSec], ['maxDistanceM', s.distanceM]
  ]
}

/** Records per exercise over completed non-warm-up sets of every workout. */
export function records (workouts: MWorkout[]) {
  const out = new Map<string, Record<string, Rec | null>>()
  for (const w of workouts) {
    const at = { achievedAt: w.startedAt, workoutId: w.id ?? '' }
    const perWorkout = new Map<string, number>()
    for (const e of w.exercises) {
      const r = out.get(e.exerciseId) ?? Object.fromEntries(RECORD_FIELDS.map((f) => [f, null]))
      out.set(e.exerciseId, r)
      for (const s of e.sets.filter(work)) {
        for (const [field, value] of setRecordValues(s)) {
          if (value !== undefined && better({ value, ...at }, r[field])) r[field] = { value, ...at }
        }
        if (both(s)) perWorkout.set(e.exerciseId, (perWorkout.get(e.exerciseId) ?? 0) + vol(s))
      }
    }
    for (const [exerciseId, total] of perWorkout) {
      const r = out.get(exerciseId) as Record<string, Rec | null>
      const candidate = { value: round6(total), ...at }
      if (better(candidate, r.maxWorkoutVolumeKg)) r.maxWorkoutVolumeKg = candidate
    }
  }
  return out
}

interface VolumeRow {
  periodStart: string
  key: string | null
  volumeKg: number
  sets: number
  reps: number
  /** The workouts counted. */
  ws: Set<string>
}

/**
 * Volume per local week or month. A completed workout is data for its period even without sets
 * (it counts in `workouts`, as in the summary); by exercise or muscle, each exercise it holds is.
 */
export function volume (
  workouts: MWorkout[], period: 'week' | 'month', groupBy: 'none' | 'muscle' | 'exercise', timeZone = 'UTC'
) {
  const rows = new Map<string, VolumeRow>()
  const row = (periodStart: string, key: string | null): VolumeRow => {
    const id = `${periodStart}|${key ?? ''}`
    const found = rows.get(id) ?? { periodStart, key, volumeKg: 0, sets: 0, reps: 0, ws: new Set<string>() }
    rows.set(id, found)
    return found
  }
  for (const w of workouts.filter((x) => x.endedAt !== null)) {
    const periodStart = period === 'week'
      ? mondayOf(weekOf(w, timeZone))
      : localDate(Date.parse(w.startedAt), timeZone).slice(0, 7) + '-01'
    if (groupBy === 'none') row(periodStart, null).ws.add(w.id ?? w.startedAt)
    for (const e of w.exercises) {
      const keys = groupBy === 'none' ? [null] : groupBy === 'exercise' ? [e.exerciseId] : e.primary
      for (const key of keys) {
        const r = row(periodStart, key)
        r.ws.add(w.id ?? w.startedAt)
        for (const s of e.sets.filter((x) => x.completed)) {
          r.sets++
          r.reps += s.reps ?? 0
          if (s.type !== 'warmup') r.volumeKg += vol(s)
        }
      }
    }
  }
  return [...rows.values()].map(({ ws, ...r }) => ({ ...r, workouts: ws.size }))
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || String(a.key).localeCompare(String(b.key)))
}

/** Per completed workout with completed sets of the exercise, oldest first; `date` is its local start date. */
export function history (workouts: MWorkout[], exerciseId: string, timeZone = 'UTC') {
  const setsOf = (w: MWorkout): MSet[] => w.exercises.filter((e) => e.exerciseId === exerciseId).flatMap((e) => e.sets)
  return workouts.filter((w) => w.endedAt !== null)
    .map((w) => ({ w, sets: setsOf(w).filter((s) => s.completed) }))
    .filter(({ sets }) => sets.length > 0)
    .sort((a, b) => byStart(a.w, b.w))
    .map(({ w, sets }) => {
      const counted = sets.filter((s) => s.type !== 'warmup')
      const weights = counted.map((s) => s.weightKg).filter((x): x is number => x !== undefined)
      const e1rms = counted.map(e1rm).filter((x): x is number => x !== undefined)
      return {
        workoutId: w.id,
        date: localDate(Date.parse(w.startedAt), timeZone),
        topSetWeightKg: weights.length === 0 ? null : Math.max(...weights),
        bestE1rmKg: e1rms.length === 0 ? null : Math.max(...e1rms),
        volumeKg: counted.reduce((t, s) => t + vol(s), 0),
        sets: sets.length,
        reps: sets.reduce((t, s) => t + (s.reps ?? 0), 0)
      }
    })
}

/** What a workout's summary shows: completed sets (warm-ups included) and their volume without warm-ups. */
export function workoutTotals (w: MWorkout) {
  const sets = w.exercises.flatMap((e) => e.sets).filter((s) => s.completed)
  const volumeKg = sets.filter(work).reduce((t, s) => t + vol(s), 0)
  return { exerciseCount: w.exercises.length, setCount: sets.length, volumeKg }
}

/**
 * GET /stats/muscles for whole local days `from`..`to`: each completed non-warm-up set of a
 * completed workout counts 1 per primary and 0.5 per secondary muscle in its local ISO week;
 * the average runs over the weeks from `from` to `to` (or this week, if that is earlier).
 */
export function muscles (workouts: MWorkout[], from: string, to: string, nowMs: number, timeZone = 'UTC') {
  const first = zonedInstant(from, 0, timeZone)
  const last = zonedInstant(new Date(Date.parse(to) + DAY).toISOString().slice(0, 10), 0, timeZone) - 1
  const perWeek = new Map<string, number>()
  const totals = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, n: number): void => { map.set(key, (map.get(key) ?? 0) + n) }
  for (const w of workouts) {
    const start = Date.parse(w.startedAt)
    if (w.endedAt === null || start < first || start > last) continue
    for (const e of w.exercises) {
      const n = e.sets.filter(work).length
      const weighted = [...e.primary.map((m) => [m, n] as const), ...e.secondary.map((m) => [m, n / 2] as const)]
      for (const [muscle, sets] of n === 0 ? [] : weighted) {
        add(perWeek, `${mondayOf(weekOf(w, timeZone))}|${muscle}`, sets)
        add(totals, muscle, sets)
      }
    }
  }
  const weeks = Math.max(1, localWeek(Math.min(last, nowMs), timeZone) - weekIndex(Date.parse(from)) + 1)
  return {
    from: new Date(first).toISOString(),
    to: new Date(last).toISOString(),
    weeks,
    muscles: [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([muscle, hardSets]) => ({ muscle, hardSets, weeklyHardSets: hardSets / weeks })),
    series: [...perWeek].map(([key, hardSets]) => ({
      weekStart: key.split('|')[0], muscle: key.split('|')[1], hardSets
    }))
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.muscle.localeCompare(b.muscle))
  }
}

export type GoalKind = 'exercise_weight' | 'exercise_1rm' | 'exercise_reps' | 'weekly_workouts'
const GOAL_FIELD = { exercise_weight: 'maxWeightKg', exercise_1rm: 'bestE1rmKg', exercise_reps: 'maxReps' } as const
interface Point { at: string, value: number }

/**
 * A goal's data points (shared/API.md, Goals): for an exercise goal each counted set's value
 * at its workout's start; for a weekly goal, the running count of completed workouts in the
 * local ISO week at each workout's start.
 */
function goalPoints (workouts: MWorkout[], type: GoalKind, exerciseId: string | null, timeZone: string): Point[] {
  if (type === 'weekly_workouts') {
    const seen = new Map<number, number>()
    return workouts.filter((w) => w.endedAt !== null).sort(byStart).map((w) => {
      const n = (seen.get(weekOf(w, timeZone)) ?? 0) + 1
      seen.set(weekOf(w, timeZone), n)
      return { at: w.startedAt, value: n }
    })
  }
  const valueOf = (s: MSet): number | undefined => setRecordValues(s).find(([f]) => f === GOAL_FIELD[type])?.[1]
  const counted = (w: MWorkout): MSet[] =>
    w.exercises.filter((e) => e.exerciseId === exerciseId).flatMap((e) => e.sets.filter(work))
  return workouts.flatMap((w) => counted(w)
    .map(valueOf).filter((v) => v !== undefined).map((value) => ({ at: w.startedAt, value })))
}

/** currentValue: the exercise's best, or the completed workouts of the current local ISO week. */
export function goalCurrent (
  workouts: MWorkout[], type: GoalKind, exerciseId: string | null, nowMs: number, timeZone = 'UTC'
): number | null {
  if (type === 'weekly_workouts') {
    return workouts.filter((w) => w.endedAt !== null && weekOf(w, timeZone) === localWeek(nowMs, timeZone)).length
  }
  const values = goalPoints(workouts, type, exerciseId, timeZone).map((p) => p.value)
  return values.length === 0 ? null : Math.max(...values)
}

/** The earliest data time at which an increasing goal's data reached `target`, if it ever did. */
export function goalReach (
  workouts: MWorkout[], type: GoalKind, exerciseId: string | null, target: number, timeZone = 'UTC'
): string | undefined {
  return goalPoints(workouts, type, exerciseId, timeZone).filter((p) => p.value >= target).map((p) => p.at).sort()[0]
}
