import assert from 'node:assert/strict'
import library from '../../src/modules/exercises/library/exercises.json' with { type: 'json' }
import type { as } from './app.js'
import type { TestExercises } from './exercises.js'

type Client = ReturnType<typeof as>

/** The predefined library by id: the generator tests check muscles, equipment and mechanics against it. */
export const LIBRARY = new Map(library.map((e) => [e.id, e]))
export const libraryEntry = (id: string) => {
  const entry = LIBRARY.get(id)
  assert.ok(entry !== undefined, `not a library exercise: ${id}`)
  return entry
}

/** A two-day plan with one item of each tracking kind, a rep range and a superset. */
export function samplePlan (ex: TestExercises, extra: object = {}) {
  return {
    name: 'Push/Pull',
    description: 'Two days',
    goal: 'hypertrophy',
    daysPerWeek: 2,
    sessionDurationMin: 45,
    days: [
      {
        name: 'Day A',
        weekday: 1,
        items: [
          { exerciseId: ex.weight_reps, sets: 3, reps: 10, weightKg: 60 },
          { exerciseId: ex.reps, sets: 4, repsMin: 8, repsMax: 12, restSec: 60 },
          { exerciseId: ex.duration, sets: 2, durationSec: 60, restSec: 30 }
        ]
      },
      {
        name: 'Day B',
        items: [
          { exerciseId: ex.weightRepsAlt, sets: 3, reps: 10, restSec: 60, supersetGroup: 1 },
          { exerciseId: ex.reps, sets: 3, reps: 12, restSec: 90, supersetGroup: 1, notes: 'slow' },
          { exerciseId: ex.distance_duration, sets: 1, distanceM: 1000, restSec: 0 }
        ]
      }
    ],
    ...extra
  }
}

/** Creates a plan and returns its body, asserting the 201. */
export async function createPlan (api: Client, body: object): Promise<any> {
  const res = await api.post('/plans', body)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

/** Positions of a list are 0, 1, 2, … in order. */
export function assertDense (list: Array<{ position: number }>): void {
  assert.deepEqual(list.map((x) => x.position), list.map((_, i) => i))
}
