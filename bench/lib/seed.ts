// The heavy user, created through the public API exactly like ../shared/bench/lib/seed-data.mjs:
// WORKOUTS completed workouts over the last 5 years (one every ~1.8 days at 1000, so every ISO
// week has one), each 6 exercises x 4 sets, ~10 % warm-ups, weights rising slowly. The history
// comes from a fixed PRNG seed, so every run stores the same data (dated relative to today).
import { expectStatus, type Session } from './api.js'

const EXERCISES_PER_WORKOUT = 6
const SETS_PER_EXERCISE = 4
const YEARS = 5
const DAY = 86_400_000
const ROUTINES = ['Push', 'Pull', 'Legs']

export interface Seeded {
  exercises: Array<{ id: string, name: string }>
  workoutIds: string[]
  sets: number
  warmups: number
  seconds: number
  summary: Record<string, unknown>
}

export function mulberry32 (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface SetBody { type: 'normal' | 'warmup', reps: number, weightKg: number, rpe?: number }
interface WorkoutBody { name: string, startedAt: string, endedAt: string, notes?: string, exercises: Array<{ exerciseId: string, restSec: number, sets: SetBody[] }> }

function history (count: number, pool: Array<{ id: string }>): WorkoutBody[] {
  const rnd = mulberry32(20261123)
  const today = Math.floor(Date.now() / DAY) * DAY
  const span = Math.round(YEARS * 365.25) * DAY
  const first = today - span
  const round25 = (x: number): number => Math.round(x / 2.5) * 2.5
  const bodies: WorkoutBody[] = []
  for (let i = 0; i < count; i++) {
    const day = first + Math.floor(((i + 0.5) * span) / count / DAY) * DAY
    const start = day + Math.round((6 + rnd() * 14) * 3_600_000)
    const end = start + (45 + Math.floor(rnd() * 45)) * 60_000
    const routine = i % ROUTINES.length
    const progress = i / Math.max(1, count - 1)
    const exercises: WorkoutBody['exercises'] = []
    for (let k = 0; k < EXERCISES_PER_WORKOUT; k++) {
      const slot = (routine * 4 + k) % pool.length
      const top = Math.max(2.5, round25((20 + 10 * (slot % 7)) * (0.75 + 0.5 * progress) * (0.95 + 0.1 * rnd())))
      const warmup = rnd() < 0.4 // 0.4 x 1 of 4 sets = 10 % warm-ups
      const sets: SetBody[] = []
      for (let j = 0; j < SETS_PER_EXERCISE; j++) {
        if (j === 0 && warmup) sets.push({ type: 'warmup', reps: 10, weightKg: Math.max(2.5, round25(top * 0.5)) })
        else sets.push({ type: 'normal', reps: 5 + Math.floor(rnd() * 8), weightKg: top, rpe: 6 + Math.floor(rnd() * 9) / 2 })
      }
      exercises.push({ exerciseId: pool[slot].id, restSec: 60 + 30 * Math.floor(rnd() * 5), sets })
    }
    bodies.push({
      name: `${ROUTINES[routine]} day`,
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(end).toISOString(),
      ...(i % 5 === 0 ? { notes: 'Felt strong today; kept rest short.' } : {}),
      exercises
    })
  }
  return bodies
}

/** Registers the session's user and posts the history, `concurrency` requests at a time. */
export async function seedHeavyUser (session: Session, count: number, concurrency: number, log: (line: string) => void): Promise<Seeded> {
  await session.register()
  const list = expectStatus(await session.request<{ items: Array<{ id: string, name: string, tracking: string, isCustom: boolean }> }>(
    'GET', '/exercises?tracking=weight_reps&limit=100'), [200], 'list exercises').json
  const pool = list.items.filter((e) => e.tracking === 'weight_reps' && !e.isCustom)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, 12)
  if (pool.length < EXERCISES_PER_WORKOUT) throw new Error(`need ${EXERCISES_PER_WORKOUT} predefined weight_reps exercises, found ${pool.length}`)

  const bodies = history(count, pool)
  const workoutIds = new Array<string>(count)
  let next = 0
  let done = 0
  const t0 = performance.now()
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++
      const res = expectStatus(await session.request<{ id: string }>('POST', '/workouts', bodies[i]), [201], `POST /workouts #${i}`)
      workoutIds[i] = res.json.id
      if (++done % 250 === 0) log(`${done}/${count} workouts`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - t0) / 1000
  const allSets = bodies.flatMap((b) => b.exercises.flatMap((e) => e.sets))
  const summary = expectStatus(await session.request<Record<string, unknown>>('GET', '/stats/summary'), [200], 'stats/summary').json
  return {
    exercises: pool.map(({ id, name }) => ({ id, name })),
    workoutIds,
    sets: allSets.length,
    warmups: allSets.filter((s) => s.type === 'warmup').length,
    seconds,
    summary
  }
}
