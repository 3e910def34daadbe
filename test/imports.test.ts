import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'

/** A Strong export in its classic 12-column layout (synthetic data, the app's structure). */
const HEADER = 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE'
const row = (date: string, workout: string, duration: string, exercise: string, order: string, weight: string,
  reps: string, seconds = '0', note = '', workoutNote = '', rpe = ''): string =>
  `${date},"${workout}","${duration}","${exercise}",${order},${weight},${reps},0,${seconds},"${note}","${workoutNote}",${rpe}`

const STRONG = [
  HEADER,
  row('2024-01-02 18:00:00', 'Push', '1h 5m', 'Bench Press (Barbell)', 'W', '40', '10'),
  row('2024-01-02 18:00:00', 'Push', '1h 5m', 'Bench Press (Barbell)', '1', '100', '5', '0', 'felt good', 'first day', '8'),
  row('2024-01-02 18:00:00', 'Push', '1h 5m', 'Bench Press (Barbell)', '2', '100', '5'),
  row('2024-01-02 18:00:00', 'Push', '1h 5m', 'Zottman Wiggle (Cable)', '1', '20', '12'),
  row('2024-01-05 07:30:00', 'Legs', '45m', 'Squat (Barbell)', '1', '140', '5'),
  row('2024-01-05 07:30:00', 'Legs', '45m', 'Squat (Barbell)', '2', '150', '3', '0', '', '', '9.5'),
  row('2024-01-05 07:30:00', 'Legs', '45m', 'Squat (Barbell)', 'D', '100', '8'),
  ''
].join('\n')

async function upload (app: FastifyInstance, session: Session, body: string, query = 'source=strong',
  contentType = 'text/csv'): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { authorization: `Bearer ${session.token}`, 'content-type': contentType },
    payload: body
  })
}

describe('imports: preview, matches, commit, undo', () => {
  let t: TestApp
  let session: Session
  let api: ReturnType<typeof as>

  before(async () => {
    t = await createTestApp()
    session = await register(t.app)
    api = as(t.app, session)
  })
  after(async () => { await t.close() })

  test('a preview reads the file, matches names and writes nothing yet', async () => {
    const res = await upload(t.app, session, STRONG, 'source=strong&fileName=strong.csv')
    assert.equal(res.statusCode, 201, res.body)
    const imp = res.json()
    assert.equal(res.headers.location, `/api/v1/imports/${imp.id}`)
    assert.equal(imp.status, 'preview')
    assert.equal(imp.fileName, 'strong.csv')
    assert.equal(imp.weightUnit, 'kg')
    assert.equal(imp.timeZone, 'UTC')
    assert.deepEqual(imp.counts, { workouts: 2, duplicates: 0, exercises: 3, sets: 7, progressLogs: 0 })
    const byName = Object.fromEntries(imp.exercises.map((m: { sourceName: string }) => [m.sourceName, m]))
    assert.equal(byName['Bench Press (Barbell)'].match, 'library')
    assert.equal(byName['Bench Press (Barbell)'].exerciseName, 'Barbell Bench Press')
    assert.equal(byName['Bench Press (Barbell)'].sets, 3)
    assert.equal(byName['Squat (Barbell)'].exerciseName, 'Barbell Back Squat')
    assert.deepEqual(
      { ...byName['Zottman Wiggle (Cable)'] },
      { sourceName: 'Zottman Wiggle (Cable)', exerciseId: null, exerciseName: null, tracking: 'weight_reps', match: 'new_custom', sets: 1 }
    )
    assert.equal((await api.get('/workouts')).json().items.length, 0)
    assert.equal((await api.get(`/imports/${imp.id}`)).json().id, imp.id)
    assert.equal((await api.get('/imports')).json().items[0].id, imp.id)
    await api.delete(`/imports/${imp.id}`)
  })

  test('a chosen exercise must fit the sets; commit writes everything and statistics follow', async () => {
    const imp = (await upload(t.app, session, STRONG)).json()
    const plank = (await api.get('/exercises?q=plank')).json().items[0]
    const curl = (await api.get('/exercises?q=cable%20curl')).json().items[0]
    const misfit = await api.patch(`/imports/${imp.id}`, { exercises: [{ sourceName: 'Zottman Wiggle (Cable)', exerciseId: plank.id }] })
    assert.equal(misfit.statusCode, 400, misfit.body)
    assert.equal(misfit.json().errors[0].path, '/exercises/0/exerciseId')
    const unknown = await api.patch(`/imports/${imp.id}`, { exercises: [{ sourceName: 'Nothing Like It', exerciseId: curl.id }] })
    assert.equal(unknown.statusCode, 400)
    assert.equal(unknown.json().errors[0].path, '/exercises/0/sourceName')
    const chosen = await api.patch(`/imports/${imp.id}`, { exercises: [{ sourceName: 'zottman wiggle cable', exerciseId: curl.id }] })
    assert.equal(chosen.statusCode, 200, chosen.body)
    const match = chosen.json().exercises.find((m: { sourceName: string }) => m.sourceName === 'Zottman Wiggle (Cable)')
    assert.deepEqual([match.match, match.exerciseId, match.sets], ['chosen', curl.id, 1])

    const committed = await api.post(`/imports/${imp.id}/commit`)
    assert.equal(committed.statusCode, 200, committed.body)
    assert.equal(committed.json().status, 'completed')
    assert.ok(committed.json().committedAt)
    const again = await api.post(`/imports/${imp.id}/commit`)
    assert.equal(again.statusCode, 200)
    assert.equal(again.json().committedAt, committed.json().committedAt)

    const workouts = (await api.get('/workouts')).json().items
    assert.equal(workouts.length, 2)
    const push = (await api.get(`/workouts/${workouts.find((w: { name: string }) => w.name === 'Push').id}`)).json()
    assert.equal(push.startedAt, '2024-01-02T18:00:00.000Z')
    assert.equal(push.endedAt, '2024-01-02T19:05:00.000Z')
    assert.equal(push.notes, 'first day')
    assert.deepEqual(push.exercises.map((e: { exercise: { id: string } }) => e.exercise.id)[1], curl.id)
    assert.deepEqual(push.exercises[0].sets.map((s: { type: string, weightKg: number, reps: number }) => [s.type, s.weightKg, s.reps]),
      [['warmup', 40, 10], ['normal', 100, 5], ['normal', 100, 5]])
    assert.equal(push.exercises[0].sets[1].note, 'felt good')
    assert.equal(push.exercises[0].sets[1].rpe, 8)
    const summary = (await api.get('/stats/summary')).json()
    assert.equal(summary.workouts, 2)
  })

  test('the same file again creates nothing: its workouts are duplicates', async () => {
    const imp = (await upload(t.app, session, STRONG)).json()
    assert.deepEqual(imp.counts, { workouts: 0, duplicates: 2, exercises: 3, sets: 0, progressLogs: 0 })
    const committed = await api.post(`/imports/${imp.id}/commit`)
    assert.equal(committed.json().counts.workouts, 0)
    assert.equal((await api.get('/workouts')).json().items.length, 2)
  })
})

