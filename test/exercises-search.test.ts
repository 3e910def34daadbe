import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import library from '../src/modules/exercises/library/exercises.json' with { type: 'json' }
import { matchRank, searchWords, words } from '../src/lib/search-text.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { assertFieldError } from './helpers/problem.js'

// Word search (API.md, Exercises): every word of q starts a word of the name or of an alias, in
// any order, ignoring case, accents and punctuation; a hyphen both separates and joins; best first.

let t: TestApp
let me: ReturnType<typeof as>
let other: ReturnType<typeof as>
const custom = (name: string) => ({ name, category: 'strength', primaryMuscles: ['chest'], equipment: ['dumbbell'], level: 'beginner', tracking: 'weight_reps' })

before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
  other = as(t.app, await register(t.app))
  for (const name of ['Développé Couché Haltères', 'Row Row Row Your Boat', 'Zottman Curl']) {
    assert.equal((await me.post('/exercises', custom(name))).statusCode, 201)
  }
  assert.equal((await other.post('/exercises', custom('Zottman Secret Row'))).statusCode, 201)
})
after(async () => { await t.close() })

async function page (query: string): Promise<{ items: any[], nextCursor: string | null }> {
  const res = await me.get(`/exercises?${query}`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}
const names = async (q: string, extra = '') => (await page(`q=${encodeURIComponent(q)}&limit=100${extra}`)).items.map((e) => e.name)

/** The oracle: the library (and my custom names) filtered by the rule, in the documented order. */
function expected (q: string, extra: string[] = []): string[] {
  const query = words(q)
  const all = [...library.map((e) => ({ name: e.name, words: searchWords([e.name, ...e.aliases ?? []]) })),
    ...extra.map((name) => ({ name, words: searchWords([name]) }))]
  return all.filter((e) => query.every((w) => e.words.includes(` ${w}`)))
    .map((e) => ({ name: e.name, rank: matchRank(query, e.name), key: words(e.name).join(' ') }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => e.name)
}

describe('GET /exercises?q= (word search)', () => {
  test('the issue\'s example: barbell row finds Barbell Bent-Over Row, in any order', async () => {
    for (const q of ['barbell row', 'row barbell', 'ROW  barb', 'bar bent row']) {
      assert.ok((await names(q)).includes('Barbell Bent-Over Row'), q)
    }
    assert.deepEqual(await names('row barbell'), await names('barbell row'))
    assert.ok(!(await names('barbell row')).includes('Barbell Deadlift'))
  })

  test('a hyphen both separates and joins: pull up, pull-up and pullup all find Pull-Up', async () => {
    for (const q of ['pull up', 'pull-up', 'pullup', 'Pull–Up', 'up pull']) assert.equal((await names(q))[0], 'Pull-Up', q)
    for (const q of ['bent-over', 'bentover', 'bent over']) assert.ok((await names(q)).includes('Barbell Bent-Over Row'), q)
    assert.deepEqual(await names('farmers walk'), ['Farmer\'s Walk'])
    assert.deepEqual(await names('farmer\'s'), ['Farmer\'s Walk'])
  })

  test('words match only at their start', async () => {
    assert.ok((await names('row')).includes('Pendlay Row'))
    assert.ok(!(await names('ow')).includes('Pendlay Row'))
    assert.deepEqual(await names('endlay'), [])
    assert.deepEqual(await names('rowx'), [])
  })

  test('accents and case are ignored both ways, my custom exercises are searched, nobody else\'s', async () => {
    assert.deepEqual(await names('developpe'), ['Développé Couché Haltères'])
    assert.deepEqual(await names('HALTERES dévelop'), ['Développé Couché Haltères'])
    assert.deepEqual(await names('zottman'), ['Zottman Curl'])
    assert.deepEqual(await names('secret'), [])
    assert.deepEqual(await names('zottman', '&custom=false'), [])
  })

  test('aliases find library exercises, after exercises that match by name', async () => {
    assert.deepEqual(await names('rdl'), ['Dumbbell Romanian Deadlift', 'Romanian Deadlift'])
    assert.deepEqual(await names('ohp'), ['Barbell Overhead Press'])
    assert.equal((await names('military press'))[0], 'Barbell Overhead Press')
    const dip = await names('dip')
    assert.deepEqual(dip, ['Bench Dip', 'Parallel Bar Dip', 'Ring Dip', 'Seated Dip Machine'])
  })

  test('best match first: the whole name, then its start, then its words, then aliases; ties by name', async () => {
    assert.deepEqual(await names('row'), expected('row', ['Row Row Row Your Boat']))
    const row = await names('row')
    assert.equal(row[0], 'Row Row Row Your Boat')
    assert.ok(row.indexOf('Rowing Machine') < row.indexOf('Pendlay Row'))
    assert.deepEqual(await names('bench press'), expected('bench press'))
    assert.deepEqual((await names('bench press')).slice(0, 2), ['Barbell Bench Press', 'Close-Grip Bench Press'])
    assert.deepEqual((await names('bench')).slice(0, 2), ['Bench Dip', 'Barbell Bench Press'])
    assert.deepEqual(await names('squat'), expected('squat'))
    assert.deepEqual(await names('curl'), expected('curl', ['Zottman Curl']))
    assert.deepEqual(await names('push press'), ['Push Press'])
    assert.deepEqual((await names('push')).slice(0, 3), ['Push Press', 'Push-Up', 'Cable Triceps Pushdown'])
    assert.deepEqual(await names('pullup'), ['Pull-Up'])
    assert.deepEqual((await names('leg press')), ['Leg Press', 'Leg Press Calf Raise', 'Seated Leg Press'])
  })

  test('pages follow the ranked order without gaps or duplicates', async () => {
    for (const q of ['row', 'press', 'b', 'curl']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const res = await page(`q=${q}&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`)
        assert.ok(res.items.length <= 3)
        seen.push(...res.items.map((e) => e.name))
        cursor = res.nextCursor
      } while (cursor !== null)
      assert.deepEqual(seen, await names(q), q)
      assert.equal(new Set(seen).size, seen.length)
    }
  })

  test('a query without letters or digits finds nothing; a cursor of the other order is 400', async () => {
    assert.deepEqual(await names('%%% -'), [])
    assert.equal((await page('q=%20%20&limit=100')).items.length, 100)
    const plain = (await page('limit=2')).nextCursor ?? ''
    assertFieldError(await me.get(`/exercises?q=row&cursor=${plain}`), '/cursor')
    const ranked = (await page('q=row&limit=2')).nextCursor ?? ''
    assertFieldError(await me.get(`/exercises?cursor=${ranked}`), '/cursor')
    assertFieldError(await me.get(`/exercises?q=row&cursor=${Buffer.from('["1","a","b"]').toString('base64url')}`), '/cursor')
  })
})
