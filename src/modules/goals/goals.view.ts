import type { Db } from '../../db/schema.js'
import type { GoalRow } from './goals.repository.js'
import { progressOf, project, type GoalType, type Projection } from './goals.rules.js'
import type { GoalDto } from './goals.schemas.js'
import { currentOf, trendPoints } from './goals.sources.js'

/**
 * A goal as the API shows it. currentValue, progress and the projection are derived from the
 * data at read time, so they always agree with the logs, sets and manual updates as they are now
 * (the stored status only ever moves forward; see goals.evaluator.ts).
 */
export async function toGoal (db: Db, row: GoalRow, now = new Date()): Promise<GoalDto> {
  const current = await currentOf(db, row, now)
  const currentValue = current?.value ?? null
  let projection: Projection = { projectedDate: null, onTrack: null }
  if (row.status === 'active' && row.deadline !== null && row.type !== 'weekly_workouts') {
    projection = project(await trendPoints(db, row), row.target_value, row.direction, row.deadline, now)
  }
  return {
    id: row.id,
    type: row.type as GoalType,
    title: row.title,
    metric: row.metric,
    exerciseId: row.exercise_id,
    direction: row.direction as GoalDto['direction'],
    startValue: row.start_value,
    targetValue: row.target_value,
    currentValue,
    progress: progressOf(row.start_value, row.target_value, currentValue),
    status: row.status as GoalDto['status'],
    deadline: row.deadline,
    achievedAt: row.achieved_at,
    ...projection,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
