import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { foldName } from '../src/modules/exercises/exercises.text.js'
import { CATEGORIES, EQUIPMENT, FORCES, LEVELS, MECHANICS, MUSCLES, TRACKING } from '../src/modules/exercises/exercises.vocabulary.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError } from './helpers/problem.js'

type Entry = typeof library[number]
let t: TestApp
let me: ReturnType<typeof as>
let other: ReturnType<typeof as>
const custom = (name: string, extra: object = {}) => ({ name, category: 'strength', primaryMuscles: ['chest'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps', ...extra })

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
  other = as(t.app, await register(t.app))
  for (const name of ['Développé couché', 'Zercher Bench Press', '100% Effort_Row']) assert.equal((await me.post('/exercises', custom(name))).statusCode, 201)
  assert.equal((await other.post('/exercises', custom('Developpe Secret'))).statusCode, 201)
})
after(async () => { await t.close() })

/** Every page of a list, following nextCursor. */
async function all (query: string, limit = 100): Promise<any[]> {
  const items: any[] = []
  let cursor: string | null = null
  do {
    const res = await me.get(`/exercises?${query}&limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`)
    assert.equal(res.statusCode, 200, res.body)
    items.push(...res.json().items)
    cursor = res.json().nextCursor
  } while (cursor !== null)
  return items
}
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id).sort()
const libraryIds = (keep: (e: Entry) => boolean) => library.filter(keep).map((e) => e.id).sort()
const names = async (query: string) => (await all(query)).map((e) => e.name)

describe('GET /exercises', () => {
  test('pages through the library and my own exercises, sorted by name, without duplicates or gaps', async () => {
    const items = await all('', 7)
    assert.equal(items.length, library.length + 3)
    assert.equal(new Set(ids(items)).size, items.length)
    const keys = items.map((e) => [foldName(e.name), e.id].join('\u0000'))
    assert.deepEqual(keys, [...keys].sort())
    const first = (await me.get('/exercises')).json()
    assert.equal(first.items.length, 20)
    assert.equal(typeof first.nextCursor, 'string')
    const bench = items.find((e) => e.name === 'Barbell Bench Press')
    assert.deepEqual(Object.keys(bench).sort(), ['archived', 'category', 'createdAt', 'description', 'equipment', 'force', 'id', 'instructions', 'isCustom', 'level', 'mechanic', 'name', 'primaryMuscles', 'secondaryMuscles', 'tracking', 'updatedAt'])
    assert.equal(bench.isCustom, false)
  })

  test('each filter alone matches the library data', async () => {
    assert.deepEqual(ids(await all('category=cardio')), libraryIds((e) => e.category === 'cardio'))
    assert.deepEqual(ids(await all('level=expert')), libraryIds((e) => e.level === 'expert'))
    assert.deepEqual(ids(await all('tracking=duration')), libraryIds((e) => e.tracking === 'duration'))
    assert.deepEqual(ids(await all('equipment=kettlebell')), libraryIds((e) => e.equipment.includes('kettlebell')))
    assert.deepEqual(ids(await all('muscle=lower_back')), libraryIds((e) => [...e.primaryMuscles, ...e.secondaryMuscles].includes('lower_back')))
    assert.deepEqual(ids(await all('custom=false')), libraryIds(() => true))
    assert.deepEqual((await names('custom=true')).sort(), ['100% Effort_Row', 'Développé couché', 'Zercher Bench Press'])
  })

  test('filters combine, and several values of one filter match any of them', async () => {
    const got = await all('category=strength&muscle=chest&equipment=dumbbell&level=beginner&tracking=weight_reps&custom=false')
    assert.deepEqual(ids(got), libraryIds((e) => e.category === 'strength' && e.level === 'beginner' && e.tracking === 'weight_reps' &&
      e.equipment.includes('dumbbell') && [...e.primaryMuscles, ...e.secondaryMuscles].includes('chest')))
    assert.ok(got.length > 0)
    assert.deepEqual(ids(await all('muscle=neck&muscle=calves&tracking=weight_reps')), libraryIds((e) => e.tracking === 'weight_reps' &&
      [...e.primaryMuscles, ...e.secondaryMuscles].some((m) => m === 'neck' || m === 'calves')))
    assert.deepEqual(await names('q=bench&custom=true'), ['Zercher Bench Press'])
  })

  test('q ignores case and accents both ways, and only sees my own custom exercises', async () => {
    assert.deepEqual(await names('q=developpe'), ['Développé couché'])
    assert.deepEqual(await names('q=DÉVELOPPÉ%20COU'), ['Développé couché'])
    const bench = library.filter((e) => e.name.toLowerCase().includes('bench press')).map((e) => e.name)
    assert.deepEqual((await names(`q=${encodeURIComponent('BÉNCH prèss')}&custom=false`)).sort(), bench.sort())
    assert.deepEqual(await names('q=barbell%20back%20squat'), ['Barbell Back Squat'])
    assert.deepEqual(await names('q=secret'), [])
  })

  test('q treats LIKE wildcards and backslashes as punctuation, never as patterns', async () => {
    assert.deepEqual(await names('q=100%25'), ['100% Effort_Row'])
    assert.deepEqual(await names('q=effort_ro'), ['100% Effort_Row'])
    assert.deepEqual(await names('q=effortrow'), ['100% Effort_Row'])
    assert.deepEqual(await names('q=ffort_row'), [])
    assert.deepEqual(await names('q=%25%25%25'), [])
    assert.deepEqual(await names('q=ort_ow'), [])
    assert.deepEqual(await names('q=%5C'), [])
    assert.equal((await all('q=')).length, library.length + 3)
  })

  test('values outside the vocabulary, bad limits and bad cursors are 400', async () => {
    for (const query of ['category=yoga', 'muscle=arms', 'equipment=sofa', 'level=pro', 'tracking=vibes', 'custom=maybe', 'limit=0', 'limit=101']) {
      const res = await me.get(`/exercises?${query}`)
      assert.equal(res.statusCode, 400, query)
    }
    assertFieldError(await me.get('/exercises?cursor=nonsense'), '/cursor')
    assertFieldError(await me.get(`/exercises?cursor=${Buffer.from('[1,2]').toString('base64url')}`), '/cursor')
  })
})

describe('GET /exercises/vocabulary', () => {
  test('answers every closed vocabulary', async () => {
    const res = await me.get('/exercises/vocabulary')
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), {
      categories: [...CATEGORIES], muscles: [...MUSCLES], equipment: [...EQUIPMENT], levels: [...LEVELS], mechanics: [...MECHANICS], forces: [...FORCES], tracking: [...TRACKING]
    })
  })

  test('needs a token', async () => {
    assert.equal((await as(t.app, undefined).get('/exercises/vocabulary')).statusCode, 401)
    assert.equal((await as(t.app, undefined).get('/exercises')).statusCode, 401)
  })
})
