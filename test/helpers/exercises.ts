import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { as, createTestApp, register, type Session, type TestApp } from './app.js'

type Client = ReturnType<typeof as>

export type TrackingKind = 'weight_reps' | 'reps' | 'duration' | 'distance_duration'
export type TestExercises = Record<TrackingKind, string> & { archived: string, weightRepsAlt: string }

let counter = 0

/**
 * A user's own custom exercises through the public API, one per tracking kind, plus a second
 * weight_reps one (for swaps) and an archived one (deleted custom exercise).
 */
export async function createExercises (app: FastifyInstance, session: Session): Promise<TestExercises> {
  const api = as(app, session)
  const make = async (tracking: TrackingKind, name: string): Promise<string> => {
    const res = await api.post('/exercises', {
      name: `${name} ${++counter}`, category: tracking.startsWith('d') ? 'cardio' : 'strength', primaryMuscles: ['chest'], equipment: ['other'], level: 'beginner', tracking
    })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().id
  }
  const out = {
    weight_reps: await make('weight_reps', 'Test Press'),
    reps: await make('reps', 'Test Dip'),
    duration: await make('duration', 'Test Plank'),
    distance_duration: await make('distance_duration', 'Test Run'),
    weightRepsAlt: await make('weight_reps', 'Test Press Alt'),
    archived: await make('weight_reps', 'Test Gone')
  }
  assert.equal((await api.delete(`/exercises/${out.archived}`)).statusCode, 204)
  return out
}

export interface OneUser { t: TestApp, alice: Session, me: Client, ex: TestExercises }

/** A fresh app with one user and their test exercises. */
export async function oneUser (): Promise<OneUser> {
  const t = await createTestApp()
  const alice = await register(t.app)
  return { t, alice, me: as(t.app, alice), ex: await createExercises(t.app, alice) }
}

export interface TwoUsers { t: TestApp, alice: Session, bob: Session, me: Client, other: Client, ex: TestExercises, bobEx: TestExercises }

/** A fresh app with two users, each with their own test exercises. */
export async function twoUsers (): Promise<TwoUsers> {
  const t = await createTestApp()
  const alice = await register(t.app)
  const bob = await register(t.app)
  return { t, alice, bob, me: as(t.app, alice), other: as(t.app, bob), ex: await createExercises(t.app, alice), bobEx: await createExercises(t.app, bob) }
}

/** A POST /workouts body: a warm-up, a completed and a planned weight set, and a timed exercise in a superset. */
export const pushDay = (ex: TestExercises, extra: object = {}): any => ({
  name: 'Push day',
  startedAt: '2026-03-02T18:00:00+01:00',
  exercises: [
    { exerciseId: ex.weight_reps, restSec: 90, sets: [{ type: 'warmup', reps: 10, weightKg: 40 }, { reps: 5, weightKg: 100, rpe: 8.5 }, { reps: 5, weightKg: 100, completed: false }] },
    { exerciseId: ex.duration, supersetGroup: 1, notes: 'slow', sets: [{ durationSec: 60 }] }
  ],
  ...extra
})
