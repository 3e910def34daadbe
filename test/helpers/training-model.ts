/**
 * An independent, plain-loop model of the contract's statistics definitions (shared/API.md,
 * Statistics), used to check the SQL implementation. It shares no code with src/.
 */
export interface MSet { id?: string, type: 'normal' | 'warmup' | 'drop' | 'failure', reps?: number, weightKg?: number, durationSec?: number, distanceM?: number, completed: boolean }
export interface MExercise { id?: string, exerciseId: string, name: string, primary: string[], secondary: string[], sets: MSet[] }
export interface MWorkout { id?: string, name: string, startedAt: string, endedAt: string | null, exercises: MExercise[] }

const DAY = 86_400_000
export const weekIndex = (ms: number): number => Math.floor((ms / DAY + 3) / 7)
export const mondayOf = (index: number): string => new Date((index * 7 - 3) * DAY).toISOString().slice(0, 10)
const work = (s: MSet): boolean => s.completed && s.type !== 'warmup'
const vol = (s: MSet): number => s.reps !== undefined && s.weightKg !== undefined ? s.reps * s.weightKg : 0
export const e1rm = (s: MSet): number | undefined => s.weightKg === undefined || s.reps === undefined || s.reps < 1 || s.reps > 12
  ? undefined
  : s.reps === 1 ? s.weightKg : s.weightKg * (1 + s.reps / 30)

export function summary (workouts: MWorkout[], nowMs: number) {
  const done = workouts.filter((w) => w.endedAt !== null).sort((a, b) => a.startedAt.localeCompare(b.startedAt))
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
  const weeks = [...new Set(done.map((w) => weekIndex(Date.parse(w.startedAt))))].sort((a, b) => a - b)
  let longest = 0; let run = 0; let current = 0
  for (let i = 0; i < weeks.length; i++) {
    run = i > 0 && weeks[i] === weeks[i - 1] + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  if (weeks.length > 0 && weeks[weeks.length - 1] >= weekIndex(nowMs) - 1) current = run
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
const better = (a: Rec, b: Rec | null): boolean => b === null || a.value > b.value || (a.value === b.value && a.achievedAt < b.achievedAt)

/** Records per exercise over completed non-warm-up sets of every workout. */
export function records (workouts: MWorkout[]) {
  const out = new Map<string, Record<string, Rec | null>>()
  for (const w of workouts) {
    const perWorkout = new Map<string, number>()
    for (const e of w.exercises) {
      const r = out.get(e.exerciseId) ?? { maxWeightKg: null, maxReps: null, bestE1rmKg: null, maxSetVolumeKg: null, maxWorkoutVolumeKg: null, maxDurationSec: null, maxDistanceM: null }
      out.set(e.exerciseId, r)
      for (const s of e.sets.filter(work)) {
        const at = { achievedAt: w.startedAt, workoutId: w.id ?? '' }
        const candidates: Array<[string, number | undefined]> = [['maxWeightKg', s.weightKg], ['maxReps', s.reps], ['bestE1rmKg', e1rm(s)],
          ['maxSetVolumeKg', s.reps !== undefined && s.weightKg !== undefined ? vol(s) : undefined], ['maxDurationSec', s.durationSec], ['maxDistanceM', s.distanceM]]
        for (const [field, value] of candidates) {
          if (value !== undefined && better({ value, ...at }, r[field])) r[field] = { value, ...at }
        }
        if (s.reps !== undefined && s.weightKg !== undefined) perWorkout.set(e.exerciseId, (perWorkout.get(e.exerciseId) ?? 0) + vol(s))
      }
    }
    for (const [exerciseId, value] of perWorkout) {
      const r = out.get(exerciseId) as Record<string, Rec | null>
      if (better({ value, achievedAt: w.startedAt, workoutId: w.id ?? '' }, r.maxWorkoutVolumeKg)) r.maxWorkoutVolumeKg = { value, achievedAt: w.startedAt, workoutId: w.id ?? '' }
    }
  }
  return out
}

export function volume (workouts: MWorkout[], period: 'week' | 'month', groupBy: 'none' | 'muscle' | 'exercise') {
  const rows = new Map<string, { periodStart: string, key: string | null, volumeKg: number, sets: number, reps: number, ws: Set<string> }>()
  for (const w of workouts.filter((x) => x.endedAt !== null)) {
    const ms = Date.parse(w.startedAt)
    const periodStart = period === 'week' ? mondayOf(weekIndex(ms)) : w.startedAt.slice(0, 7) + '-01'
    for (const e of w.exercises) {
      const keys = groupBy === 'none' ? [null] : groupBy === 'exercise' ? [e.exerciseId] : e.primary
      for (const key of keys) {
        const id = `${periodStart}|${key ?? ''}`
        const row = rows.get(id) ?? { periodStart, key, volumeKg: 0, sets: 0, reps: 0, ws: new Set<string>() }
        rows.set(id, row)
        row.ws.add(w.id ?? w.startedAt)
        for (const s of e.sets.filter((x) => x.completed)) {
          row.sets++
          row.reps += s.reps ?? 0
          if (s.type !== 'warmup') row.volumeKg += vol(s)
        }
      }
    }
  }
  return [...rows.values()].map(({ ws, ...r }) => ({ ...r, workouts: ws.size }))
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || String(a.key).localeCompare(String(b.key)))
}

export function history (workouts: MWorkout[], exerciseId: string) {
  return workouts.filter((w) => w.endedAt !== null && w.exercises.some((e) => e.exerciseId === exerciseId))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((w) => {
      const sets = w.exercises.filter((e) => e.exerciseId === exerciseId).flatMap((e) => e.sets).filter((s) => s.completed)
      const counted = sets.filter((s) => s.type !== 'warmup')
      const weights = counted.map((s) => s.weightKg).filter((x): x is number => x !== undefined)
      const e1rms = counted.map(e1rm).filter((x): x is number => x !== undefined)
      return {
        workoutId: w.id,
        date: w.startedAt.slice(0, 10),
        topSetWeightKg: weights.length === 0 ? null : Math.max(...weights),
        bestE1rmKg: e1rms.length === 0 ? null : Math.max(...e1rms),
        volumeKg: counted.reduce((t, s) => t + vol(s), 0),
        sets: sets.length,
        reps: sets.reduce((t, s) => t + (s.reps ?? 0), 0)
      }
    })
}
