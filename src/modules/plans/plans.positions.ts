import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'

/** A list whose positions stay dense (0, 1, 2, …): a plan's days, or a day's items. */
export type PositionScope =
  | { table: 'plan_days', column: 'plan_id', id: string }
  | { table: 'plan_items', column: 'day_id', id: string }

async function shift (db: Db, scope: PositionScope, from: number, to: number, delta: 1 | -1): Promise<void> {
  if (from > to) return
  await sql`update ${sql.table(scope.table)} set ${sql.ref('position')} = ${sql.ref('position')} + ${delta}
    where ${sql.ref(scope.column)} = ${scope.id} and ${sql.ref('position')} >= ${from} and ${sql.ref('position')} <= ${to}`.execute(db)
}

const END = 1_000_000

export const positions = {
  async count (db: Db, scope: PositionScope): Promise<number> {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(scope.table)} where ${sql.ref(scope.column)} = ${scope.id}`.execute(db)
    return Number(row.rows[0]?.n ?? 0)
  },

  /** Makes room for an insert at `at` (appends when absent or past the end); returns the position to use. */
  async openGap (db: Db, scope: PositionScope, at: number | undefined): Promise<number> {
    const count = await this.count(db, scope)
    const position = at === undefined ? count : Math.min(at, count)
    await shift(db, scope, position, END, 1)
    return position
  },

  /** After a delete at `at`: everything behind it moves up one. */
  async closeGap (db: Db, scope: PositionScope, at: number): Promise<void> {
    await shift(db, scope, at + 1, END, -1)
  },

  /** Moves the neighbours of a row going from `from` to `to` (clamped to the end); returns the row's new position. */
  async move (db: Db, scope: PositionScope, from: number, to: number): Promise<number> {
    const target = Math.min(to, await this.count(db, scope) - 1)
    if (target < from) await shift(db, scope, target, from - 1, 1)
    else if (target > from) await shift(db, scope, from + 1, target, -1)
    return target
  }
}
