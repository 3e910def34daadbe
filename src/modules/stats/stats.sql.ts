import { sql, type RawBuilder } from 'kysely'
import type { TimeRange } from '../../lib/time.js'

/** `and <column> between from and to`, skipping open ends. */
export function rangeFilter (column: string, range: TimeRange): RawBuilder<unknown> {
  const col = sql.ref(column)
  return sql`${range.from === null
    ? sql``
    : sql` and ${col} >= ${range.from}`}${range.to === null ? sql`` : sql` and ${col} <= ${range.to}`}`
}

/**
 * The SQL key of a workout's period in the user's calendar (filed by src/projections): its ISO
 * week index, or 'YYYY-MM' of its local date. `alias` is the workouts table's.
 */
export function periodKeySql (alias: string, period: 'week' | 'month'): RawBuilder<number | string> {
  return period === 'week'
    ? sql<number>`${sql.ref(`${alias}.local_week`)}`
    : sql<string>`substr(${sql.ref(`${alias}.local_date`)}, 1, 7)`
}

/** Epley estimated 1RM of a set, or NULL (warm-ups excluded by the caller); rounded where it is read. */
export const e1rmSql = (reps: string, weight: string): RawBuilder<number | null> => {
  const r = sql.ref(reps)
  const w = sql.ref(weight)
  return sql`case when ${r} = 1 then ${w} when ${r} between 2 and 12 then ${w} * (1 + ${r} / 30.0) end`
}
