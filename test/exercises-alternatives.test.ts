import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { newId } from '../src/lib/ids.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertProblem } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bob: ReturnType<typeof as>
const ids: Record<string, string> = {}

/** Neck and biceps as primary muscles with distance tracking: no library entry competes with these. */
const SCENARIO: Array<[string, object]> = [
  ['Base Carry', { primaryMuscles: ['neck', 'biceps'], secondaryMuscles: ['shoulders'], equipment: ['plate'] }],
  ['Echo Same Muscles', { primaryMuscles: ['neck', 'biceps'], secondaryMuscles: ['shoulders'], equipment: ['dumbbell'] }], // 3+3+1 = 7
  ['Bravo Mixed', { primaryMuscles: ['neck'], secondaryMuscles: ['biceps', 'shoulders'], equipment: ['plate'] }], // 3+1+1 = 5, plate
  ['Alpha Mixed', { primaryMuscles: ['biceps'], secondaryMuscles: ['neck', 'shoulders'], equipment: ['plate'] }], // 5, plate
  ['Delta One', { primaryMuscles: ['neck'], secondaryMuscles: [], equipment: ['plate', 'bench'] }], // 3, plate
  ['Charlie One', { primaryMuscles: ['neck'], secondaryMuscles: [], equipment: ['dumbbell'] }], // 3
  ['Secondary Only', { primaryMuscles: ['shoulders'], secondaryMuscles: ['neck', 'biceps'], equipment: ['plate'] }],
  ['Other Tracking', { primaryMuscles: ['neck', 'biceps'], equipment: ['plate'], tracking: 'duration' }],
  ['Archived Twin', { primaryMuscles: ['neck', 'biceps'], secondaryMuscles: ['shoulders'], equipment: ['plate'] }]
]

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
  bob = as(t.app, await register(t.app))
  for (const [name, fields] of SCENARIO) {
    const res = await me.post('/exercises', { name, category: 'strongman', level: 'beginner', tracking: 'distance_duration', ...fields })
    assert.equal(res.statusCode, 201, res.body)
    ids[name] = res.json().id
  }
  assert.equal((await me.delete(`/exercises/${ids['Archived Twin']}`)).statusCode, 204)
  const res = await bob.post('/exercises', { name: 'Bob Twin', category: 'strongman', level: 'beginner', tracking: 'distance_duration', ...SCENARIO[0][1] })
  assert.equal(res.statusCode, 201, res.body)
})
after(async () => { await t.close() })

async function alternatives (id: string, query = ''): Promise<any[]> {
  const res = await me.get(`/exercises/${id}/alternatives${query}`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json().items
}
const mine = (items: any[]) => items.filter((e) => e.isCustom).map((e) => e.name)

describe('GET /exercises/{id}/alternatives', () => {
  test('ranks by shared muscles (primary above secondary), then shared equipment, then name', async () => {
    assert.deepEqual(mine(await alternatives(ids['Base Carry'], '?limit=50')), ['Echo Same Muscles', 'Alpha Mixed', 'Bravo Mixed', 'Delta One', 'Charlie One'])
  })

  test('narrows to exercises whose equipment all lies within the given set', async () => {
    assert.deepEqual(mine(await alternatives(ids['Base Carry'], '?equipment=plate')), ['Alpha Mixed', 'Bravo Mixed'])
    assert.deepEqual(mine(await alternatives(ids['Base Carry'], '?equipment=plate&equipment=bench')), ['Alpha Mixed', 'Bravo Mixed', 'Delta One'])
    assert.deepEqual(mine(await alternatives(ids['Base Carry'], '?equipment=dumbbell')), ['Echo Same Muscles', 'Charlie One'])
    assert.deepEqual(await alternatives(ids['Base Carry'], '?equipment=kettlebell'), [])
  })

  test('limit defaults to 10 and caps the answer', async () => {
    const top = await alternatives(ids['Base Carry'], '?limit=2')
    assert.deepEqual(top.map((e) => e.name), ['Echo Same Muscles', 'Alpha Mixed'])
    const bench = library.find((e) => e.name === 'Barbell Bench Press')!
    assert.equal((await alternatives(bench.id)).length, 10)
    for (const query of ['?limit=0', '?limit=51', '?equipment=sofa']) assertProblem(await me.get(`/exercises/${bench.id}/alternatives${query}`), 400)
  })

  test('library alternatives share a primary muscle and the tracking, and fit the equipment at hand', async () => {
    const bench = library.find((e) => e.name === 'Barbell Bench Press')!
    const items = await alternatives(bench.id, '?equipment=dumbbell&equipment=bench&limit=50')
    assert.ok(items.some((e) => e.name === 'Dumbbell Bench Press'), JSON.stringify(items.map((e) => e.name)))
    for (const e of items) {
      assert.notEqual(e.id, bench.id)
      assert.equal(e.tracking, bench.tracking)
      assert.ok(e.primaryMuscles.some((m: string) => bench.primaryMuscles.includes(m)), e.name)
      assert.ok(e.equipment.every((q: string) => ['dumbbell', 'bench'].includes(q)), e.name)
    }
  })

  test('an archived exercise still has alternatives; unknown and foreign ids are 404', async () => {
    assert.equal((await alternatives(ids['Archived Twin'], '?limit=50'))[0].name, 'Base Carry')
    assertProblem(await me.get(`/exercises/${newId()}/alternatives`), 404)
    assertProblem(await bob.get(`/exercises/${ids['Base Carry']}/alternatives`), 404)
  })
})
