import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'
import { libraryEntry } from './helpers/plan-fixtures.js'
import { assertProblem } from './helpers/problem.js'

let t: TestApp
let me: ReturnType<typeof as>
let bobCustom: string
before(async () => {
  t = await createTestApp()
  me = as(t.app, await register(t.app))
  // Another user's custom exercise that would be a perfect squat: it must never reach our plans.
  const res = await as(t.app, await register(t.app)).post('/exercises', {
    name: 'A Barbell Squat', category: 'strength', primaryMuscles: ['quadriceps'], equipment: ['barbell'], level: 'beginner', mechanic: 'compound', force: 'push', tracking: 'weight_reps'
  })
  bobCustom = res.json().id
})
after(async () => { await t.close() })

const GYM = ['barbell', 'dumbbell', 'bench', 'cable', 'machine', 'pull_up_bar', 'ez_bar']
const MAJOR = [['chest'], ['lats', 'middle_back'], ['shoulders'], ['quadriceps'], ['hamstrings'], ['glutes'], ['biceps'], ['triceps']]

async function generate (input: object): Promise<any> {
  const res = await me.post('/plans/generate', { level: 'intermediate', equipment: GYM, sessionDurationMin: 60, ...input })
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}
const items = (plan: any): any[] => plan.days.flatMap((d: any) => d.items)
const isCardio = (item: any) => libraryEntry(item.exerciseId).category === 'cardio'
const repsOf = (item: any): [number, number] | undefined => item.reps !== null ? [item.reps, item.reps] : item.repsMin !== null ? [item.repsMin, item.repsMax] : undefined

