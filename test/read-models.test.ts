import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import * as weeklyBreakdownsMigration from '../src/db/migrations/0010_weekly_breakdowns.js'
import { statsCache } from '../src/modules/stats/stats-cache.js'
import { versions } from '../src/projections/versions.js'
import { loadWorkout } from '../src/modules/workouts/workouts.read.js'
import { as, createTestApp, dialect, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises, oneUser, type TestExercises } from './helpers/exercises.js'
import { act, startDay } from './helpers/guide.js'

// The stored answers (workouts.document, stats_cache) must always equal what the rows say:
// after every kind of write, a read is compared with the same answer built from the rows.
let t: TestApp
let alice: Session
let me: ReturnType<typeof as>
let ex: TestExercises

before(async () => { ({ t, alice, me, ex } = await oneUser()) })
after(async () => { await t.close() })

/** The stored document while it is current (its revision is the workout's), else null. */
const stored = async (id: string): Promise<string | null> => (await sql<{ body: string }>`
  select d.body from workout_documents d join workouts w on w.id = d.workout_id
  where d.workout_id = ${id} and d.revision = w.revision`.execute(t.app.database.db)).rows[0]?.body ?? null

/** GET twice (the first may rebuild, the second must be the stored document) against the rows. */
async function assertFresh (id: string, step: string): Promise<any> {
  const first = await me.get(`/workouts/${id}`)
  assert.equal(first.statusCode, 200, first.body)
  assert.match(String(first.headers['content-type']), /^application\/json/)
  assert.deepEqual(first.json(), JSON.parse(JSON.stringify(await loadWorkout(t.app.database.db, alice.userId, id))), step)
  assert.equal(await stored(id), first.body, `${step}: stored`)
  assert.equal((await me.get(`/workouts/${id}`)).body, first.body, `${step}: served again`)
  return first.json()
}

describe('GET /workouts/{id} from the stored document', () => {
  test('every write to a workout, its exercises or sets is visible at once', async () => {
    const created = await me.post('/workouts', {
      name: 'Push', startedAt: '2026-03-02T10:00:00.000Z', exercises: [{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 50 }] }]
    })
    assert.equal(created.statusCode, 201, created.body)
    const id = created.json().id
    assert.equal(await stored(id), null, 'a create stores nothing until the first read')
    let w = await assertFresh(id, 'created')
    const we = w.exercises[0].id
    const base = `/workouts/${id}/exercises/${we}/sets`

    const steps: Array<[string, () => Promise<{ statusCode: number, body: string }>]> = [
      ['log a set', async () => await me.post(base, { reps: 8, weightKg: 40 })],
      ['edit a set', async () => await me.patch(`${base}/${w.exercises[0].sets[0].id}`, { reps: 6, completed: false })],
      ['move a set', async () => await me.patch(`${base}/${w.exercises[0].sets[1].id}`, { position: 0 })],
      ['delete a set', async () => await me.delete(`${base}/${w.exercises[0].sets[0].id}`)],
      ['add an exercise', async () => await me.post(`/workouts/${id}/exercises`, { exerciseId: ex.reps, position: 0, sets: [{ reps: 12 }] })],
      ['annotate an exercise', async () => await me.patch(`/workouts/${id}/exercises/${we}`, { notes: 'slow eccentric', restSec: 90 })],
      ['swap an exercise', async () => await me.patch(`/workouts/${id}/exercises/${we}`, { exerciseId: ex.weightRepsAlt })],
      ['rename the workout', async () => await me.patch(`/workouts/${id}`, { name: 'Push (heavy)', endedAt: '2026-03-02T11:00:00.000Z' })],
      ['rename its custom exercise', async () => await me.patch(`/exercises/${ex.weightRepsAlt}`, { name: 'Renamed Press' })],
      ['reopen it', async () => await me.patch(`/workouts/${id}`, { endedAt: null })],
      ['delete an exercise', async () => await me.delete(`/workouts/${id}/exercises/${we}`)]
    ]
    for (const [step, write] of steps) {
      const res = await write()
      assert.ok(res.statusCode < 300, `${step}: ${res.statusCode} ${res.body}`)
      assert.equal(await stored(id), null, `${step} retires the stored document`)
      w = await assertFresh(id, step)
    }
    assert.equal(w.name, 'Push (heavy)')
    assert.equal(w.status, 'in_progress')
    assert.deepEqual(w.exercises.map((e: any) => e.exerciseId), [ex.reps])

    assert.equal((await me.delete(`/workouts/${id}`)).statusCode, 204)
    assert.equal((await me.get(`/workouts/${id}`)).statusCode, 404)
  })

  test('the guided workout writes through the same path', async () => {
    const started = await startDay(me, [{ exerciseId: ex.weight_reps, sets: 2, reps: 5, weightKg: 60, restSec: 0 }])
    await assertFresh(started.id, 'started')
    await act(me, started.id, 'complete', { reps: 6 })
    const w = await assertFresh(started.id, 'completed a set')
    assert.deepEqual(w.exercises[0].sets.map((s: any) => [s.completed, s.reps, s.targetReps]), [[true, 6, 5], [false, null, 5]])
    const finish = await me.post(`/workouts/${started.id}/guide/finish`)
    assert.equal(finish.statusCode, 200, finish.body)
    assert.equal((await assertFresh(started.id, 'finished')).status, 'completed')
  })

  test('another user never reads it', async () => {
    const id = (await me.post('/workouts', { name: 'Mine', startedAt: '2026-03-03T10:00:00.000Z' })).json().id
    await assertFresh(id, 'mine')
    const bob = as(t.app, await register(t.app))
    assert.equal((await bob.get(`/workouts/${id}`)).statusCode, 404)
  })
})