describe('imports: two commits of one preview at once', () => {
  let t: TestApp
  let session: Session
  let api: ReturnType<typeof as>

  before(async () => {
    t = await createTestApp()
    session = await register(t.app)
    api = as(t.app, session)
  })
  after(async () => { await t.close() })

  test('commit it once', async () => {
    const imp = (await upload(t.app, session, STRONG)).json()
    const answers = await Promise.all([1, 2, 3].map(async () => await api.post(`/imports/${imp.id}/commit`)))
    assert.deepEqual(answers.map((r) => r.statusCode), [200, 200, 200])
    assert.equal(new Set(answers.map((r) => r.json().committedAt)).size, 1)
    assert.equal((await api.get('/workouts')).json().items.length, 2)
    assert.equal((await api.get('/stats/summary')).json().workouts, 2)
  })
})

describe('imports: undo keeps what the user changed', () => {
  let t: TestApp
  let api: ReturnType<typeof as>
  let session: Session

  before(async () => {
    t = await createTestApp()
    session = await register(t.app)
    api = as(t.app, session)
  })
  after(async () => { await t.close() })

  test('undo removes the workouts and custom exercises it made, except a changed workout', async () => {
    const before = (await api.get('/stats/summary')).json()
    const imp = (await upload(t.app, session, STRONG)).json()
    await api.post(`/imports/${imp.id}/commit`)
    const workouts = (await api.get('/workouts')).json().items
    const legs = workouts.find((w: { name: string }) => w.name === 'Legs')
    assert.equal((await api.patch(`/workouts/${legs.id}`, { notes: 'edited after the import' })).statusCode, 200)
    const undo = await api.delete(`/imports/${imp.id}`)
    assert.equal(undo.statusCode, 204)
    assert.equal((await api.get(`/imports/${imp.id}`)).json().status, 'undone')
    const left = (await api.get('/workouts')).json().items
    assert.deepEqual(left.map((w: { id: string }) => w.id), [legs.id])
    const custom = (await api.get('/exercises?custom=true')).json().items
    assert.equal(custom.length, 0, 'the custom exercise only the removed workout used is gone')
    assert.equal((await api.post(`/imports/${imp.id}/commit`)).statusCode, 409)
    await api.delete(`/workouts/${legs.id}`)
    assert.deepEqual((await api.get('/stats/summary')).json(), before)
  })
})

