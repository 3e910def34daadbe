import type { Db } from '../../db/schema.js'
import { findReplay, retryIfIdTaken } from '../../lib/client-id.js'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import type { Created } from '../../lib/replies.js'
import { projections } from '../../projections/index.js'
import { goalProgressRepository, toGoalProgress, type GoalProgressDto } from './goal-progress.repository.js'
import { addGoalProgressTx, createGoalTx } from './goals.create.js'
import { toGoals } from './goals.read.js'
import { goalsRepository, type GoalChanges, type GoalRow } from './goals.repository.js'
import type { CreateGoalInput, CreateGoalProgressInput, GoalDto, UpdateGoalInput } from './goals.schemas.js'
import { checkDirection, checkGoalValue, toDeadline } from './goals.validation.js'

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
      const row = await this.db.transaction().execute(async (trx) => await createGoalTx(trx, userId, input))
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
      // Deleted meanwhile (PostgreSQL): gone, and nothing to record.
      if (!await goalsRepository.update(trx, userId, id, changes)) throw new NotFoundError('Goal')
      if (judge) await projections.goal(trx, userId, id)
      else await projections.changed(trx, userId, [{ type: 'goal', id }])
    })
    return await this.get(userId, id)
  }

  async delete (userId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!await goalsRepository.delete(trx, userId, id)) throw new NotFoundError('Goal')
      await projections.changed(trx, userId, [{ type: 'goal', id, op: 'delete' }])
    })
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
      const [row] = await this.db.transaction().execute(async (trx) =>
        await addGoalProgressTx(trx, userId, await this.find(trx, userId, goalId), [input]))
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