describe('a stored copy that cannot be written never fails the read', () => {
  /** Makes every write to `table` fail, as a full disk would, for the length of `fn`. */
  async function refusing (table: string, fn: () => Promise<void>): Promise<void> {
    const db = t.app.database.db
    if (dialect === 'postgres') {
      await sql`create or replace function spotter_test_full_disk() returns trigger as $$
        begin raise exception 'could not extend file: No space left on device'; end $$ language plpgsql`.execute(db)
      await sql.raw(`create trigger full_disk before insert or update on ${table} for each row execute function spotter_test_full_disk()`).execute(db)
    } else {
      await sql.raw(`create trigger full_disk before insert on ${table} begin select raise(fail, 'database or disk is full'); end`).execute(db)
    }
    try {
      await fn()
    } finally {
      await sql.raw(`drop trigger full_disk${dialect === 'postgres' ? ` on ${table}` : ''}`).execute(db)
    }
  }

  test('GET /workouts/{id} and the cached statistics answer 200 from the rows', async () => {
    // A user of its own, so the other tests' counts stay as they are.
    const session = await register(t.app)
    const bob = as(t.app, session)
    const own = await createExercises(t.app, session)
    const w = (await bob.post('/workouts', {
      name: 'Full disk',
      startedAt: '2026-05-04T10:00:00.000Z',
      endedAt: '2026-05-04T11:00:00.000Z',
      exercises: [{ exerciseId: own.weight_reps, sets: [{ reps: 5, weightKg: 70 }] }]
    })).json()
    await refusing('workout_documents', async () => {
      const res = await bob.get(`/workouts/${w.id}`)
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().volumeKg, 350)
      assert.equal(await stored(w.id), null, 'nothing was stored')
    })
    await refusing('stats_cache', async () => {
      for (const path of ['/stats/summary', '/stats/records', '/stats/volume']) {
        const res = await bob.get(path)
        assert.equal(res.statusCode, 200, `${path}: ${res.body}`)
      }
      assert.equal((await bob.get('/stats/summary')).json().workouts, 1)
    })
    // Once the disk has room again, the copies are stored as usual.
    const again = await bob.get(`/workouts/${w.id}`)
    assert.equal(await stored(w.id), again.body)
  })
})

