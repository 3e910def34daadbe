import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sqlFns } from '../../db/sql.js'
import { builtInUnit } from '../progress/progress.metrics.js'
import type { TimeRange } from '../../lib/time.js'
import { roundDerivedOrNull } from '../../rules/rounding.js'
import { rangeFilter } from './stats.sql.js'

const WEEK_SEC = 7 * 86_400

/**
 * A metric's points oldest first with the mean of the 7 days ending at each point (earlier logs
 * outside the range count toward it), the change over the range, and the least-squares slope
 * per week, all computed by the database.
 */
export async function trend (db: Db, userId: string, metric: string, range: TimeRange) {
  const epoch = sqlFns(db).epochSeconds
  const inRange = sql`p.user_id = ${userId} and p.metric = ${metric}${rangeFilter('p.measured_at', range)}`
  const { rows: points } = await sql<{ measuredAt: string, value: number, avg: number }>`
    select p.measured_at as "measuredAt", p.value as value,
      (select avg(q.value) from progress_logs q
        where q.user_id = p.user_id and q.metric = p.metric and q.measured_at <= p.measured_at
          and ${epoch(sql.ref('q.measured_at'))} > ${epoch(sql.ref('p.measured_at'))} - ${WEEK_SEC}) as avg
    from progress_logs p where ${inRange} order by p.measured_at, p.id`.execute(db)

  let slopePerWeek: number | null = null
  if (points.length >= 2) {
    // x in weeks since the first point keeps the sums small and exact enough in doubles.
    const t0 = Date.parse(points[0].measuredAt) / 1000
    const { rows: [f] } = await sql<{ mx: number, my: number, mxx: number, mxy: number }>`
      select avg(x) as mx, avg(y) as my, avg(x * x) as mxx, avg(x * y) as mxy
      from (select (${epoch(sql.ref('p.measured_at'))} - ${t0}) / ${sql.lit(WEEK_SEC)} as x, p.value as y
            from progress_logs p where ${inRange}) pts`.execute(db)
    const variance = Number(f.mxx) - Number(f.mx) ** 2
    slopePerWeek = variance > 1e-12
      ? roundDerivedOrNull((Number(f.mxy) - Number(f.mx) * Number(f.my)) / variance)
      : null
  }
  return {
    metric,
    unit: builtInUnit(metric) ?? await customUnit(db, userId, metric),
    points: points.map((p) => ({
      measuredAt: p.measuredAt,
      value: Number(p.value),
      average7d: roundDerivedOrNull(Number(p.avg)) ?? Number(p.value)
    })),
    changeTotal: points.length === 0
      ? null
      : roundDerivedOrNull(Number(points[points.length - 1].value) - Number(points[0].value)),
    slopePerWeek
  }
}

async function customUnit (db: Db, userId: string, metric: string): Promise<string | null> {
  const row = await db.selectFrom('custom_metrics' as any)
    .select('unit')
    .where('user_id', '=', userId)
    .where('metric', '=', metric)
    .executeTakeFirst()
  return (row as { unit?: string } | undefined)?.unit ?? null
}
