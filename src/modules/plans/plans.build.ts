import type { Insertable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { BadRequestError, type FieldError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { exercisesRepository, type ExerciseRow } from '../exercises/exercises.repository.js'
import { CATEGORIES, type Category, type Tracking } from '../exercises/exercises.vocabulary.js'
import { DEFAULT_REST_SEC, DEFAULT_SETS, type ItemInput } from './plans.schemas.js'
import type { PlanDaysTable, PlanItemsTable } from './plans.tables.js'
import { ruleErrors, ruleOf, ruleText } from './plans.progression.js'
import { exerciseError, targetErrors, type Targets } from './plans.targets.js'

/** The fields of an item as a create gives them (nested or on its own). */
export type ItemLike = Omit<ItemInput, 'position'>
export interface DayLike { id?: string, name: string, weekday?: number | null, items?: ItemLike[] }

export const targetsOf = (i: Partial<Record<keyof Targets, number | null>>): Targets => ({
  reps: i.reps ?? null,
  repsMin: i.repsMin ?? null,
  repsMax: i.repsMax ?? null,
  weightKg: i.weightKg ?? null,
  durationSec: i.durationSec ?? null,
  distanceM: i.distanceM ?? null
})

export function fail (errors: FieldError[]): never {
  throw new BadRequestError(errors.map((e) => `${e.path} ${e.message}`).join('; '), errors)
}

export function throwIfAny (errors: FieldError[]): void {
  if (errors.length > 0) fail(errors)
}

/**
 * Checks every item of a create at once: its exercise must be visible to the caller and not
 * deleted, and its targets must fit that exercise's tracking. All problems come back in one 400.
 */
export async function checkItems (
  db: Db,
  userId: string,
  entries: Array<{ item: ItemLike, path: string }>
): Promise<ExerciseRow[]> {
  const rows = await exercisesRepository.findVisibleMany(db, userId, entries.map((e) => e.item.exerciseId))
  const errors: FieldError[] = []
  for (const { item, path } of entries) {
    const row = rows.get(item.exerciseId)
    const problem = exerciseError(row, path)
    if (problem !== undefined) errors.push(problem)
    else errors.push(...itemErrors((row as ExerciseRow).tracking as Tracking, item, path))
  }
  throwIfAny(errors)
  return [...rows.values()]
}

/** An item's targets, rule and warm-ups against its exercise's tracking. */
function itemErrors (tracking: Tracking, item: ItemLike, path: string): FieldError[] {
  const targets = targetsOf(item)
  return [
    ...targetErrors(tracking, targets, path),
    ...ruleErrors(tracking, targets, ruleOf(item.progression), item.warmupSets ?? false, path)
  ]
}

/** The same client id twice in one body would otherwise surface as a confusing 409. */
export function duplicateIdErrors (days: DayLike[], dayPath: (d: number) => string): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  const see = (id: string | undefined, path: string): void => {
    if (id === undefined) return
    if (seen.has(id)) errors.push({ path: `${path}/id`, message: 'is used twice in this request' })
    seen.add(id)
  }
  days.forEach((day, d) => {
    see(day.id, dayPath(d))
    day.items?.forEach((item, i) => { see(item.id, `${dayPath(d)}/items/${i}`) })
  })
  return errors
}

export const categoriesOf = (rows: ExerciseRow[]): Category[] =>
  CATEGORIES.filter((c) => rows.some((r) => r.category === c))

export interface Owner { userId: string, planId: string }

export function itemRow (item: ItemLike, at: Owner & { dayId: string }, position: number): Insertable<PlanItemsTable> {
  const t = targetsOf(item)
  return {
    id: item.id ?? newId(),
    day_id: at.dayId,
    plan_id: at.planId,
    user_id: at.userId,
    exercise_id: item.exerciseId,
    position,
    sets: item.sets ?? DEFAULT_SETS,
    reps: t.reps,
    reps_min: t.repsMin,
    reps_max: t.repsMax,
    weight_kg: t.weightKg,
    duration_sec: t.durationSec,
    distance_m: t.distanceM,
    rest_sec: item.restSec ?? DEFAULT_REST_SEC,
    superset_group: item.supersetGroup ?? null,
    notes: item.notes ?? null,
    progression: ruleText(ruleOf(item.progression)),
    warmup_sets: item.warmupSets === true ? 1 : 0
  }
}

/** Rows for days (from `first` on) and their items, ready to insert. */
export function dayRows (
  days: DayLike[],
  at: Owner,
  first: number
): { days: Array<Insertable<PlanDaysTable>>, items: Array<Insertable<PlanItemsTable>> } {
  const rows = { days: [] as Array<Insertable<PlanDaysTable>>, items: [] as Array<Insertable<PlanItemsTable>> }
  days.forEach((day, d) => {
    const dayId = day.id ?? newId()
    rows.days.push({
      id: dayId,
      plan_id: at.planId,
      user_id: at.userId,
      name: day.name,
      position: first + d,
      weekday: day.weekday ?? null
    })
    day.items?.forEach((item, i) => { rows.items.push(itemRow(item, { ...at, dayId }, i)) })
  })
  return rows
}