describe('cached whole-history statistics', () => {
  const CACHED = ['/stats/summary', '/stats/records', '/stats/volume', '/stats/volume?groupBy=muscle', '/stats/volume?period=month&groupBy=exercise']

  /** Each cached answer equals the same statistics asked with an unbounded range (never cached). */
  async function assertFresh (step: string): Promise<void> {
    for (const path of CACHED) {
      const cached = await me.get(path)
      assert.equal(cached.statusCode, 200, cached.body)
      const live = path.startsWith('/stats/records')
        ? await me.get(`/stats/records?exerciseId=${ex.weight_reps}`)
        : await me.get(`${path}${path.includes('?') ? '&' : '?'}from=0001-01-01&to=9999-12-31`)
      if (path.startsWith('/stats/records')) {
        const item = cached.json().items.find((i: any) => i.exerciseId === ex.weight_reps)
        assert.deepEqual(item, live.json().items[0], `${step}: ${path}`)
      } else {
        assert.deepEqual(cached.json(), live.json(), `${step}: ${path}`)
      }
      assert.equal((await me.get(path)).body, cached.body, `${step}: ${path} served again`)
    }
  }

  test('stay exact through logging, edits, deletes and renames', async () => {
    await assertFresh('before any workout')
    const w = (await me.post('/workouts', {
      name: 'Legs',
      startedAt: '2026-02-02T10:00:00.000Z',
      endedAt: '2026-02-02T11:00:00.000Z',
      exercises: [{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 100 }, { reps: 5, weightKg: 20, type: 'warmup' }] }]
    })).json()
    await assertFresh('a completed workout')
    const base = `/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`
    assert.equal((await me.post(base, { reps: 3, weightKg: 120 })).statusCode, 201)
    await assertFresh('a record set')
    assert.equal((await me.patch(`${base}/${w.exercises[0].sets[0].id}`, { weightKg: 90 })).statusCode, 200)
    await assertFresh('an edit')
    // Writes that change the totals but no record.
    assert.equal((await me.post(base, { reps: 10, weightKg: 20, type: 'warmup' })).statusCode, 201)
    await assertFresh('a warm-up set')
    const open = (await me.post('/workouts', { name: 'Open', startedAt: '2026-02-09T10:00:00.000Z' })).json()
    assert.equal((await me.patch(`/workouts/${open.id}`, { endedAt: '2026-02-09T10:30:00.000Z' })).statusCode, 200)
    await assertFresh('an empty workout completed')
    assert.equal((await me.delete(`/workouts/${open.id}`)).statusCode, 204)
    assert.equal((await me.patch(`/workouts/${w.id}`, { startedAt: '2026-02-20T10:00:00.000Z', endedAt: '2026-02-20T11:00:00.000Z' })).statusCode, 200)
    await assertFresh('moved to another week')
    assert.equal((await me.patch(`/exercises/${ex.weight_reps}`, { name: 'Renamed Squat', primaryMuscles: ['quadriceps'] })).statusCode, 200)
    await assertFresh('exercise renamed and re-tagged')
    const records = (await me.get('/stats/records')).json().items
    assert.equal(records.find((i: any) => i.exerciseId === ex.weight_reps).exerciseName, 'Renamed Squat')
    assert.deepEqual([...new Set((await me.get('/stats/volume?groupBy=muscle')).json().series.map((s: any) => s.key))], ['quadriceps'])
    assert.equal((await me.delete(`/workouts/${w.id}`)).statusCode, 204)
    await assertFresh('deleted')
    assert.equal((await me.get('/stats/summary')).json().workouts, 1, 'the guided workout finished above is left')
  })

  test('the migration fills the weekly breakdowns of histories logged before it', async () => {
    for (const [day, exerciseId] of [['2026-04-06', ex.weight_reps], ['2026-04-07', ex.reps], ['2026-04-14', ex.weight_reps]]) {
      const res = await me.post('/workouts', {
        name: 'Before', startedAt: `${day}T10:00:00.000Z`, endedAt: `${day}T11:00:00.000Z`, exercises: [{ exerciseId, sets: [{ reps: 5, weightKg: exerciseId === ex.reps ? undefined : 40 }] }]
      })
      assert.equal(res.statusCode, 201, res.body)
    }
    const db = t.app.database.db
    await weeklyBreakdownsMigration.down(db)
    await weeklyBreakdownsMigration.up(db)
    await versions.statsChanged(db, alice.userId)
    await assertFresh('after the migration')
  })

  test('STATS_CACHE=off computes every answer and stores none', async () => {
    const off = await createTestApp({ STATS_CACHE: 'off' })
    try {
      const bob = as(off.app, await register(off.app))
      const res = await bob.post('/workouts', { name: 'W', startedAt: '2026-04-06T10:00:00.000Z', endedAt: '2026-04-06T11:00:00.000Z' })
      assert.equal(res.statusCode, 201, res.body)
      for (const path of CACHED) assert.equal((await bob.get(path)).statusCode, 200)
      assert.equal((await bob.get('/stats/summary')).json().workouts, 1)
      const { rows } = await sql<{ n: number }>`select count(*) as n from stats_cache`.execute(off.app.database.db)
      assert.equal(Number(rows[0].n), 0)
    } finally {
      await off.close()
    }
  })

  test('a write that commits while an answer is computed is never hidden by it', async () => {
    const db = t.app.database.db
    let computed = 0
    const read = async (during?: () => Promise<void>) => await statsCache.read(db, alice.userId, { name: 'probe' }, async () => {
      computed++
      const version = (await sql<{ v: number }>`select stats_version as v from users where id = ${alice.userId}`.execute(db)).rows[0].v
      await during?.()
      return version
    }, String)
    const first = await read(async () => { await versions.statsChanged(db, alice.userId) })
    // Stored under the version read before computing, which the bump has passed: recomputed.
    const second = await read()
    assert.equal(Number(second), Number(first) + 1)
    assert.equal(await read(), second)
    assert.equal(computed, 2)
    assert.equal(await statsCache.read(db, alice.userId, { name: 'probe', validity: () => 'next week' }, async () => 'other', String), 'other', 'a new validity recomputes')
  })
})
