import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { as, createTestApp, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises } from './helpers/exercises.js'
import { act, isGuide, SseClient, startDay } from './helpers/guide.js'

let t: TestApp
let alice: Session

before(async () => {
  t = await createTestApp()
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  alice = await register(t.app)
})
after(async () => { await t.close() })

test('an open event stream ends with the login session that opened it', async () => {
  const me = as(t.app, alice)
  const ex = await createExercises(t.app, alice)
  const w = await startDay(me, [{ exerciseId: ex.reps, sets: 3, reps: 5, restSec: 0 }])
  // A second login of the same user (say, the watch), which will log out.
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: alice.email, password: 'correct horse battery' } })
  const watch = { ...alice, token: login.json().accessToken as string }
  const path = `/workouts/${w.id as string}/guide/events`
  const byHeader = await SseClient.open(t.app, path, { authorization: `Bearer ${watch.token}` })
  const ticket = (await as(t.app, watch).post(`/workouts/${w.id as string}/guide/ticket`)).json().ticket as string
  const byTicket = await SseClient.open(t.app, `${path}?ticket=${ticket}`)
  const phone = await SseClient.open(t.app, path, { authorization: `Bearer ${alice.token}` })
  for (const s of [byHeader, byTicket, phone]) await s.next(isGuide)

  assert.equal((await as(t.app, watch).post('/auth/logout')).statusCode, 204)
  await assert.rejects(byHeader.next(() => false), /stream ended/)
  await assert.rejects(byTicket.next(() => false), /stream ended/)
  await act(me, w.id, 'complete')
  assert.equal((await phone.next(isGuide)).data.completedSets, 1, 'the other session keeps its stream')
  phone.close()
})
