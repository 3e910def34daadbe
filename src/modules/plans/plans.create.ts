import type { Db } from '../../db/schema.js'
import { ID_IN_USE } from '../../lib/client-id.js'
import { ConflictError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { nowIso } from '../../lib/time.js'
import { projections, type ChangeRef } from '../../projections/index.js'
import { categoriesOf, checkItems, dayRows, duplicateIdErrors, throwIfAny } from './plans.build.js'
import { plansRepository } from './plans.repository.js'
import type { PlanCreateInput } from './plans.schemas.js'

/**
 * Creates a plan with its days and items inside the caller's transaction (POST /plans, imports):
 * every item is checked against its exercise first, and an active plan deactivates the user's
 * other one. A 409 when an id is taken (the caller tells a replay from a conflict). `createdAt`
 * keeps an imported plan's own creation time (and so its place in the list). The plan (and the
 * one it deactivated) are recorded as changed, last, unless `record: false`: inside a write that
 * records its changes itself, once, at its end (an import, through projections.rebuildUser).
 */
export async function createPlanTx (
  trx: Db,
  userId: string,
  body: PlanCreateInput,
  createdAt?: string,
  opts: { record?: boolean } = {}
): Promise<string> {
  const days = body.days ?? []
  throwIfAny(duplicateIdErrors(days, (d) => `/days/${d}`))
  const exercises = await checkItems(trx, userId, days.flatMap((day, d) =>
    (day.items ?? []).map((item, i) => ({ item, path: `/days/${d}/items/${i}` }))))
  const planId = body.id ?? newId()
  const rows = dayRows(days, { userId, planId }, 0)
  const now = nowIso()
  const deactivated = body.isActive === true ? await plansRepository.deactivateOthers(trx, userId, planId) : []
  const inserted = await plansRepository.insertPlan(trx, {
    id: planId,
    user_id: userId,
    name: body.name,
    description: body.description ?? null,
    goal: body.goal ?? 'general_fitness',
    days_per_week: body.daysPerWeek ?? Math.min(7, Math.max(1, days.length)),
    session_duration_min: body.sessionDurationMin ?? 60,
    exercise_types: JSON.stringify(body.exerciseTypes ?? categoriesOf(exercises)),
    is_active: body.isActive === true ? 1 : 0,
    created_at: createdAt ?? now,
    updated_at: now
  })
  if (inserted === 0) throw new ConflictError(ID_IN_USE)
  if (await plansRepository.insertDays(trx, rows.days) < rows.days.length) throw new ConflictError(ID_IN_USE)
  if (await plansRepository.insertItems(trx, rows.items) < rows.items.length) throw new ConflictError(ID_IN_USE)
  if (opts.record !== false) {
    await projections.changed(trx, userId, [planId, ...deactivated].map((id): ChangeRef => ({ type: 'plan', id })))
  }
  return planId
}
