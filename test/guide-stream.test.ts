import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'
import { guideOf, isGuide, SseClient, startDay } from './helpers/guide.js'
import { checkAnswer } from './helpers/openapi-check.js'
import { assertProblem, assertUnauthorized } from './helpers/problem.js'

// The event stream's answers checked against /openapi.json. A stream never ends by itself, so it
// is read over a real connection; app.inject cannot open it (its fake socket lacks the
// setTimeout/setKeepAlive the stream sets), and answers read by fetch are checked explicitly.

describe('GET /workouts/{id}/guide/events, against its documented responses', () => {
  let t: TestApp
  let alice: Session
  let bob: Session
  let me: ReturnType<typeof as>
  let ex: TestExercises
  const open: SseClient[] = []

  before(async () => {
    t = await createTestApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    alice = await register(t.app)
    bob = await register(t.app)
    me = as(t.app, alice)
    ex = await createExercises(t.app, alice)
  })
  after(async () => {
    for (const s of open) s.close()
    await t.close()
  })

  /** Opens the stream over HTTP and checks its status and content type against the document. */
  async function stream (workoutId: string, session: Session): Promise<SseClient & { body?: unknown }> {
    const path = `/workouts/${workoutId}/guide/events`
    const s = await SseClient.open(t.app, path, { authorization: `Bearer ${session.token}` })
    open.push(s)
    checkAnswer(t.app, 'GET', `/api/v1${path}`, {
      statusCode: s.status,
      contentType: s.headers.get('content-type') ?? undefined,
      body: s.body === undefined ? undefined : JSON.stringify(s.body)
    })
    return s
  }

  test('200 text/event-stream, opening with the guide as GET /guide answers it', async () => {
    const w = await startDay(me, [{ exerciseId: ex.reps, sets: 2, reps: 8 }])
    const s = await stream(w.id, alice)
    assert.equal(s.status, 200)
    assert.match(String(s.headers.get('content-type')), /^text\/event-stream/)
    assert.deepEqual((await s.next(isGuide)).data, await guideOf(me, w.id))
  })

  test('another user\'s workout is a 404 problem; no token is a 401', async () => {
    const w = await startDay(me, [{ exerciseId: ex.reps, sets: 1, reps: 5 }])
    const s = await stream(w.id, bob)
    assert.equal(s.status, 404)
    assertProblem(await as(t.app, bob).get(`/workouts/${w.id as string}/guide/events`), 404)
    assertUnauthorized(await as(t.app, undefined).get(`/workouts/${w.id as string}/guide/events`))
  })
})
