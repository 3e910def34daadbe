import type { MExercise, MSet, MWorkout } from './training-model.js'

export interface LibraryExercise { id: string, name: string, primaryMuscles: string[], secondaryMuscles: string[] }

const DAY = 86_400_000

/**
 * A deterministic history relative to the current ISO week: weeks -12..-8 and -5..-3 and -1..0
 * hold completed workouts (a gap breaks the streak), with warm-ups, drop sets, failure sets over
 * 12 reps, uncompleted sets, bodyweight, timed and distance work, a tie on a record, and one
 * in-progress workout that summaries must ignore.
 */
export function buildHistory (ex: Record<'bench' | 'squat' | 'pullup' | 'plank' | 'run', LibraryExercise>, nowMs: number): MWorkout[] {
  const monday = Math.floor((nowMs / DAY + 3) / 7) * 7 - 3
  const use = (e: LibraryExercise, sets: MSet[]): MExercise => ({ exerciseId: e.id, name: e.name, primary: e.primaryMuscles, secondary: e.secondaryMuscles, sets })
  const plan: Array<[week: number, day: number]> = [[-12, 0], [-12, 3], [-11, 1], [-10, 2], [-9, 4], [-8, 0], [-5, 1], [-5, 5], [-4, 2], [-3, 3], [-1, 1], [0, 0]]
  const workouts = plan.map(([week, day], i): MWorkout => {
    const start = (monday + week * 7 + day) * DAY + (6 + (i % 3)) * 3_600_000 + 123
    const startedAt = new Date(Math.min(start, nowMs - 7_200_000)).toISOString()
    const endedAt = new Date(Date.parse(startedAt) + (45 + i * 5) * 60_000 + 500).toISOString()
    const exercises = [
      use(ex.bench, [
        { type: 'warmup', reps: 10, weightKg: 40, completed: true },
        { type: 'normal', reps: 5, weightKg: 80 + i * 2.5, completed: true },
        { type: 'normal', reps: 3, weightKg: 85 + i, completed: true },
        { type: 'drop', reps: 12, weightKg: 50, completed: true },
        { type: 'failure', reps: 15, weightKg: 40, completed: true },
        { type: 'normal', reps: 5, weightKg: 150, completed: false }
      ]),
      use(ex.squat, [
        { type: 'warmup', reps: 5, weightKg: 60, completed: true },
        { type: 'normal', reps: 5, weightKg: i === 1 || i === 8 ? 140 : 100 + i * 2, completed: true },
        { type: 'normal', reps: 1, weightKg: 120 + i, completed: i % 2 === 0 }
      ])
    ]
    if (i % 2 === 0) exercises.push(use(ex.pullup, [{ type: 'normal', reps: 8 + i, completed: true }, { type: 'normal', reps: 6, weightKg: 10, completed: true }]))
    if (i % 3 === 0) exercises.push(use(ex.plank, [{ type: 'normal', durationSec: 60 + i * 5, completed: true }]))
    if (i % 4 === 1) exercises.push(use(ex.run, [{ type: 'normal', distanceM: 5000 + i * 100, durationSec: 1500 + i * 10, completed: true }]))
    return { name: `Session ${i + 1}`, startedAt, endedAt, exercises }
  })
  workouts.push({
    name: 'Still going',
    startedAt: new Date(nowMs - 3_600_000).toISOString(),
    endedAt: null,
    exercises: [use(ex.bench, [{ type: 'normal', reps: 5, weightKg: 60, completed: true }])]
  })
  return workouts
}

/** The POST /workouts body of a modelled workout. */
export const toPayload = (w: MWorkout) => ({
  name: w.name,
  startedAt: w.startedAt,
  ...(w.endedAt === null ? {} : { endedAt: w.endedAt }),
  exercises: w.exercises.map((e) => ({ exerciseId: e.exerciseId, sets: e.sets.map(({ id: _id, ...s }) => s) }))
})
