/**
 * Examples for /openapi.json: request bodies by operationId (what Swagger UI's "Try it out"
 * sends, so each must be accepted as is) and named response components by $id.
 */

// Barbell Bench Press in the predefined library, whose ids never change.
const BENCH_PRESS = '01a19467-e802-722a-abba-434af7990963'

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  register: { email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada' },
  login: { email: 'ada@example.com', password: 'correct horse battery' },
  createWorkout: {
    name: 'Push day',
    startedAt: '2025-03-03T17:00:00.000Z',
    endedAt: '2025-03-03T18:05:00.000Z',
    notes: 'Felt strong',
    exercises: [{
      exerciseId: BENCH_PRESS,
      restSec: 120,
      sets: [
        { type: 'warmup', reps: 10, weightKg: 40 },
        { reps: 5, weightKg: 100, rpe: 8 }
      ]
    }]
  }
}

export const RESPONSE_EXAMPLES: Record<string, unknown> = {}
