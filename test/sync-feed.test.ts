import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, register } from './helpers/app.js'
import { projections } from '../src/projections/index.js'
import { twoUsers, type TwoUsers } from './helpers/exercises.js'

type Client = TwoUsers['me']
interface Change { type: string, id: string, op: string, data: any, changedAt: string }
interface Page { changes: Change[], nextCursor: string, hasMore: boolean }

async function page (api: Client, since?: string, limit?: number): Promise<Page> {
  const query = new URLSearchParams({ ...(since === undefined ? {} : { since }), ...(limit === undefined ? {} : { limit: String(limit) }) })
  const res = await api.get(`/sync/changes?${query.toString()}`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

/** Follows the feed from `since` to its end in pages of `limit`; answers every change and the last cursor. */
async function follow (api: Client, since?: string, limit = 1000): Promise<{ changes: Change[], cursor: string }> {
  const changes: Change[] = []
  let cursor = since
  for (;;) {
    const p = await page(api, cursor, limit)
    assert.ok(p.nextCursor.length > 0, 'every page has a cursor')
    changes.push(...p.changes)
    cursor = p.nextCursor
    if (!p.hasMore) return { changes, cursor }
  }
}

const byKey = (changes: Change[]): Map<string, Change> => new Map(changes.map((c) => [`${c.type}:${c.id}`, c]))

describe('GET /sync/changes', () => {
  let u: TwoUsers
  before(async () => { u = await twoUsers() })
  after(async () => { await u.t.close() })

  test('from the beginning: every live resource once, in its GET shape, the user included', async () => {
    const workout = (await u.me.post('/workouts', {
      name: 'Push',
      startedAt: '2025-03-01T10:00:00.000Z',
      endedAt: '2025-03-01T11:00:00.000Z',
      exercises: [{ exerciseId: u.ex.weight_reps, sets: [{ reps: 5, weightKg: 100 }] }]
    })).json()
    const log = (await u.me.post('/progress-logs', { metric: 'body_weight', value: 80, unit: 'kg' })).json()
    const goal = (await u.me.post('/goals', { type: 'exercise_weight', exerciseId: u.ex.weight_reps, targetValue: 120 })).json()
    const plan = (await u.me.post('/plans', { name: 'P', days: [{ name: 'A', items: [{ exerciseId: u.ex.weight_reps, reps: 5 }] }] })).json()
    const { changes } = await follow(u.me)
    const feed = byKey(changes)
    assert.equal(feed.size, changes.length, 'each resource once')
    for (const [type, path, id] of [['workout', '/workouts', workout.id], ['progress_log', '/progress-logs', log.id],
      ['goal', '/goals', goal.id], ['plan', '/plans', plan.id], ['exercise', '/exercises', u.ex.weight_reps]]) {
      const change = feed.get(`${type}:${id as string}`)
      assert.ok(change !== undefined, `${type} is in the feed`)
      assert.equal(change.op, 'upsert')
      assert.deepEqual(change.data, (await u.me.get(`${path}/${id as string}`)).json(), `${type} in its GET shape`)
    }
    assert.deepEqual(feed.get(`user:${u.alice.userId}`)?.data, (await u.me.get('/me')).json())
    assert.ok(!changes.some((c) => c.data?.userId === u.bob.userId || c.id === u.bob.userId), 'nothing of Bob')
  })

  test('pages in commit order, resumes where it stopped, and a poll with nothing new is empty', async () => {
    const all = await follow(u.me)
    const paged = await follow(u.me, undefined, 2)
    assert.deepEqual(paged.changes.map((c) => `${c.type}:${c.id}`), all.changes.map((c) => `${c.type}:${c.id}`))
    const empty = await page(u.me, paged.cursor)
    assert.deepEqual([empty.changes, empty.hasMore], [[], false])
    // A child change is an upsert of its parent; several changes show once, in the latest state.
    const w = (await u.me.post('/workouts', { name: 'Pull', startedAt: '2025-03-02T10:00:00.000Z' })).json()
    const we = (await u.me.post(`/workouts/${w.id as string}/exercises`, { exerciseId: u.ex.weight_reps })).json()
    await u.me.post(`/workouts/${w.id as string}/exercises/${we.id as string}/sets`, { reps: 3, weightKg: 130 })
    await u.me.patch(`/workouts/${w.id as string}`, { name: 'Pull day' })
    const { changes, cursor } = await follow(u.me, empty.nextCursor)
    const workouts = changes.filter((c) => c.type === 'workout')
    assert.equal(workouts.length, 1)
    assert.equal(workouts[0].data.name, 'Pull day')
    assert.equal(workouts[0].data.exercises[0].sets.length, 1)
    // The set beat the goal's current value: the goal is in the feed too.
    const goal = changes.find((c) => c.type === 'goal')
    assert.equal(goal?.data.currentValue, 130)
    assert.equal((await page(u.me, cursor)).changes.length, 0)
  })

  test('a delete is a tombstone; a rename of a custom exercise upserts what shows it', async () => {
    const start = (await follow(u.me)).cursor
    const log = (await u.me.post('/progress-logs', { metric: 'body_weight', value: 81, unit: 'kg' })).json()
    assert.equal((await u.me.delete(`/progress-logs/${log.id as string}`)).statusCode, 204)
    await u.me.patch(`/exercises/${u.ex.weight_reps}`, { name: 'Renamed Press' })
    const { changes } = await follow(u.me, start)
    const tomb = changes.find((c) => c.id === log.id)
    assert.deepEqual([tomb?.op, tomb?.data], ['delete', null])
    const workouts = changes.filter((c) => c.type === 'workout')
    assert.ok(workouts.length >= 2 && workouts.every((c) => c.data.exercises.every((e: any) =>
      e.exerciseId !== u.ex.weight_reps || e.exercise.name === 'Renamed Press')))
    assert.ok(changes.some((c) => c.type === 'plan'), 'the plan shows the exercise')
    assert.ok(changes.some((c) => c.type === 'exercise' && c.data.name === 'Renamed Press'))
  })

  test('cursors: garbage is 400, another user\'s or a future one is 410, an expired one is 410', async () => {
    const bad = await u.me.get('/sync/changes?since=not-a-cursor')
    assert.equal(bad.statusCode, 400)
    const bobs = (await follow(u.other)).cursor
    const other = await u.me.get(`/sync/changes?since=${bobs}`)
    assert.equal(other.statusCode, 410)
    assert.match(other.headers['content-type'] as string, /problem\+json/)
    const mine = (await follow(u.me)).cursor
    const [v, owner, seq] = JSON.parse(Buffer.from(mine, 'base64url').toString()) as [number, string, number]
    const future = Buffer.from(JSON.stringify([v, owner, seq + 100])).toString('base64url')
    assert.equal((await u.me.get(`/sync/changes?since=${future}`)).statusCode, 410)
    // Tombstones older than 30 days go with the next delete, and cursors from before them expire.
    const log = (await u.me.post('/progress-logs', { metric: 'body_weight', value: 82, unit: 'kg' })).json()
    await u.me.delete(`/progress-logs/${log.id as string}`)
    const db = u.t.app.database.db
    await db.updateTable('changes').set({ changed_at: '2020-01-01T00:00:00.000Z' })
      .where('resource_id', '=', log.id).execute()
    const other2 = (await u.me.post('/progress-logs', { metric: 'body_weight', value: 83, unit: 'kg' })).json()
    await u.me.delete(`/progress-logs/${other2.id as string}`)
    assert.equal((await u.me.get(`/sync/changes?since=${mine}`)).statusCode, 410)
    const fresh = await follow(u.me)
    assert.ok(!fresh.changes.some((c) => c.id === log.id), 'the old tombstone is gone')
    assert.ok(fresh.changes.some((c) => c.id === other2.id && c.op === 'delete'))
  })

  test('a new account starts with itself in the feed', async () => {
    const carol = as(u.t.app, await register(u.t.app))
    const { changes } = await follow(carol)
    assert.deepEqual(changes.map((c) => c.type), ['user'])
  })
})

describe('recording many changes at once', () => {
  test('an import-sized write (12,000 resources) records every one, in statements both databases take', async () => {
    const u = await twoUsers()
    try {
      const ids = Array.from({ length: 12_000 }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`)
      const db = u.t.app.database.db
      await db.transaction().execute(async (trx) => {
        await projections.changed(trx, u.alice.userId, ids.map((id) => ({ type: 'progress_log', id, op: 'delete' })))
      })
      const { count } = await db.selectFrom('changes').select((eb) => eb.fn.countAll().as('count'))
        .where('user_id', '=', u.alice.userId).where('type', '=', 'progress_log').executeTakeFirstOrThrow()
      assert.equal(Number(count), ids.length)
      // One write, one number: the feed pages through all of them as tombstones.
      const { changes } = await follow(u.me)
      assert.equal(changes.filter((c) => c.type === 'progress_log' && c.op === 'delete').length, ids.length)
    } finally {
      await u.t.close()
    }
  })
})
