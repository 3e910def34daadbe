import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { createSpotterClient, type Tokens } from '../clients/typescript/index.js'
import { createTestApp, TEST_SECRET, type TestApp } from './helpers/app.js'
import { decodeJwt, signJwt } from './helpers/jwt.js'
import { checkAnswer } from './helpers/openapi-check.js'

let t: TestApp
let baseUrl: string

before(async () => {
  t = await createTestApp()
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
})
after(async () => { await t.close() })

/** fetch that checks every answer against /openapi.json, as injected answers are. */
const checkedFetch = async (request: Request): Promise<Response> => {
  const res = await fetch(request)
  const body = await res.clone().text()
  checkAnswer(t.app, request.method, new URL(request.url).pathname, {
    statusCode: res.status,
    contentType: res.headers.get('content-type') ?? undefined,
    body
  })
  return res
}

describe('the typed TypeScript client (clients/typescript) against a real server', () => {
  test('register, log a workout and a set, read stats, refresh an expired access token', async () => {
    const seen: Tokens[] = []
    const client = createSpotterClient({ baseUrl, fetch: checkedFetch, onTokens: (tokens) => seen.push(tokens) })

    const email = `client.${Date.now()}@example.com`
    const registered = await client.POST('/api/v1/auth/register', { body: { email, password: 'correct horse battery' } })
    assert.equal(registered.response.status, 201)
    assert.equal(registered.data?.user.email, email)
    assert.equal(seen.length, 1)

    const { data: exercises } = await client.GET('/api/v1/exercises', { params: { query: { q: 'bench press', limit: 1 } } })
    const exerciseId = exercises?.items[0]?.id
    assert.ok(exerciseId !== undefined)

    const created = await client.POST('/api/v1/workouts', {
      body: { name: 'Push day', startedAt: '2025-03-03T17:00:00.000Z', exercises: [{ exerciseId }] }
    })
    assert.equal(created.response.status, 201)
    const workout = created.data
    assert.ok(workout !== undefined)
    const logged = await client.POST('/api/v1/workouts/{id}/exercises/{workoutExerciseId}/sets', {
      params: { path: { id: workout.id, workoutExerciseId: workout.exercises[0].id } },
      body: { reps: 5, weightKg: 100 }
    })
    assert.equal(logged.response.status, 201)
    assert.equal(logged.data?.weightKg, 100)
    const finished = await client.PATCH('/api/v1/workouts/{id}', {
      params: { path: { id: workout.id } },
      body: { endedAt: '2025-03-03T18:00:00.000Z' }
    })
    assert.equal(finished.data?.status, 'completed')

    const stats = await client.GET('/api/v1/stats/summary')
    assert.equal(stats.data?.workouts, 1)
    assert.equal(stats.data?.volumeKg, 500)

    // The access token expires: the next call gets a 401, refreshes once and is retried.
    const { payload } = decodeJwt(seen[0].accessToken)
    const expired = signJwt({ ...payload, iat: 1_000_000, exp: 1_000_060 }, { secret: TEST_SECRET })
    const stale = createSpotterClient({
      baseUrl,
      fetch: checkedFetch,
      tokens: { accessToken: expired, refreshToken: seen[0].refreshToken },
      onTokens: (tokens) => seen.push(tokens)
    })
    const me = await stale.GET('/api/v1/me')
    assert.equal(me.response.status, 200)
    assert.equal(me.data?.email, email)
    assert.equal(seen.length, 2)
    assert.notEqual(seen[1].refreshToken, seen[0].refreshToken)

    // A refresh that fails (the old refresh token was used) leaves the 401 to the caller.
    const lost = createSpotterClient({ baseUrl, fetch: checkedFetch, tokens: { accessToken: 'x', refreshToken: seen[0].refreshToken } })
    assert.equal((await lost.GET('/api/v1/me')).response.status, 401)
  })
})
