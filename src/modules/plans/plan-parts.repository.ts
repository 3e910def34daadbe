import type { Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { DayRow, ItemRow } from './plans.repository.js'
import type { PlanDaysTable, PlanItemsTable } from './plans.tables.js'

/** A plan's days and a day's items; every call is scoped by user and by the parent ids in the path. */
export const planPartsRepository = {
  async findDay (db: Db, userId: string, planId: string, dayId: string): Promise<DayRow | undefined> {
    return await db.selectFrom('plan_days').selectAll()
      .where('id', '=', dayId).where('plan_id', '=', planId).where('user_id', '=', userId).executeTakeFirst()
  },

  async updateDay (db: Db, dayId: string, changes: Updateable<PlanDaysTable>): Promise<void> {
    await db.updateTable('plan_days').set(changes).where('id', '=', dayId).execute()
  },

  async deleteDay (db: Db, dayId: string): Promise<void> {
    await db.deleteFrom('plan_days').where('id', '=', dayId).execute()
  },

  async findItem (db: Db, userId: string, dayId: string, itemId: string): Promise<ItemRow | undefined> {
    return await db.selectFrom('plan_items').selectAll()
      .where('id', '=', itemId).where('day_id', '=', dayId).where('user_id', '=', userId).executeTakeFirst()
  },

  async updateItem (db: Db, itemId: string, changes: Updateable<PlanItemsTable>): Promise<void> {
    await db.updateTable('plan_items').set(changes).where('id', '=', itemId).execute()
  },

  async deleteItem (db: Db, itemId: string): Promise<void> {
    await db.deleteFrom('plan_items').where('id', '=', itemId).execute()
  },

  /** Where an id already lives, to tell a replay of the same create from a clash. */
  async dayOf (db: Db, dayId: string): Promise<Pick<DayRow, 'user_id' | 'plan_id'> | undefined> {
    return await db.selectFrom('plan_days').select(['user_id', 'plan_id']).where('id', '=', dayId).executeTakeFirst()
  },

  async itemOf (db: Db, itemId: string): Promise<Pick<ItemRow, 'user_id' | 'day_id'> | undefined> {
    return await db.selectFrom('plan_items').select(['user_id', 'day_id']).where('id', '=', itemId).executeTakeFirst()
  }
}
