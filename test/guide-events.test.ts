import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, afterEach, before, describe, test } from 'node:test'
import { redactTicket } from '../src/modules/guide/guide.tickets.js'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'
import { act, isGuide, SseClient, startDay } from './helpers/guide.js'

let t: TestApp
let alice: Session
let me: ReturnType<typeof as>
let ex: TestExercises
const open: SseClient[] = []

before(async () => {
  t = await createTestApp({ GUIDE_HEARTBEAT_MS: '50' })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  alice = await register(t.app)
  me = as(t.app, alice)
  ex = await createExercises(t.app, alice)
})
after(async () => { await t.close() })
// Each test starts with no stream of the user open (the per-user limit counts them all).
afterEach(async () => { for (const s of open.splice(0)) s.close(); await sleep(50) })

const bearer = () => ({ authorization: `Bearer ${alice.token}` })
async function stream (path: string, headers: Record<string, string> = bearer()) {
  const s = await SseClient.open(t.app, path, headers)
  open.push(s)
  return s
}
const workout = async (restSec = 0) => await startDay(me, [{ exerciseId: ex.reps, sets: 3, reps: 5, restSec }])

describe('GET /workouts/{id}/guide/events', () => {
  test('a guide event at connect, after every change, and heartbeats', async () => {
    const w = await workout()
    const s = await stream(`/workouts/${w.id}/guide/events`)
    assert.equal(s.status, 200)
    assert.match(String(s.headers.get('content-type')), /^text\/event-stream/)
    assert.equal(s.headers.get('cache-control'), 'no-cache, no-transform')
    assert.ok(s.headers.get('x-request-id'))
    await s.next((e) => e.event === 'retry')
    const first = await s.next(isGuide)
    assert.deepEqual(first.data, await me.get(`/workouts/${w.id}/guide`).then((r) => r.json()))
    assert.match(String(first.id), /^0\.[\w-]{12}$/)
    await act(me, w.id, 'complete')
    const second = await s.next(isGuide)
    assert.deepEqual([second.data.completedSets, second.data.current.setNumber], [1, 2])
    assert.notEqual(second.id, first.id)
    await act(me, w.id, 'skip')
    assert.equal((await s.next(isGuide)).data.current.setNumber, 3)
    await me.post(`/workouts/${w.id}/exercises/${w.exercises[0].id}/sets`, { completed: false, targetReps: 1 })
    assert.equal((await s.next(isGuide)).data.totalSets, 4, 'a change through the workout routes')
    await s.next((e) => e.event === 'comment' && e.data === 'heartbeat')
    await me.post(`/workouts/${w.id}/guide/finish`)
    assert.equal((await s.next(isGuide)).data.status, 'completed')
    assert.equal((await me.delete(`/workouts/${w.id}`)).statusCode, 204)
    await assert.rejects(s.next(() => false), /stream ended/, 'a deleted workout ends its streams')
  })

  test('rest_over when a short rest runs out, then the guide in progress again', async () => {
    const w = await workout(1)
    const s = await stream(`/workouts/${w.id}/guide/events`)
    await s.next(isGuide)
    const resting = await act(me, w.id, 'complete')
    assert.equal((await s.next(isGuide)).data.status, 'resting')
    const over = await s.next((e) => e.event === 'rest_over', 3000)
    assert.deepEqual(over.data, { workoutId: w.id, restEndsAt: resting.restEndsAt })
    assert.ok(Date.now() >= Date.parse(resting.restEndsAt))
    const next = await s.next(isGuide)
    assert.deepEqual([next.data.status, next.data.restEndsAt], ['in_progress', null])
  })

  test('Last-Event-ID resumes: the current id skips the snapshot, a stale one gets it', async () => {
    const w = await workout()
    const first = await (await stream(`/workouts/${w.id}/guide/events`)).next(isGuide)
    const same = await stream(`/workouts/${w.id}/guide/events`, { ...bearer(), 'last-event-id': String(first.id) })
    await same.next((e) => e.event === 'comment')
    await sleep(120)
    assert.equal(same.all('guide').length, 0, 'nothing missed, nothing resent')
    await act(me, w.id, 'complete')
    const changed = await same.next(isGuide)
    const polyfill = await stream(`/workouts/${w.id}/guide/events?lastEventId=${String(first.id)}`)
    assert.equal((await polyfill.next(isGuide)).id, changed.id)
  })
})

