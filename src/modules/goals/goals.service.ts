import type { Db } from '../../db/schema.js'
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { findReplay, IdTaken, retryIfIdTaken } from '../../lib/client-id.js'
import { instant } from '../workouts/workouts.rules.js'
import { goalProgressRepository, toGoalProgress, type GoalProgressDto } from './goal-progress.repository.js'
import { evaluateGoal } from './goals.evaluator.js'
import { goalsRepository, type GoalChanges, type GoalRow } from './goals.repository.js'
import { defaultDirection } from './goals.rules.js'
import type { CreateGoalInput, CreateGoalProgressInput, GoalDto, UpdateGoalInput } from './goals.schemas.js'
import { currentOf } from './goals.sources.js'
import { checkDirection, checkGoalValue, checkSubject, toDeadline } from './goals.validation.js'
import { toGoal } from './goals.view.js'

type Page<T> = { items: T[], nextCursor: string | null }

export class GoalsService {
  constructor (private readonly db: Db) {}

  async create (userId: string, input: CreateGoalInput): Promise<{ created: boolean, goal: GoalDto }> {
    return await retryIfIdTaken(async () => {
      const replay = await findReplay(input.id, userId, async (id) => await goalsRepository.findAnyById(this.db, id))
      if (replay !== undefined) return { created: false, goal: await toGoal(this.db, replay) }
      const defaultTitle = await checkSubject(this.db, userId, input)
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
        status: 'active',
        deadline: toDeadline(input.deadline ?? null, '/deadline'),
        achieved_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      }
      checkGoalValue(row.type, row.metric, input.targetValue, '/targetValue')
      if (input.startValue !== undefined) checkGoalValue(row.type, row.metric, input.startValue, '/startValue')
      const stored = await this.db.transaction().execute(async (trx) => {
        // startValue defaults to the current value now (0 without one); direction follows start → target.
        row.start_value = input.startValue ?? (await currentOf(trx, row, now))?.value ?? 0
        row.direction = input.direction ?? defaultDirection(row.start_value, row.target_value)
        checkDirection(row.direction as 'increase' | 'decrease', row.start_value, row.target_value, '/targetValue')
        if (!await goalsRepository.insert(trx, row)) throw new IdTaken()
        return await evaluateGoal(trx, row, now)
      })
      return { created: true, goal: await toGoal(this.db, stored) }
    })
  }

  async get (userId: string, id: string): Promise<GoalDto> {
    return await toGoal(this.db, await this.find(this.db, userId, id))
  }

  async list (userId: string, query: { status?: string, limit?: number, cursor?: string }): Promise<Page<GoalDto>> {
    const page = await goalsRepository.list(this.db, userId, query)
    const now = new Date()
    const items: GoalDto[] = []
    for (const row of page.items) items.push(await toGoal(this.db, row, now))
    return { items, nextCursor: page.nextCursor }
  }

  /**
   * Title and deadline just change. A new target is re-evaluated: an achieved goal whose target got
   * harder goes back to active unless its data already reaches the new one. `abandoned` stops an
   * active goal, `active` reopens an abandoned one; an achieved goal can do neither.
   */
  async update (userId: string, id: string, input: UpdateGoalInput): Promise<GoalDto> {
    const stored = await this.db.transaction().execute(async (trx) => {
      const goal = await this.find(trx, userId, id)
      const now = new Date()
      const changes: GoalChanges = { updated_at: now.toISOString() }
      if (input.title !== undefined) changes.title = input.title
      if (input.deadline !== undefined) changes.deadline = toDeadline(input.deadline, '/deadline')
      let status = goal.status
      if (input.targetValue !== undefined && input.targetValue !== goal.target_value) {
        checkGoalValue(goal.type, goal.metric, input.targetValue, '/targetValue')
        checkDirection(goal.direction as 'increase' | 'decrease', goal.start_value, input.targetValue, '/targetValue')
        const harder = goal.direction === 'decrease' ? input.targetValue < goal.target_value : input.targetValue > goal.target_value
        if (status === 'achieved' && harder) { status = 'active'; changes.achieved_at = null }
        changes.target_value = input.targetValue
      }
      if (input.status !== undefined && input.status !== status) {
        if (status === 'achieved') throw BadRequestError.field('/status', 'cannot change: the goal is achieved')
        status = input.status
      }
      changes.status = status
      await goalsRepository.update(trx, userId, id, changes)
      return await evaluateGoal(trx, { ...goal, ...changes }, now)
    })
    return await toGoal(this.db, stored)
  }

  async delete (userId: string, id: string): Promise<void> {
    if (!await goalsRepository.delete(this.db, userId, id)) throw new NotFoundError('Goal')
  }

  /** A manual update is data for any goal type: it is evaluated at once, in the same transaction. */
  async addProgress (userId: string, goalId: string, input: CreateGoalProgressInput): Promise<{ created: boolean, progress: GoalProgressDto }> {
    return await retryIfIdTaken(async () => {
      await this.find(this.db, userId, goalId)
      const replay = await findReplay(input.id, userId, async (id) => await goalProgressRepository.findAnyById(this.db, id))
      if (replay !== undefined && replay.goal_id !== goalId) throw new ConflictError('This id is already used by another resource')
      if (replay !== undefined) return { created: false, progress: toGoalProgress(replay) }
      const now = new Date()
      const row = { id: input.id ?? newId(), goal_id: goalId, user_id: userId, value: input.value, note: input.note ?? null, recorded_at: input.recordedAt === undefined ? now.toISOString() : instant(input.recordedAt, '/recordedAt'), created_at: now.toISOString() }
      await this.db.transaction().execute(async (trx) => {
        const goal = await this.find(trx, userId, goalId)
        checkGoalValue(goal.type, goal.metric, input.value, '/value')
        if (!await goalProgressRepository.insert(trx, row)) throw new IdTaken()
        await evaluateGoal(trx, goal, now)
      })
      return { created: true, progress: toGoalProgress(row) }
    })
  }

  async getProgress (userId: string, goalId: string, id: string): Promise<GoalProgressDto> {
    const row = await goalProgressRepository.findById(this.db, userId, goalId, id)
    if (row === undefined) throw new NotFoundError('Goal progress update')
    return toGoalProgress(row)
  }

  async listProgress (userId: string, goalId: string, query: { limit?: number, cursor?: string }): Promise<Page<GoalProgressDto>> {
    await this.find(this.db, userId, goalId)
    return await goalProgressRepository.list(this.db, userId, goalId, query)
  }

  private async find (db: Db, userId: string, id: string): Promise<GoalRow> {
    const row = await goalsRepository.findById(db, userId, id)
    if (row === undefined) throw new NotFoundError('Goal')
    return row
  }
}
