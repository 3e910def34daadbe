import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Kysely } from 'kysely'
import * as m0016 from '../src/db/migrations/0016_progression.js'
import { oneUser, type OneUser } from './helpers/exercises.js'

// Migration 0016 links the exercises of workouts started from a plan day before it existed to the
// day's items, so a rule added after the upgrade already sees that history. Played here on real data:
// the migration is taken down and up again under workouts the API made.
let u: OneUser
before(async () => { u = await oneUser() })
after(async () => { await u.t.close() })

test('0016 links earlier plan-day workouts to their items, so progression sees them', async () => {
  const plan = (await u.me.post('/plans', {
    name: 'Old plan',
    days: [{
      name: 'A',
      items: [
        { exerciseId: u.ex.weight_reps, sets: 2, reps: 5, weightKg: 80 },
        { exerciseId: u.ex.duration, sets: 1, durationSec: 60 }
      ]
    }]
  })).json()
  const day = plan.days[0]
  const workout = (await u.me.post(`/plans/${plan.id as string}/days/${day.id as string}/start`)).json()
  const we = workout.exercises[0]
  for (const set of we.sets) {
    const path = `/workouts/${workout.id as string}/exercises/${we.id as string}/sets/${set.id as string}`
    assert.equal((await u.me.patch(path, { completed: true, reps: 5, weightKg: 80 })).statusCode, 200)
  }
  assert.equal((await u.me.post(`/workouts/${workout.id as string}/guide/finish`)).statusCode, 200)
  // A hand-logged workout of the same exercise is not from the plan and stays unlinked.
  await u.me.post('/workouts', {
    name: 'Extra',
    startedAt: '2025-01-01T10:00:00.000Z',
    endedAt: '2025-01-01T11:00:00.000Z',
    exercises: [{ exerciseId: u.ex.weight_reps, sets: [{ reps: 1, weightKg: 70 }] }]
  })

  const db = u.t.app.database.db as unknown as Kysely<any>
  await m0016.down(db)
  await m0016.up(db)
  const links = await db.selectFrom('workout_exercises').select(['workout_id', 'position', 'plan_item_id'])
    .where('user_id', '=', u.alice.userId).orderBy('workout_id').orderBy('position').execute()
  assert.deepEqual(links.filter((l) => l.workout_id === workout.id).map((l) => l.plan_item_id),
    day.items.map((i: any) => i.id))
  assert.deepEqual(links.filter((l) => l.workout_id !== workout.id).map((l) => l.plan_item_id), [null])

  const item = `/plans/${plan.id as string}/days/${day.id as string}/items/${day.items[0].id as string}`
  const patched = await u.me.patch(item, { progression: { type: 'linear', incrementKg: 2.5 } })
  assert.equal(patched.statusCode, 200, patched.body)
  const next = (await u.me.get(`/plans/${plan.id as string}/days/${day.id as string}/next`)).json()
  assert.deepEqual(next.items[0], {
    itemId: day.items[0].id, targetWeightKg: 82.5, targetReps: 5, reason: '+2.5 kg: all 2 × 5 done last time', warmups: []
  })
})
