import type { Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { claimId, ID_IN_USE, retryTransient } from '../../lib/client-id.js'
import { BadRequestError, ConflictError, NotFoundError, type FieldError } from '../../lib/errors.js'
import type { Created } from '../../lib/replies.js'
import { exercisesRepository } from '../exercises/exercises.repository.js'
import type { Tracking } from '../exercises/exercises.vocabulary.js'
import { planPartsRepository as parts } from './plan-parts.repository.js'
import { checkItems, dayRows, duplicateIdErrors, fail, itemRow, targetsOf, throwIfAny } from './plans.build.js'
import { PLAN_DAYS, PLAN_ITEMS, positions } from '../../lib/positions.js'
import type { DayRow, ItemRow } from './plans.repository.js'
import { plansRepository } from './plans.repository.js'
import {
  MAX_DAYS,
  MAX_ITEMS,
  type DayInput,
  type DayPatch,
  type ItemInput,
  type ItemPatch,
  type NextTargetsDto,
  type PlanDayDto,
  type PlanItemDto
} from './plans.schemas.js'
import type { PlansService } from './plans.service.js'
import type { PlanItemsTable } from './plans.tables.js'
import { upcomingTargets } from './plans.upcoming.js'
import { parseRule, ruleErrors, ruleOf, ruleText } from './plans.progression.js'
import { exerciseError, TARGET_FIELDS, targetErrors } from './plans.targets.js'

const COLUMNS = {
  reps: 'reps',
  repsMin: 'reps_min',
  repsMax: 'reps_max',
  weightKg: 'weight_kg',
  durationSec: 'duration_sec',
  distanceM: 'distance_m'
} as const

/** A plan's days and their items: dense positions, client-id replays, and a touch of the plan on every change. */
export class PlanPartsService {
  constructor (private readonly db: Db, private readonly plans: PlansService) {}

  /**
   * One write to a plan's days or items: a transaction that first locks the plan (the lock
   * order is on plansRepository.lock), then reads what it changes (the day, the item, sibling
   * positions), so concurrent writes to one plan see each other's commits. 404 `missing` when the
   * plan is not the user's. The answer is read in the same transaction: nothing else can change
   * the plan before it commits, and a concurrent delete cannot leave it without a body.
   */
  private async write<T> (userId: string, planId: string, missing: string, fn: (trx: Db) => Promise<T>): Promise<T> {
    return await retryTransient(async () => await this.db.transaction().execute(async (trx) => {
      if (!await plansRepository.lock(trx, userId, planId)) throw new NotFoundError(missing)
      return await fn(trx)
    }))
  }

  private async day (db: Db, userId: string, planId: string, dayId: string): Promise<DayRow> {
    const day = await parts.findDay(db, userId, planId, dayId)
    if (day === undefined) throw new NotFoundError('Plan day')
    return day
  }

  private async item (db: Db, userId: string, dayId: string, itemId: string): Promise<ItemRow> {
    const item = await parts.findItem(db, userId, dayId, itemId)
    if (item === undefined) throw new NotFoundError('Plan item')
    return item
  }

  // Answers are read back through the plan, so estimates and overBudget are computed in one place.
  private async dayDto (db: Db, userId: string, planId: string, dayId: string): Promise<PlanDayDto> {
    return (await plansRepository.load(db, userId, planId))?.days.find((d) => d.id === dayId) as PlanDayDto
  }

  /** A day of the user's plan, or undefined (another user's plan, or no such day). */
  async findDayDto (userId: string, planId: string, dayId: string): Promise<PlanDayDto | undefined> {
    const plan = await inSnapshot(this.db, async (trx) => await plansRepository.load(trx, userId, planId))
    return plan?.days.find((d) => d.id === dayId)
  }

  /** What the next start of a day would set (GET …/next), read in one snapshot; undefined when not the user's. */
  async nextForDay (userId: string, planId: string, dayId: string): Promise<NextTargetsDto | undefined> {
    return await inSnapshot(this.db, async (trx) => {
      const day = (await plansRepository.load(trx, userId, planId))?.days.find((d) => d.id === dayId)
      return day === undefined ? undefined : { items: await upcomingTargets(trx, userId, day) }
    })
  }

  private async itemDto (db: Db, userId: string, planId: string, dayId: string, itemId: string): Promise<PlanItemDto> {
    return (await this.dayDto(db, userId, planId, dayId)).items.find((i) => i.id === itemId) as PlanItemDto
  }

  async addDay (userId: string, planId: string, body: DayInput): Promise<Created<PlanDayDto>> {
    return await this.write(userId, planId, 'Plan', async (trx) => {
      // Decided under the lock: a concurrent twin of this create has committed by now (replay).
      if (body.id !== undefined) {
        const at = await parts.dayOf(trx, body.id)
        if (claimId(at && { userId: at.user_id, parentId: at.plan_id }, userId, planId) === 'replay') {
          return { body: await this.dayDto(trx, userId, planId, body.id), created: false }
        }
      }
      throwIfAny(duplicateIdErrors([body], () => ''))
      await checkItems(trx, userId, (body.items ?? []).map((item, i) => ({ item, path: `/items/${i}` })))
      if (await positions.count(trx, PLAN_DAYS, planId) >= MAX_DAYS) {
        throw new BadRequestError(`A plan holds at most ${MAX_DAYS} days`)
      }
      const position = await positions.insertAt(trx, PLAN_DAYS, planId, body.position)
      const rows = dayRows([body], { userId, planId }, position)
      if (await plansRepository.insertDays(trx, rows.days) < 1) throw new ConflictError(ID_IN_USE)
      if (await plansRepository.insertItems(trx, rows.items) < rows.items.length) throw new ConflictError(ID_IN_USE)
      await this.plans.touch(trx, userId, planId)
      return { body: await this.dayDto(trx, userId, planId, rows.days[0].id as string), created: true }
    })
  }

  async updateDay (userId: string, planId: string, dayId: string, body: DayPatch): Promise<PlanDayDto> {
    return await this.write(userId, planId, 'Plan day', async (trx) => {
      const day = await this.day(trx, userId, planId, dayId)
      const position = body.position === undefined
        ? day.position
        : await positions.moveTo(trx, PLAN_DAYS, planId, day.id, day.position, body.position)
      await parts.updateDay(trx, dayId, {
        name: body.name ?? day.name,
        weekday: body.weekday === undefined ? day.weekday : body.weekday,
        position
      })
      await this.plans.touch(trx, userId, planId)
      return await this.dayDto(trx, userId, planId, dayId)
    })
  }

  async removeDay (userId: string, planId: string, dayId: string): Promise<void> {
    await this.write(userId, planId, 'Plan day', async (trx) => {
      const day = await this.day(trx, userId, planId, dayId)
      await parts.deleteDay(trx, dayId)
      await positions.close(trx, PLAN_DAYS, planId, day.position)
      await this.plans.touch(trx, userId, planId)
    })
  }

  async addItem (userId: string, planId: string, dayId: string, body: ItemInput): Promise<Created<PlanItemDto>> {
    return await this.write(userId, planId, 'Plan day', async (trx) => {
      await this.day(trx, userId, planId, dayId)
      if (body.id !== undefined) {
        const at = await parts.itemOf(trx, body.id)
        if (claimId(at && { userId: at.user_id, parentId: at.day_id }, userId, dayId) === 'replay') {
          return { body: await this.itemDto(trx, userId, planId, dayId, body.id), created: false }
        }
      }
      await checkItems(trx, userId, [{ item: body, path: '' }])
      if (await positions.count(trx, PLAN_ITEMS, dayId) >= MAX_ITEMS) {
        throw new BadRequestError(`A day holds at most ${MAX_ITEMS} items`)
      }
      const row = itemRow(
        body,
        { userId, planId, dayId },
        await positions.insertAt(trx, PLAN_ITEMS, dayId, body.position)
      )
      if (await plansRepository.insertItems(trx, [row]) < 1) throw new ConflictError(ID_IN_USE)
      await this.plans.touch(trx, userId, planId)
      return { body: await this.itemDto(trx, userId, planId, dayId, row.id as string), created: true }
    })
  }

  /** Merges the change into the stored item and checks the result as a whole against the (new) exercise. */
  async updateItem (
    userId: string,
    planId: string,
    dayId: string,
    itemId: string,
    body: ItemPatch
  ): Promise<PlanItemDto> {
    return await this.write(userId, planId, 'Plan day', async (trx) => {
      await this.day(trx, userId, planId, dayId)
      const item = await this.item(trx, userId, dayId, itemId)
      const exerciseId = body.exerciseId ?? item.exercise_id
      const exercise = await exercisesRepository.findVisible(trx, userId, exerciseId)
      // An item may keep a since-deleted exercise; only a new choice must be usable.
      if (exercise === undefined || (exerciseId !== item.exercise_id && exercise.archived_at !== null)) {
        fail([exerciseError(exercise, '') as FieldError])
      }
      const merged = targetsOf(Object.fromEntries(TARGET_FIELDS.map((f) =>
        [f, body[f] === undefined ? item[COLUMNS[f]] : body[f]])))
      const rule = body.progression === undefined ? parseRule(item.progression) : ruleOf(body.progression)
      const warmupSets = body.warmupSets ?? item.warmup_sets === 1
      throwIfAny([
        ...targetErrors(exercise.tracking as Tracking, merged, ''),
        ...ruleErrors(exercise.tracking as Tracking, merged, rule, warmupSets, '')
      ])
      const changes: Updateable<PlanItemsTable> = {
        exercise_id: exerciseId,
        sets: body.sets,
        rest_sec: body.restSec,
        superset_group: body.supersetGroup,
        notes: body.notes,
        progression: ruleText(rule),
        warmup_sets: warmupSets ? 1 : 0,
        ...Object.fromEntries(TARGET_FIELDS.map((f) => [COLUMNS[f], merged[f]]))
      }
      if (body.position !== undefined) {
        changes.position = await positions.moveTo(trx, PLAN_ITEMS, dayId, item.id, item.position, body.position)
      }
      await parts.updateItem(trx, itemId, changes)
      await this.plans.touch(trx, userId, planId)
      return await this.itemDto(trx, userId, planId, dayId, itemId)
    })
  }

  async removeItem (userId: string, planId: string, dayId: string, itemId: string): Promise<void> {
    await this.write(userId, planId, 'Plan day', async (trx) => {
      await this.day(trx, userId, planId, dayId)
      const item = await this.item(trx, userId, dayId, itemId)
      await parts.deleteItem(trx, itemId)
      await positions.close(trx, PLAN_ITEMS, dayId, item.position)
      await this.plans.touch(trx, userId, planId)
    })
  }
}