describe('imports: bad files', () => {
  let t: TestApp
  let session: Session
  let api: ReturnType<typeof as>

  before(async () => {
    t = await createTestApp()
    session = await register(t.app)
    api = as(t.app, session)
  })
  after(async () => { await t.close() })

  test('bad lines are refused by line, or left out as warnings with skipBadLines', async () => {
    const file = [
      HEADER,
      row('2024-02-01 10:00:00', 'A', '30m', 'Bench Press (Barbell)', '1', '100', '5'),
      row('2024-02-01 10:00:00', 'A', '30m', 'Bench Press (Barbell)', '2', 'heavy', '5'),
      row('2024-02-01 10:00:00', 'A', '30m', 'Bench Press (Barbell)', '3', '100', '1271'),
      ''
    ].join('\r\n')
    const refused = await upload(t.app, session, file)
    assert.equal(refused.statusCode, 400, refused.body)
    assert.deepEqual(refused.json().errors.map((e: { path: string }) => e.path), ['/line/3', '/line/4'])
    assert.equal((await api.get('/imports')).json().items.length, 0, 'nothing stored')
    const skipped = await upload(t.app, session, file, 'source=strong&skipBadLines=true')
    assert.equal(skipped.statusCode, 201, skipped.body)
    assert.equal(skipped.json().counts.sets, 1)
    assert.deepEqual(skipped.json().warnings.map((w: { line: number }) => w.line), [3, 4])
  })

  test('a file that is not the source\'s export is a 400 on line 1', async () => {
    for (const body of ['a,b,c\n1,2,3\n', row('2024-02-01 10:00:00', 'A', '30m', 'Bench Press (Barbell)', '1', '100', '5')]) {
      const res = await upload(t.app, session, body)
      assert.equal(res.statusCode, 400, res.body)
      assert.equal(res.json().errors[0].path, '/line/1')
    }
  })

  test('content types, size, time zone and other users', async () => {
    assert.equal((await upload(t.app, session, STRONG, 'source=strong', 'text/plain')).statusCode, 415)
    assert.equal((await upload(t.app, session, STRONG, 'source=strong', 'text/csv; charset=latin1')).statusCode, 415)
    assert.equal((await upload(t.app, session, '{}', 'source=strong', 'application/json')).statusCode, 415)
    assert.equal((await upload(t.app, session, STRONG, 'source=spotter')).statusCode, 415)
    const big = HEADER + '\n' + 'x'.repeat(32 * 1024 * 1024)
    assert.equal((await upload(t.app, session, big)).statusCode, 413)
    assert.equal((await upload(t.app, session, STRONG, 'source=strong&timeZone=Mars/Olympus')).statusCode, 400)
    const zoned = (await upload(t.app, session, STRONG, 'source=strong&timeZone=America/New_York')).json()
    assert.equal(zoned.timeZone, 'America/New_York')
    const other = as(t.app, await register(t.app))
    assert.equal((await other.get(`/imports/${zoned.id}`)).statusCode, 404)
    assert.equal((await other.post(`/imports/${zoned.id}/commit`)).statusCode, 404)
    assert.equal((await other.delete(`/imports/${zoned.id}`)).statusCode, 404)
    assert.equal((await other.patch(`/imports/${zoned.id}`, { exercises: [{ sourceName: 'x', exerciseId: zoned.id }] })).statusCode, 404)
    assert.equal((await api.get(`/imports/${zoned.id}`)).statusCode, 200)
  })

  test('a preview older than a day is gone', async () => {
    const imp = (await upload(t.app, session, STRONG)).json()
    const old = new Date(Date.now() - 25 * 3600 * 1000).toISOString()
    await t.app.database.db.updateTable('imports').set({ created_at: old }).where('id', '=', imp.id).execute()
    assert.equal((await api.get(`/imports/${imp.id}`)).statusCode, 404)
    assert.equal((await api.post(`/imports/${imp.id}/commit`)).statusCode, 404)
    await upload(t.app, session, STRONG)
    const left = await t.app.database.db.selectFrom('imports').select('id').where('id', '=', imp.id).execute()
    assert.equal(left.length, 0, 'removed by the next upload')
  })
})