describe('stream tickets', () => {
  test('work once, only for their workout, only until they expire; never logged', async () => {
    const [w, other] = [await workout(), await workout()]
    const ticket = async (id: string) => {
      const res = await me.post(`/workouts/${id}/guide/ticket`)
      assert.equal(res.statusCode, 201, res.body)
      assert.equal(res.headers['cache-control'], 'no-store')
      return res.json()
    }
    const issued = await ticket(w.id)
    assert.match(issued.ticket, /^[\w-]{43}$/)
    const ttl = Date.parse(issued.expiresAt) - Date.now()
    assert.ok(ttl > 55_000 && ttl <= 60_000)
    const ok = await stream(`/workouts/${w.id}/guide/events?ticket=${issued.ticket as string}`, {})
    assert.equal(ok.status, 200)
    assert.equal((await ok.next(isGuide)).data.workoutId, w.id)
    const again = await stream(`/workouts/${w.id}/guide/events?ticket=${issued.ticket as string}`, {})
    assert.deepEqual([again.status, again.headers.get('content-type')], [401, 'application/problem+json; charset=utf-8'])
    const wrong = await ticket(other.id)
    assert.equal((await stream(`/workouts/${w.id}/guide/events?ticket=${wrong.ticket as string}`, {})).status, 401)
    assert.equal((await stream(`/workouts/${other.id}/guide/events?ticket=${wrong.ticket as string}`, {})).status, 200, 'not used up by the wrong workout')
    const late = await ticket(w.id)
    await t.app.database.db.updateTable('guide_tickets').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('used_at', 'is', null).execute()
    assert.equal((await stream(`/workouts/${w.id}/guide/events?ticket=${late.ticket as string}`, {})).status, 401)
    assert.equal((await stream(`/workouts/${w.id}/guide/events`, {})).status, 401)
    assert.equal((await stream(`/workouts/${w.id}/guide/events?ticket=x`, { authorization: 'Bearer nope' })).status, 401)
    assert.equal(redactTicket(`/api/v1/workouts/${w.id}/guide/events?lastEventId=1&ticket=${late.ticket as string}`),
      `/api/v1/workouts/${w.id}/guide/events?lastEventId=1&ticket=[redacted]`)
  })
})

describe('limits and shutdown', () => {
  test('past 5 streams per user: 429 with Retry-After; a closed stream frees its place', async () => {
    const w = await workout()
    const five = await Promise.all(Array.from({ length: 5 }, async () => await stream(`/workouts/${w.id}/guide/events`)))
    assert.deepEqual(five.map((s) => s.status), [200, 200, 200, 200, 200])
    const sixth = await stream(`/workouts/${w.id}/guide/events`)
    assert.equal(sixth.status, 429)
    assert.ok(Number(sixth.headers.get('retry-after')) >= 1)
    assert.equal((sixth as any).body.status, 429)
    five[0].close()
    let status = 0
    for (let i = 0; i < 40 && status !== 200; i++) { await sleep(25); status = (await stream(`/workouts/${w.id}/guide/events`)).status }
    assert.equal(status, 200)
  })

  test('app.close() with an open stream resolves at once; the stream ends', async () => {
    const t2 = await createTestApp()
    await t2.app.listen({ port: 0, host: '127.0.0.1' })
    const s2 = await register(t2.app)
    const exercises = await createExercises(t2.app, s2)
    const w = await startDay(as(t2.app, s2), [{ exerciseId: exercises.reps, reps: 5 }])
    const s = await SseClient.open(t2.app, `/workouts/${w.id}/guide/events`, { authorization: `Bearer ${s2.token}` })
    await s.next(isGuide)
    const started = Date.now()
    await t2.close()
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`)
    await s.next(() => false).catch(() => {})
    assert.ok(s.ended)
  })
})
