import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { newId } from '../src/lib/ids.js'
import { as, createTestApp, dialect, freshDatabaseUrl, register, type Session, type TestApp } from './helpers/app.js'
import { createExercises, type TestExercises } from './helpers/exercises.js'
import { assertDense, createPlan } from './helpers/plan-fixtures.js'

type Client = ReturnType<typeof as>

// On PostgreSQL two app instances (two pools) share one schema, so the requests really run at
// once; on SQLite (in memory) one app serves both "instances" and writers take turns anyway.
let apps: TestApp[]
let drop: () => Promise<void>
let alice: Session
let ex: TestExercises
let clients: [Client, Client]

before(async () => {
  const fresh = await freshDatabaseUrl()
  drop = fresh.drop
  const first = await createTestApp({}, fresh.url)
  apps = dialect === 'postgres' ? [first, await createTestApp({}, fresh.url)] : [first]
  alice = await register(first.app)
  ex = await createExercises(first.app, alice)
  clients = [as(apps[0].app, alice), as(apps[apps.length - 1].app, alice)]
})
after(async () => {
  for (const t of apps) await t.app.close()
  await drop()
})

const api = (i: number): Client => clients[i % 2]
const item = (i: number) => ({ exerciseId: ex.weight_reps, sets: 1 + (i % 3), reps: 5 + i })
const statuses = (results: LightMyRequestResponse[]) => results.map((r) => r.statusCode)

/** Runs every operation at once, started interleaved (not in waves of one kind); answers in the operations' order. */
async function runInterleaved (ops: Array<() => Promise<LightMyRequestResponse>>): Promise<LightMyRequestResponse[]> {
  const order = ops.map((_, i) => (i * 7) % ops.length)
  assert.equal(new Set(order).size, ops.length, 'the start order must visit every operation once')
  const answers = await Promise.all(order.map(async (k) => await ops[k]()))
  const results: LightMyRequestResponse[] = []
  order.forEach((k, i) => { results[k] = answers[i] })
  return results
}

/** Every answer is one of the expected codes (never a 5xx), with the bodies when not. */
function assertCodes (results: LightMyRequestResponse[], allowed: number[]): void {
  const bad = results.filter((r) => !allowed.includes(r.statusCode))
  assert.deepEqual(bad.map((r) => `${r.statusCode} ${r.body}`), [])
}

