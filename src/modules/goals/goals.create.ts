import type { Db } from '../../db/schema.js'
import { IdTaken } from '../../lib/client-id.js'
import { newId } from '../../lib/ids.js'
import { instant } from '../../lib/time.js'
import { projections } from '../../projections/index.js'
import { defaultDirection } from '../../rules/goals.js'
import { goalProgressRepository, type GoalProgressRow } from './goal-progress.repository.js'
import { currentValueOf } from './goals.read.js'
import { goalsRepository, type GoalRow } from './goals.repository.js'
import type { CreateGoalInput, CreateGoalProgressInput } from './goals.schemas.js'
import { checkDirection, checkGoalValue, checkSubject, toDeadline } from './goals.validation.js'

/** How a goal starts: new goals are active; an import restores the state a goal was exported in. */
export interface GoalStart {
  status?: 'active' | 'achieved' | 'abandoned'
  achievedAt?: string | null
  createdAt?: string
}

/**
 * Inside a write that records its changes itself, once, as its last step (an import, through
 * projections.rebuildUser): `record: false`, so the goal's change is not recorded here too.
 */
export interface GoalWriteOptions { record?: boolean }

/**
 * Creates a goal inside the caller's transaction (POST /goals, imports): its subject and values
 * are checked, startValue defaults to the current value now (0 without one), direction follows
 * start → target, and src/projections judges it on its whole history. IdTaken when the id exists.
 */
export async function createGoalTx (
  trx: Db,
  userId: string,
  input: CreateGoalInput,
  start: GoalStart = {},
  opts: GoalWriteOptions = {}
): Promise<GoalRow> {
  const defaultTitle = await checkSubject(trx, userId, input)
  const now = new Date()
  const row: GoalRow = {
    id: input.id ?? newId(),
    user_id: userId,
    type: input.type,
    title: input.title ?? defaultTitle,
    metric: input.metric ?? null,
    exercise_id: input.exerciseId ?? null,
    direction: 'increase',
    start_value: 0,
    target_value: input.targetValue,
    status: start.status ?? 'active',
    deadline: await toDeadline(trx, userId, input.deadline ?? null, '/deadline'),
    achieved_at: start.achievedAt ?? null,
    reach_at: null,
    created_at: start.createdAt ?? now.toISOString(),
    updated_at: now.toISOString()
  }
  checkGoalValue(row.type, row.metric, input.targetValue, '/targetValue')
  if (input.startValue !== undefined) checkGoalValue(row.type, row.metric, input.startValue, '/startValue')
  row.start_value = input.startValue ?? await currentValueOf(trx, row, now) ?? 0
  row.direction = input.direction ?? defaultDirection(row.start_value, row.target_value)
  checkDirection(row.direction as 'increase' | 'decrease', row.start_value, row.target_value, '/targetValue')
  if (!await goalsRepository.insert(trx, row)) throw new IdTaken()
  await projections.goal(trx, userId, row.id, undefined, opts)
  return row
}

/**
 * Manual updates of one goal inside the caller's transaction (POST /goals/{id}/progress,
 * imports): checked, inserted, and judged at once. IdTaken when an id exists.
 */
export async function addGoalProgressTx (
  trx: Db,
  userId: string,
  goal: GoalRow,
  inputs: CreateGoalProgressInput[],
  opts: GoalWriteOptions = {}
): Promise<GoalProgressRow[]> {
  const now = new Date().toISOString()
  const rows = inputs.map((input): GoalProgressRow => {
    checkGoalValue(goal.type, goal.metric, input.value, '/value')
    return {
      id: input.id ?? newId(),
      goal_id: goal.id,
      user_id: userId,
      value: input.value,
      note: input.note ?? null,
      recorded_at: input.recordedAt === undefined ? now : instant(input.recordedAt, '/recordedAt'),
      created_at: now
    }
  })
  for (const row of rows) if (!await goalProgressRepository.insert(trx, row)) throw new IdTaken()
  if (rows.length > 0) await projections.goal(trx, userId, goal.id, rows.map((r) => r.recorded_at), opts)
  return rows
}
