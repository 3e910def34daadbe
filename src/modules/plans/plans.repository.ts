import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import { afterCursor, type CursorKey } from '../../lib/pagination.js'
import { toExerciseRef, type ExerciseRow } from '../exercises/exercises.repository.js'
import type { Category } from '../exercises/exercises.vocabulary.js'
import { estimateDayMin } from './plans.estimate.js'
import { parseRule } from './plans.progression.js'
import type { Goal, PlanDayDto, PlanDto, PlanItemDto } from './plans.schemas.js'
import type { PlanDaysTable, PlanItemsTable, PlansTable } from './plans.tables.js'

export type PlanRow = Selectable<PlansTable>
export type DayRow = Selectable<PlanDaysTable>
export type ItemRow = Selectable<PlanItemsTable>

type ItemWithExercise = ItemRow & { exercise_name: string, exercise_tracking: string }

const toItem = (r: ItemWithExercise): PlanItemDto => ({
  id: r.id,
  exerciseId: r.exercise_id,
  exercise: toExerciseRef({ id: r.exercise_id, name: r.exercise_name, tracking: r.exercise_tracking }),
  position: r.position,
  sets: r.sets,
  reps: r.reps,
  repsMin: r.reps_min,
  repsMax: r.reps_max,
  weightKg: r.weight_kg,
  durationSec: r.duration_sec,
  distanceM: r.distance_m,
  restSec: r.rest_sec,
  supersetGroup: r.superset_group,
  notes: r.notes,
  progression: parseRule(r.progression),
  warmupSets: r.warmup_sets === 1
})

function toDay (r: DayRow, items: PlanItemDto[], sessionMin: number): PlanDayDto {
  const estimatedDurationMin = estimateDayMin(items)
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    weekday: r.weekday,
    estimatedDurationMin,
    overBudget: estimatedDurationMin > sessionMin,
    items
  }
}

const toPlan = (r: PlanRow, days: PlanDayDto[]): PlanDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  goal: r.goal as Goal,
  daysPerWeek: r.days_per_week,
  sessionDurationMin: r.session_duration_min,
  exerciseTypes: JSON.parse(r.exercise_types) as Category[],
  isActive: r.is_active === 1,
  days,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

/** Groups rows by a key, keeping their order. */
function groupBy<T> (rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row])
  return map
}

export const plansRepository = {
  async find (db: Db, userId: string, id: string): Promise<PlanRow | undefined> {
    return await db.selectFrom('plans')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /**
   * Locks the user's plan until commit (PostgreSQL; SQLite has one writer); false when it is not
   * theirs (or was deleted meanwhile). Every write to a plan's days or items takes it first and
   * only then reads positions, so those writes run one after the other per plan. Lock order of
   * all plan writes, so none can deadlock another:
   * 1. the user's row: only an activation (create or PATCH with isActive: true) takes it;
   * 2. plan rows: an activation then the previously active plan, then its own; a day or item
   *    write only its plan (here, NO KEY UPDATE, as the touch of updated_at takes anyway);
   *    DELETE of a plan only that plan (FOR UPDATE), before its days and items (cascade);
   * 3. the plan's days and items, changed only by holders of 2.
   * Starting a plan day and generating a plan only read plans, without locks.
   */
  async lock (db: Db, userId: string, id: string): Promise<boolean> {
    const { rows } = await sql<{ id: string }>`select id from plans
      where id = ${id} and user_id = ${userId}${sqlFns(db).forUpdate()}`.execute(db)
    return rows.length > 0
  },

  /** Who owns a plan id (any user): decides between a replay (200) and a conflict (409). */
  async ownerOf (db: Db, id: string): Promise<string | undefined> {
    const row = await db.selectFrom('plans').select('user_id').where('id', '=', id).executeTakeFirst()
    return row?.user_id
  },

  /** Newest first, keyset-paginated on (created_at, id). */
  async list (
    db: Db,
    userId: string,
    opts: { limit: number, after: CursorKey | undefined, active: boolean | undefined }
  ): Promise<PlanRow[]> {
    let query = db.selectFrom('plans').selectAll().where('user_id', '=', userId)
    if (opts.active !== undefined) query = query.where('is_active', '=', opts.active ? 1 : 0)
    if (opts.after !== undefined) query = query.where(afterCursor(['created_at', 'id'], opts.after, 'desc'))
    return await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute()
  },

  /** Whole plans (days, items, exercise names, estimates) for already owner-checked rows, in two queries. */
  async hydrate (db: Db, plans: PlanRow[]): Promise<PlanDto[]> {
    if (plans.length === 0) return []
    const ids = plans.map((p) => p.id)
    const days = await db.selectFrom('plan_days').selectAll().where('plan_id', 'in', ids).orderBy('position').execute()
    const items = await db.selectFrom('plan_items').innerJoin('exercises', 'exercises.id', 'plan_items.exercise_id')
      .selectAll('plan_items').select(['exercises.name as exercise_name', 'exercises.tracking as exercise_tracking'])
      .where('plan_items.plan_id', 'in', ids).orderBy('plan_items.position').execute()
    const daysByPlan = groupBy(days, (d) => d.plan_id)
    const itemsByDay = groupBy(items, (i) => i.day_id)
    return plans.map((p) => toPlan(p, (daysByPlan.get(p.id) ?? []).map((d) =>
      toDay(d, (itemsByDay.get(d.id) ?? []).map(toItem), p.session_duration_min))))
  },

  async load (db: Db, userId: string, id: string): Promise<PlanDto | undefined> {
    const row = await this.find(db, userId, id)
    return row === undefined ? undefined : (await this.hydrate(db, [row]))[0]
  },

  /** Each insert skips ids that exist already and returns how many rows went in (fewer means an id clash). */
  async insertPlan (db: Db, row: Insertable<PlansTable>): Promise<number> {
    const result = await db.insertInto('plans')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0)
  },

  async insertDays (db: Db, rows: Array<Insertable<PlanDaysTable>>): Promise<number> {
    if (rows.length === 0) return 0
    const result = await db.insertInto('plan_days')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0)
  },

  async insertItems (db: Db, rows: Array<Insertable<PlanItemsTable>>): Promise<number> {
    if (rows.length === 0) return 0
    const result = await db.insertInto('plan_items')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0)
  },

  /** False when the plan is not there (any more). */
  async update (db: Db, userId: string, id: string, changes: Updateable<PlansTable>): Promise<boolean> {
    const result = await db.updateTable('plans').set(changes).where('id', '=', id).where('user_id', '=', userId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /**
   * Makes `keepId` the only active plan candidate. The no-op update of the user's row takes a
   * row lock on PostgreSQL until commit, so two concurrent activations run one after the other
   * (SQLite serialises writers anyway) and never trip the one-active-plan index. Answers the
   * plans it deactivated (their representation changed too).
   */
  async deactivateOthers (db: Db, userId: string, keepId: string): Promise<string[]> {
    await db.updateTable('users').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', userId).execute()
    const rows = await db.updateTable('plans')
      .set({ is_active: 0 })
      .where('user_id', '=', userId)
      .where('id', '<>', keepId)
      .where('is_active', '=', 1)
      .returning('id')
      .execute()
    return rows.map((r) => r.id)
  },

  /** The exercises a generated plan may use: predefined and the caller's own, not deleted, in a stable order. */
  async library (db: Db, userId: string): Promise<ExerciseRow[]> {
    return await db.selectFrom('exercises').selectAll().where('archived_at', 'is', null)
      .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)])).orderBy('id').execute()
  },

  /** Days and items go with it (ON DELETE CASCADE). */
  async delete (db: Db, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('plans').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