describe('POST /plans/generate', () => {
  test('is deterministic and is not saved', async () => {
    for (const input of [{ goal: 'hypertrophy', daysPerWeek: 4 }, { goal: 'weight_loss', daysPerWeek: 3, focusMuscles: ['glutes'] }, { goal: 'general_fitness', daysPerWeek: 7, level: 'beginner' }]) {
      assert.deepEqual(await generate(input), await generate(input))
    }
    assert.equal((await me.get('/plans')).json().items.length, 0)
  })

  test('uses only the given equipment (body weight always), the level, and never another user\'s exercises', async () => {
    for (const equipment of [[], ['dumbbell'], ['kettlebell', 'bands'], ['barbell', 'bench'], GYM]) {
      for (const goal of ['strength', 'endurance']) {
        const plan = await generate({ goal, daysPerWeek: 3, equipment, level: 'beginner' })
        for (const item of items(plan)) {
          const ex = libraryEntry(item.exerciseId)
          assert.ok(ex.equipment.every((e: string) => e === 'body_only' || equipment.includes(e)), `${ex.name} needs ${ex.equipment.join()}`)
          assert.notEqual(ex.level, 'expert', ex.name)
          assert.notEqual(item.exerciseId, bobCustom)
        }
      }
    }
  })

  test('fits every day into the session length', async () => {
    for (const goal of ['strength', 'hypertrophy', 'endurance', 'weight_loss', 'general_fitness']) {
      for (const [daysPerWeek, sessionDurationMin] of [[1, 15], [3, 30], [5, 45], [7, 90]]) {
        const plan = await generate({ goal, daysPerWeek, sessionDurationMin })
        assert.equal(plan.days.length, daysPerWeek)
        for (const day of plan.days) {
          assert.ok(day.items.length > 0)
          assert.ok(day.estimatedDurationMin <= sessionDurationMin && !day.overBudget, `${goal} ${day.name}: ${day.estimatedDurationMin} > ${sessionDurationMin}`)
        }
      }
    }
  })

  test('spreads the days over the week', async () => {
    assert.deepEqual((await generate({ goal: 'strength', daysPerWeek: 3 })).days.map((d: any) => d.weekday), [1, 3, 5])
    assert.deepEqual((await generate({ goal: 'hypertrophy', daysPerWeek: 4 })).days.map((d: any) => d.name), ['Upper body A', 'Lower body A', 'Upper body B', 'Lower body B'])
  })

  test('strength: compound lifts first, low reps and long rests on every compound', async () => {
    for (const level of ['beginner', 'intermediate', 'expert']) {
      const plan = await generate({ goal: 'strength', daysPerWeek: 4, level })
      for (const day of plan.days) assert.equal(libraryEntry(day.items[0].exerciseId).mechanic, 'compound')
      const compounds = items(plan).filter((i) => libraryEntry(i.exerciseId).mechanic === 'compound' && repsOf(i) !== undefined)
      assert.ok(compounds.length >= plan.days.length * 2)
      for (const item of compounds) {
        assert.ok((repsOf(item) as [number, number])[1] <= 6 && item.restSec >= 150 && item.sets >= 3, JSON.stringify(item))
      }
      assert.ok(!items(plan).some(isCardio))
    }
  })

  test('hypertrophy: 6–12 reps and every major muscle on at least two days a week', async () => {
    for (const daysPerWeek of [2, 3, 4, 5, 6, 7]) {
      const plan = await generate({ goal: 'hypertrophy', daysPerWeek })
      for (const item of items(plan).filter((i) => repsOf(i) !== undefined)) {
        const [min, max] = repsOf(item) as [number, number]
        assert.ok(min >= 6 && max <= 12 && item.restSec >= 60 && item.restSec <= 120, JSON.stringify(item))
      }
      for (const group of MAJOR) {
        const days = plan.days.filter((d: any) => d.items.some((i: any) => libraryEntry(i.exerciseId).primaryMuscles.some((m: string) => group.includes(m))))
        assert.ok(days.length >= 2, `${daysPerWeek} days: ${group.join('/')} on ${days.length as number} day(s)`)
      }
    }
    const single = await generate({ goal: 'hypertrophy', daysPerWeek: 1, sessionDurationMin: 90 })
    for (const group of MAJOR) assert.ok(items(single).some((i) => libraryEntry(i.exerciseId).primaryMuscles.some((m: string) => group.includes(m))), group.join())
  })

  test('endurance and weight loss: higher reps, circuits and cardio every day', async () => {
    for (const goal of ['endurance', 'weight_loss']) {
      for (const equipment of [[], GYM]) {
        const plan = await generate({ goal, daysPerWeek: 4, sessionDurationMin: 45, equipment })
        for (const day of plan.days) {
          assert.ok(day.items.some(isCardio), `${goal} ${day.name as string} has no cardio`)
          const grouped = day.items.filter((i: any) => i.supersetGroup !== null)
          assert.ok(grouped.length >= 2, `${goal} ${day.name as string} has no superset`)
          for (const item of day.items.filter((i: any) => repsOf(i) !== undefined)) {
            assert.ok((repsOf(item) as [number, number])[0] >= 12 && item.restSec <= 60, JSON.stringify(item))
          }
        }
      }
    }
  })

  test('focus muscles get an extra exercise where time allows', async () => {
    const count = (plan: any) => items(plan).filter((i) => libraryEntry(i.exerciseId).primaryMuscles.includes('biceps')).length
    const input = { goal: 'general_fitness', daysPerWeek: 2, sessionDurationMin: 90 }
    assert.ok(count(await generate({ ...input, focusMuscles: ['biceps'] })) > count(await generate(input)))
  })

  test('a proposal POSTed to /plans is saved as is', async () => {
    const proposal = await generate({ goal: 'weight_loss', daysPerWeek: 3, focusMuscles: ['abdominals'] })
    const res = await me.post('/plans', proposal)
    assert.equal(res.statusCode, 201, res.body)
    const plan = res.json()
    assert.deepEqual(plan.days.map((d: any) => [d.name, d.weekday, d.estimatedDurationMin, d.overBudget]),
      proposal.days.map((d: any) => [d.name, d.weekday, d.estimatedDurationMin, d.overBudget]))
    const strip = (i: any) => { const { id, position, ...rest } = i; return rest }
    assert.deepEqual(items(plan).map(strip), items(proposal))
    assert.deepEqual([plan.goal, plan.exerciseTypes, plan.isActive], [proposal.goal, proposal.exerciseTypes, false])
  })

  test('rejects impossible input', async () => {
    assertProblem(await me.post('/plans/generate', { goal: 'strength', daysPerWeek: 8, sessionDurationMin: 60, equipment: [], level: 'beginner' }), 400)
    assertProblem(await me.post('/plans/generate', { goal: 'power', daysPerWeek: 3, sessionDurationMin: 60, equipment: [], level: 'beginner' }), 400)
    assertProblem(await me.post('/plans/generate', { goal: 'strength', daysPerWeek: 3, sessionDurationMin: 60, equipment: ['spaceship'], level: 'beginner' }), 400)
    assertProblem(await me.post('/plans/generate', { goal: 'strength', daysPerWeek: 3, sessionDurationMin: 5, equipment: [], level: 'beginner' }), 400)
  })
})
