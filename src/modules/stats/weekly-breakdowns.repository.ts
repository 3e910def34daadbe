import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'

export type Dimension = 'exercise' | 'muscle'

/** Reads of weekly_breakdowns (kept by src/projections): the whole history by week and key. */
export const weeklyBreakdownsRepository = {
  /** Ordered like GET /stats/volume: by week, then key. */
  async series (db: Db, userId: string, dimension: Dimension) {
    const label = dimension === 'exercise' ? sql`e.name` : sql`b.key`
    const names = dimension === 'exercise' ? sql`join exercises e on e.id = b.key` : sql``
    const { rows } = await sql<{
      pk: number
      key: string
      label: string
      volume: number
      sets: number
      reps: number
      workouts: number
    }>`
      select b.week as pk, b.key, ${label} as label, b.volume_kg as volume, b.sets, b.reps, b.workouts
      from weekly_breakdowns b ${names}
      where b.user_id = ${userId} and b.dimension = ${dimension} order by b.week, b.key`.execute(db)
    return rows
  }
}
