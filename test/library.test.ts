import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { newId } from '../src/lib/ids.js'
import { loadExerciseLibrary, parseLibrary } from '../src/modules/exercises/exercises.library.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'

let t: TestApp
let me: ReturnType<typeof as>
const copy = () => structuredClone(library) as any[]
const load = async (data: unknown = library) => await loadExerciseLibrary(t.app.database.db, data)
const count = async () => Number((await t.app.database.db.selectFrom('exercises').select((eb) => eb.fn.countAll().as('n')).where('owner_id', 'is', null).executeTakeFirstOrThrow()).n)
const entry = (name: string) => ({ ...library[0], id: newId(), name })

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
})
after(async () => { await t.close() })

describe('exercise library loader', () => {
  test('the app loaded the whole library at start, and a second load changes nothing', async () => {
    assert.equal(await count(), library.length)
    assert.deepEqual(await load(), { total: library.length, inserted: 0, updated: 0, unchanged: library.length, skipped: [] })
  })

  test('a changed description updates the stored row in place; loading the same data again is a no-op', async () => {
    const before = (await me.get(`/exercises/${library[1].id}`)).json()
    const changed = copy()
    changed[1].description = 'A brand new description.'
    assert.deepEqual(await load(changed), { total: library.length, inserted: 0, updated: 1, unchanged: library.length - 1, skipped: [] })
    const after = (await me.get(`/exercises/${library[1].id}`)).json()
    assert.deepEqual({ ...after, updatedAt: 0 }, { ...before, description: 'A brand new description.', updatedAt: 0 })
    assert.ok(after.updatedAt >= before.updatedAt)
    assert.equal(after.createdAt, before.createdAt)
    assert.equal((await load(changed)).updated, 0)
    assert.equal((await load()).updated, 1)
    assert.equal((await me.get(`/exercises/${library[1].id}`)).json().description, library[1].description)
  })

  test('a renamed entry is found by its new name', async () => {
    const changed = copy()
    changed[2].name = 'Zzyzx Ünique Lift'
    assert.equal((await load(changed)).updated, 1)
    assert.deepEqual((await me.get('/exercises?q=zzyzx%20unique')).json().items.map((e: any) => e.id), [library[2].id])
    await load()
    assert.deepEqual((await me.get('/exercises?q=zzyzx')).json().items, [])
  })

  test('new entries are inserted, and entries missing from the data are never deleted', async () => {
    const extra = entry('Brand New Library Lift')
    assert.deepEqual(await load([...copy(), extra]), { total: library.length + 1, inserted: 1, updated: 0, unchanged: library.length, skipped: [] })
    assert.equal((await me.get(`/exercises/${extra.id}`)).json().isCustom, false)
    assert.deepEqual(await load(copy().slice(0, 5)), { total: 5, inserted: 0, updated: 0, unchanged: 5, skipped: [] })
    assert.equal(await count(), library.length + 1)
  })

  test('concurrent loads insert each entry once', async () => {
    const data = [...copy(), entry('Concurrent Lift A'), entry('Concurrent Lift B')]
    const reports = await Promise.all([load(data), load(data), load(data)])
    assert.equal(reports.reduce((sum, r) => sum + r.inserted, 0), 2)
    for (const r of reports) assert.equal(r.inserted + r.updated + r.unchanged, data.length)
    assert.equal(await count(), library.length + 3)
  })

  test('an entry whose id belongs to a custom exercise is reported and skipped', async () => {
    const id = newId()
    assert.equal((await me.post('/exercises', { id, name: 'My Own', category: 'strength', primaryMuscles: ['chest'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps' })).statusCode, 201)
    const report = await load([...copy(), { ...entry('Hijack'), id }])
    assert.deepEqual(report.skipped, [{ id, name: 'Hijack', reason: 'id already belongs to a custom exercise' }])
    assert.equal(report.inserted + report.updated, 0)
    const mine = (await me.get(`/exercises/${id}`)).json()
    assert.equal(mine.name, 'My Own')
    assert.equal(mine.isCustom, true)
  })

  test('invalid data is refused before anything is written', async () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ not: 'an array' }, /invalid/],
      [[{ ...library[0], primaryMuscles: ['arms'] }], /\/0\/primaryMuscles\/0/],
      [[{ ...library[0], colour: 'red' }], /\/0/],
      [[{ ...library[0], id: 'nope' }], /\/0\/id/],
      [[library[0], { ...library[1], id: library[0].id }], /duplicate id/]
    ]
    for (const [data, message] of bad) {
      assert.throws(() => parseLibrary(data), message)
      await assert.rejects(load(data), message)
    }
    assert.equal(await count(), library.length + 3)
  })

  test('the shipped file is valid and its ids are unique', () => {
    assert.equal(parseLibrary(library).length, library.length)
  })
})
