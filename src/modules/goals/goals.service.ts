import type { Db } from '../../db/schema.js'
import { findReplay, IdTaken, retryIfIdTaken } from '../../lib/client-id.js'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import type { Created } from '../../lib/replies.js'
import { instant } from '../../lib/time.js'
import { projections } from '../../projections/index.js'
import { defaultDirection } from '../../rules/goals.js'
import { goalProgressRepository, toGoalProgress, type GoalProgressDto } from './goal-progress.repository.js'
import { currentValueOf, toGoals } from './goals.read.js'
import { goalsRepository, type GoalChanges, type GoalRow } from './goals.repository.js'
import type { CreateGoalInput, CreateGoalProgressInput, GoalDto, UpdateGoalInput } from './goals.schemas.js'
import { checkDirection, checkGoalValue, checkSubject, toDeadline } from './goals.validation.js'

type Page<T> = { items: T[], nextCursor: string | null }

/**
 * Goals and their manual updates. Every write that can move a goal hands it to src/projections
 * in its own transaction, which decides achievement (status, achievedAt).
 */
export class GoalsService {
  constructor (private readonly db: Db) {}

  async create (userId: string, input: CreateGoalInput): Promise<Created<GoalDto>> {
    return await retryIfIdTaken(async () => {
      const replay = await findReplay(
        input.id,
        userId,
        async (id) => await goalsRepository.findAnyById(this.db, id),
        (g) => ({ userId: g.user_id })
      )
      if (replay !== undefined) return { created: false, body: await this.view(replay) }
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
        deadline: await toDeadline(this.db, userId, input.deadline ?? null, '/deadline'),
        achieved_at: null,
        reach_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      }
      checkGoalValue(row.type, row.metric, input.targetValue, '/targetValue')
      if (input.startValue !== undefined) checkGoalValue(row.type, row.metric, input.startValue, '/startValue')
      await this.db.transaction().execute(async (trx) => {
        // startValue defaults to the current value now (0 without one); direction follows start → target.
        row.start_value = input.startValue ?? await currentValueOf(trx, row, now) ?? 0
        row.direction = input.direction ?? defaultDirection(row.start_value, row.target_value)
        checkDirection(row.direction as 'increase' | 'decrease', row.start_value, row.target_value, '/targetValue')
        if (!await goalsRepository.insert(trx, row)) throw new IdTaken()
        await projections.goal(trx, userId, row.id)
      })
      return { created: true, body: await this.get(userId, row.id) }
    })
  }

  async get (userId: string, id: string): Promise<GoalDto> {
    return await this.view(await this.find(this.db, userId, id))
  }

  async list (userId: string, query: { status?: string, limit?: number, cursor?: string }): Promise<Page<GoalDto>> {
    const page = await goalsRepository.list(this.db, userId, query)
    return { items: await toGoals(this.db, page.items), nextCursor: page.nextCursor }
  }

  /**
   * Title and deadline just change. A new target is re-evaluated: an achieved goal whose target got
   * harder goes back to active unless its data already reaches the new one. `abandoned` stops an
   * active goal, `active` reopens an abandoned one; an achieved goal can do neither.
   */
  async update (userId: string, id: string, input: UpdateGoalInput): Promise<GoalDto> {
    await this.db.transaction().execute(async (trx) => {
      const goal = await this.find(trx, userId, id)
      const changes: GoalChanges = { updated_at: new Date().toISOString() }
      if (input.title !== undefined) changes.title = input.title
      if (input.deadline !== undefined) changes.deadline = await toDeadline(trx, userId, input.deadline, '/deadline')
      let status = goal.status
      let judge = false
      if (input.targetValue !== undefined && input.targetValue !== goal.target_value) {
        checkGoalValue(goal.type, goal.metric, input.targetValue, '/targetValue')
        checkDirection(goal.direction as 'increase' | 'decrease', goal.start_value, input.targetValue, '/targetValue')
        const harder = goal.direction === 'decrease'
          ? input.targetValue < goal.target_value
          : input.targetValue > goal.target_value
        if (status === 'achieved' && harder) { status = 'active'; changes.achieved_at = null }
        changes.target_value = input.targetValue
        judge = true
      }
      if (input.status !== undefined && input.status !== status) {
        if (status === 'achieved') throw BadRequestError.field('/status', 'cannot change: the goal is achieved')
        status = input.status
        judge = true
      }
      changes.status = status
      await goalsRepository.update(trx, userId, id, changes)
      if (judge) await projections.goal(trx, userId, id)
    })
    return await this.get(userId, id)
  }

  async delete (userId: string, id: string): Promise<void> {
    if (!await goalsRepository.delete(this.db, userId, id)) throw new NotFoundError('Goal')
  }

  /** A manual update is data for any goal type: it is evaluated at once, in the same transaction. */
  async addProgress (
    userId: string,
    goalId: string,
    input: CreateGoalProgressInput
  ): Promise<Created<GoalProgressDto>> {
    return await retryIfIdTaken(async () => {
      await this.find(this.db, userId, goalId)
      const replay = await findReplay(
        input.id,
        userId,
        async (id) => await goalProgressRepository.findAnyById(this.db, id),
        (r) => ({ userId: r.user_id, parentId: r.goal_id }),
        goalId
      )
      if (replay !== undefined) return { created: false, body: toGoalProgress(replay) }
      const now = new Date().toISOString()
      const row = {
        id: input.id ?? newId(),
        goal_id: goalId,
        user_id: userId,
        value: input.value,
        note: input.note ?? null,
        recorded_at: input.recordedAt === undefined ? now : instant(input.recordedAt, '/recordedAt'),
        created_at: now
      }
      await this.db.transaction().execute(async (trx) => {
        const goal = await this.find(trx, userId, goalId)
        checkGoalValue(goal.type, goal.metric, input.value, '/value')
        if (!await goalProgressRepository.insert(trx, row)) throw new IdTaken()
        await projections.goal(trx, userId, goalId, [row.recorded_at])
      })
      return { created: true, body: toGoalProgress(row) }
    })
  }

  async getProgress (userId: string, goalId: string, id: string): Promise<GoalProgressDto> {
    const row = await goalProgressRepository.findById(this.db, userId, goalId, id)
    if (row === undefined) throw new NotFoundError('Goal progress update')
    return toGoalProgress(row)
  }

  async listProgress (
    userId: string,
    goalId: string,
    query: { limit?: number, cursor?: string }
  ): Promise<Page<GoalProgressDto>> {
    await this.find(this.db, userId, goalId)
    return await goalProgressRepository.list(this.db, userId, goalId, query)
  }

  private async view (row: GoalRow): Promise<GoalDto> {
    return (await toGoals(this.db, [row]))[0]
  }

  private async find (db: Db, userId: string, id: string): Promise<GoalRow> {
    const row = await goalsRepository.findById(db, userId, id)
    if (row === undefined) throw new NotFoundError('Goal')
    return row
  }
}
