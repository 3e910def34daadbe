import type { Updateable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { claimId } from '../../lib/client-id.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import type { Created } from '../../lib/replies.js'
import { newId } from '../../lib/ids.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import { nowIso } from '../../lib/time.js'
import { projections, type ChangeRef } from '../../projections/index.js'
import { createPlanTx } from './plans.create.js'
import { plansRepository, type PlanRow } from './plans.repository.js'
import type { PlanCreateInput, PlanDto, PlanPatch } from './plans.schemas.js'
import type { PlansTable } from './plans.tables.js'

/** Plan-level rules: nested create in one transaction, client-id replays, and the single active plan. */
export class PlansService {
  constructor (private readonly db: Db) {}

  async get (userId: string, id: string): Promise<PlanDto> {
    // The plan, its days and items in one snapshot, so a concurrent edit never shows half-done.
    const plan = await inSnapshot(this.db, async (trx) => await plansRepository.load(trx, userId, id))
    if (plan === undefined) throw new NotFoundError('Plan')
    return plan
  }

  async find (userId: string, id: string): Promise<PlanRow> {
    const row = await plansRepository.find(this.db, userId, id)
    if (row === undefined) throw new NotFoundError('Plan')
    return row
  }

  async list (
    userId: string,
    query: { limit?: number, cursor?: string, active?: boolean }
  ): Promise<{ items: PlanDto[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const rows = await plansRepository.list(this.db, userId, {
      limit,
      after: decodeCursor(query.cursor, 2),
      active: query.active
    })
    const page = toPage(rows, limit, (r) => r, (r) => [r.created_at, r.id])
    return { items: await plansRepository.hydrate(this.db, page.items), nextCursor: page.nextCursor }
  }

  /** The stored plan when this user already created `id`; a 409 when someone else did. */
  private async replay (userId: string, id: string): Promise<PlanDto | undefined> {
    const owner = await plansRepository.ownerOf(this.db, id)
    return claimId(owner === undefined ? undefined : { userId: owner }, userId) === 'replay'
      ? await this.get(userId, id)
      : undefined
  }

  async create (userId: string, body: PlanCreateInput): Promise<Created<PlanDto>> {
    const stored = body.id === undefined ? undefined : await this.replay(userId, body.id)
    if (stored !== undefined) return { body: stored, created: false }
    const planId = body.id ?? newId()
    try {
      await this.db.transaction().execute(async (trx) => await createPlanTx(trx, userId, { ...body, id: planId }))
    } catch (error) {
      // A concurrent replay of the same create lost the race: answer as a replay.
      const raced = error instanceof ConflictError && body.id !== undefined
        ? await this.replay(userId, body.id)
        : undefined
      if (raced === undefined) throw error
      return { body: raced, created: false }
    }
    return { body: await this.get(userId, planId), created: true }
  }

  async update (userId: string, id: string, body: PlanPatch): Promise<PlanDto> {
    await this.find(userId, id)
    const changes: Updateable<PlansTable> = { updated_at: nowIso() }
    if (body.name !== undefined) changes.name = body.name
    if (body.description !== undefined) changes.description = body.description
    if (body.goal !== undefined) changes.goal = body.goal
    if (body.daysPerWeek !== undefined) changes.days_per_week = body.daysPerWeek
    if (body.sessionDurationMin !== undefined) changes.session_duration_min = body.sessionDurationMin
    if (body.exerciseTypes !== undefined) changes.exercise_types = JSON.stringify(body.exerciseTypes)
    if (body.isActive !== undefined) changes.is_active = body.isActive ? 1 : 0
    await this.db.transaction().execute(async (trx) => {
      const deactivated = body.isActive === true ? await plansRepository.deactivateOthers(trx, userId, id) : []
      // Deleted meanwhile: a 404, and the deactivation rolls back.
      if (!await plansRepository.update(trx, userId, id, changes)) throw new NotFoundError('Plan')
      await projections.changed(trx, userId, [id, ...deactivated].map((p): ChangeRef => ({ type: 'plan', id: p })))
    })
    return await this.get(userId, id)
  }

  async remove (userId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!await plansRepository.delete(trx, userId, id)) throw new NotFoundError('Plan')
      await projections.changed(trx, userId, [{ type: 'plan', id, op: 'delete' }])
    })
  }

  /**
   * Any change to a day or item is a change to its plan: its updatedAt, and its change recorded
   * (the write's last lock: call it after everything the write changes).
   */
  async touch (db: Db, userId: string, id: string): Promise<void> {
    await plansRepository.update(db, userId, id, { updated_at: nowIso() })
    await projections.changed(db, userId, [{ type: 'plan', id }])
  }
}
