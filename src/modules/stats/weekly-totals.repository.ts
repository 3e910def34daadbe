import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { isoWeekIndex, mondayOfWeekIndex, sqlFns } from '../../db/sql.js'
import { statsCache } from './stats-cache.js'
import { weeklyBreakdownsRepository } from './weekly-breakdowns.repository.js'

export interface WeeklyTotalsTable {
  user_id: string
  /** ISO week index: weeks since Monday 1969-12-29 (see db/sql.ts). */
  week: number
  workouts: number
  sets: number
  reps: number
  volume_kg: number
  duration_sec: number
}

const weekStart = (week: number): string => `${mondayOfWeekIndex(week)}T00:00:00.000Z`

export const weeklyTotalsRepository = {
  /**
   * Recomputes the weeks that hold `instants` from the completed workouts started in them
   * (a handful of rows each, through the workouts (user_id, status, started_at) index): their
   * totals and their breakdown by exercise and muscle.
   * Called by every workout write after its totals are up to date, in the same transaction.
   */
  async refresh (db: Db, userId: string, instants: string[]): Promise<void> {
    const epoch = sqlFns(db).epochSeconds
    if (instants.length > 0) await statsCache.bump(db, userId)
    for (const week of new Set(instants.map((at) => isoWeekIndex(Date.parse(at))))) {
      await db.deleteFrom('weekly_totals').where('user_id', '=', userId).where('week', '=', week).execute()
      await sql`insert into weekly_totals (user_id, week, workouts, sets, reps, volume_kg, duration_sec)
        select ${userId}, ${week}, count(*), sum(set_count), sum(reps), sum(volume_kg),
               sum(${epoch(sql.ref('ended_at'))} - ${epoch(sql.ref('started_at'))})
        from workouts
        where user_id = ${userId} and status = 'completed' and started_at >= ${weekStart(week)} and started_at < ${weekStart(week + 1)}
        having count(*) > 0`.execute(db)
      await weeklyBreakdownsRepository.refreshWeek(db, userId, week, { from: weekStart(week), to: weekStart(week + 1) })
    }
  },

  /**
   * The weeks in which these exercises were trained, for their users (or one user): after an
   * exercise's muscles changed, its weekly volume by muscle is recomputed. Rare and bounded by
   * the weeks of history that use the exercise.
   */
  async refreshUsing (db: Db, exerciseIds: string[], userId?: string): Promise<void> {
    if (exerciseIds.length === 0) return
    const owner = userId === undefined ? sql`` : sql` and w.user_id = ${userId}`
    const { rows } = await sql<{ user_id: string, started_at: string }>`
      select distinct w.user_id, w.started_at from workouts w join workout_exercises we on we.workout_id = w.id
      where w.status = 'completed' and we.exercise_id in (${sql.join(exerciseIds)})${owner}`.execute(db)
    const byUser = new Map<string, string[]>()
    for (const r of rows) {
      const instants = byUser.get(r.user_id)
      if (instants === undefined) byUser.set(r.user_id, [r.started_at])
      else instants.push(r.started_at)
    }
    for (const [user, instants] of byUser) await this.refresh(db, user, instants)
  }
}
