import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.js'
import { isoWeekIndexSql, sqlFns } from '../../db/sql.js'
import type { TimeRange } from './stats.range.js'

/** `and <column> between from and to`, skipping open ends. */
export function rangeFilter (column: string, range: TimeRange): RawBuilder<unknown> {
  const col = sql.ref(column)
  return sql`${range.from === null ? sql`` : sql` and ${col} >= ${range.from}`}${range.to === null ? sql`` : sql` and ${col} <= ${range.to}`}`
}

/** The SQL key of a period: ISO week index (integer) or 'YYYY-MM' of a stored instant column. */
export function periodKeySql (db: Db, column: string, period: 'week' | 'month'): RawBuilder<number | string> {
  const col = sql.ref(column)
  return period === 'week' ? isoWeekIndexSql(sqlFns(db).epochSeconds(col)) : sql<string>`substr(${col}, 1, 7)`
}

/** Epley estimated 1RM of a set, or NULL (warm-ups excluded by the caller). */
export const e1rmSql = (reps: string, weight: string): RawBuilder<number | null> => {
  const r = sql.ref(reps)
  const w = sql.ref(weight)
  return sql`case when ${r} = 1 then ${w} when ${r} between 2 and 12 then ${w} * (1 + ${r} / 30.0) end`
}

/** Rounds away floating noise from sums of doubles (e.g. 0.1 + 0.2), to 1e-6. */
export const tidy = (value: number | null): number | null => value === null ? null : Math.round(Number(value) * 1e6) / 1e6