describe('parallel writes to one plan keep dense positions (real parallelism on PostgreSQL)', () => {
  test('creates, moves and deletes of one day\'s items at once: dense, unique, counts agree', async () => {
    const plan = await createPlan(api(0), { name: 'Race', days: [{ name: 'A', items: Array.from({ length: 12 }, (_, i) => item(i)) }] })
    const day = plan.days[0]
    const base = `/plans/${plan.id}/days/${day.id}/items`
    const ids: string[] = day.items.map((i: any) => i.id)
    const creates = Array.from({ length: 12 }, (_, i) => async () =>
      await api(i).post(base, { ...item(i), ...(i % 3 === 0 ? { position: 0 } : i % 3 === 1 ? { position: i } : {}) }))
    // Items 0-5 are deleted, 0-2 twice; items 3-11 are moved (3-5 perhaps after their delete).
    const deletes = [0, 1, 2, 3, 4, 5, 0, 1, 2].map((n, i) => async () => await api(i + 1).delete(`${base}/${ids[n]}`))
    const moves = [3, 4, 5, 6, 7, 8, 9, 10, 11].map((n, i) => async () =>
      await api(i).patch(`${base}/${ids[n]}`, { position: (i * 5) % 14 }))
    const ops = [...creates, ...deletes, ...moves]
    const results = await runInterleaved(ops)
    const byKind = (from: number, to: number) => results.slice(from, to)
    const [created, deleted, moved] = [byKind(0, 12), byKind(12, 21), byKind(21, 30)]
    assertCodes(created, [201])
    assertCodes(deleted, [204, 404])
    assertCodes(moved.slice(0, 3), [200, 404])
    assertCodes(moved.slice(3), [200])
    // Each of items 0-5 was deleted exactly once.
    assert.equal(deleted.filter((r) => r.statusCode === 204).length, 6, statuses(deleted).join(','))
    const stored = (await api(0).get(`/plans/${plan.id}`)).json().days[0].items
    assertDense(stored)
    assert.equal(new Set(stored.map((i: any) => i.id)).size, stored.length)
    assert.equal(stored.length, 12 + created.length - 6)
    for (const r of created) assert.ok(stored.some((i: any) => i.id === r.json().id))
    for (const n of [0, 1, 2, 3, 4, 5]) assert.ok(!stored.some((i: any) => i.id === ids[n]))
  })

  test('creates, moves and deletes of one plan\'s days at once, with plan edits and starts: dense, counts agree', async () => {
    const plan = await createPlan(api(0), { name: 'Days', days: Array.from({ length: 7 }, (_, d) => ({ name: `D${d}`, items: [item(d)] })) })
    const ids: string[] = plan.days.map((d: any) => d.id)
    const base = `/plans/${plan.id}/days`
    const creates = Array.from({ length: 7 }, (_, i) => async () =>
      await api(i).post(base, { name: `New ${i}`, items: [item(i)], ...(i % 2 === 0 ? { position: 0 } : {}) }))
    const deletes = [0, 1, 2, 3, 0, 1].map((n, i) => async () => await api(i + 1).delete(`${base}/${ids[n]}`))
    const moves = [2, 3, 4, 5, 6].map((n, i) => async () => await api(i).patch(`${base}/${ids[n]}`, { position: (i * 3) % 10 }))
    // Other writes to the same plan, and starting one of its days, run among them (no deadlock, no 5xx).
    const others = [
      async () => await api(0).patch(`/plans/${plan.id}`, { name: 'Renamed' }),
      async () => await api(1).patch(`/plans/${plan.id}`, { isActive: true }),
      async () => await api(0).post(`${base}/${ids[6]}/start`, {}),
      async () => await api(1).post(`${base}/${ids[5]}/items`, item(9)),
      async () => await api(0).patch(`${base}/${ids[4]}/items/${plan.days[4].items[0].id}`, { position: 3 })
    ]
    const ops = [...creates, ...deletes, ...moves, ...others]
    const results = await runInterleaved(ops)
    const byKind = (from: number, to: number) => results.slice(from, to)
    const [created, deleted, moved, other] = [byKind(0, 7), byKind(7, 13), byKind(13, 18), byKind(18, 23)]
    assertCodes(created, [201])
    assertCodes(deleted, [204, 404])
    assertCodes(moved.slice(0, 2), [200, 404])
    assertCodes(moved.slice(2), [200])
    assertCodes(other, [200, 201])
    assert.equal(deleted.filter((r) => r.statusCode === 204).length, 4, statuses(deleted).join(','))
    const stored = (await api(0).get(`/plans/${plan.id}`)).json()
    assertDense(stored.days)
    for (const d of stored.days) assertDense(d.items)
    assert.equal(new Set(stored.days.map((d: any) => d.id)).size, stored.days.length)
    assert.equal(stored.days.length, 7 + 7 - 4)
    assert.deepEqual([stored.name, stored.isActive], ['Renamed', true])
    assert.equal(stored.days.find((d: any) => d.id === ids[5]).items.length, 2)
  })

  test('the same day or item create sent several times at once is stored once: one 201, the rest 200', async () => {
    const plan = await createPlan(api(0), { name: 'Replays', days: [{ name: 'A', items: [item(0)] }] })
    const day = { id: newId(), name: 'Twin', items: [item(1)] }
    const days = await Promise.all(Array.from({ length: 5 }, async (_, i) => await api(i).post(`/plans/${plan.id}/days`, day)))
    assert.deepEqual(statuses(days).sort(), [200, 200, 200, 200, 201], days.map((r) => r.body).join('\n'))
    const body = { id: newId(), ...item(2) }
    const items = await Promise.all(Array.from({ length: 5 }, async (_, i) =>
      await api(i).post(`/plans/${plan.id}/days/${plan.days[0].id}/items`, body)))
    assert.deepEqual(statuses(items).sort(), [200, 200, 200, 200, 201], items.map((r) => r.body).join('\n'))
    const stored = (await api(0).get(`/plans/${plan.id}`)).json()
    assert.deepEqual(stored.days.map((d: any) => d.items.length), [2, 1])
    assertDense(stored.days[0].items)
  })

  test('item and day writes racing a delete of their plan answer 2xx or 404, never 5xx', async () => {
    const plan = await createPlan(api(0), { name: 'Doomed', days: Array.from({ length: 4 }, (_, d) => ({ name: `D${d}`, items: [item(d), item(d + 1)] })) })
    const base = `/plans/${plan.id}/days`
    const ops = plan.days.flatMap((d: any, i: number) => [
      async () => await api(i).post(`${base}/${d.id}/items`, item(i)),
      async () => await api(i + 1).patch(`${base}/${d.id}/items/${d.items[1].id}`, { position: 0 }),
      async () => await api(i).delete(`${base}/${d.id}/items/${d.items[0].id}`),
      async () => await api(i + 1).patch(`${base}/${d.id}`, { position: 3 - i }),
      async () => await api(i).post(base, { name: `More ${i}` })
    ])
    ops.splice(ops.length / 2, 0, async () => await api(1).delete(`/plans/${plan.id}`))
    const results = await Promise.all(ops.map(async (op: () => Promise<LightMyRequestResponse>) => await op()))
    assertCodes(results, [200, 201, 204, 404])
    assert.equal((await api(0).get(`/plans/${plan.id}`)).statusCode, 404)
  })
})
