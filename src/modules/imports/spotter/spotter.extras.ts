import type { Db } from '../../../db/schema.js'
import { BadRequestError } from '../../../lib/errors.js'
import { addGoalProgressTx, createGoalTx } from '../../goals/goals.create.js'
import { goalsRepository } from '../../goals/goals.repository.js'
import { createPlanTx } from '../../plans/plans.create.js'
import { plansRepository } from '../../plans/plans.repository.js'
import type { ParsedFile } from '../import.types.js'
import { asRaw, goalStateOf, toGoalInput, toGoalProgressInputs, toPlanInput } from './spotter.inputs.js'

/** What writeSpotterExtras made, with the updated_at each has now (an undo keeps what changed since). */
export interface SpotterExtras {
  goals: Array<{ id: string, updatedAt: string }>
  plans: Array<{ id: string, updatedAt: string }>
}

/** Runs a module's create with its 400s pointing into the document (`/goals/2/targetValue`). */
async function at<T> (prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error
    const errors = (error.errors ?? []).map((e) => ({ ...e, path: `${prefix}${e.path}` }))
    throw new BadRequestError(`${prefix}: ${error.message}`, errors.length > 0 ? errors : undefined)
  }
}

/**
 * Creates a Spotter document's goals (with their manual progress updates) and plans (days and
 * items) inside the caller's transaction, through those modules' own transaction-level creates
 * (their checks, and src/projections judging every goal), after the workouts and logs they may
 * depend on. Ids are new; exercise references go through `exerciseIdFor` (document id → the
 * account's exercise). A goal keeps how it stood (achieved, abandoned; its creation time), which
 * the projections then judge against the data as usual. A plan keeps isActive only when the
 * account has no active plan (an import never takes over the plan the user follows).
 */
export async function writeSpotterExtras (
  trx: Db,
  userId: string,
  file: Pick<ParsedFile, 'goals' | 'plans'>,
  exerciseIdFor: (documentId: string) => string
): Promise<SpotterExtras> {
  const made: SpotterExtras = { goals: [], plans: [] }
  for (const [i, raw] of (file.goals ?? []).entries()) {
    await at(`/goals/${i}`, async () => {
      // The import records everything it made once, at its end (imports.commit.ts).
      const goal = await createGoalTx(trx, userId, toGoalInput(raw, exerciseIdFor), goalStateOf(raw), { record: false })
      await addGoalProgressTx(trx, userId, goal, toGoalProgressInputs(raw), { record: false })
      made.goals.push({ id: goal.id, updatedAt: '' })
    })
  }
  let activeTaken = (await plansRepository.list(trx, userId, { limit: 1, after: undefined, active: true })).length > 0
  for (const [i, raw] of (file.plans ?? []).entries()) {
    const input = toPlanInput(raw, exerciseIdFor)
    if (input.isActive === true && activeTaken) input.isActive = false
    activeTaken ||= input.isActive === true
    const createdAt = asRaw(raw).createdAt
    const id = await at(`/plans/${i}`, async () =>
      await createPlanTx(trx, userId, input, typeof createdAt === 'string' ? createdAt : undefined, { record: false }))
    made.plans.push({ id, updatedAt: '' })
  }
  return await withUpdatedAt(trx, userId, made)
}

/** The updated_at of what was made, read last: judging a goal can stamp it. */
async function withUpdatedAt (trx: Db, userId: string, made: SpotterExtras): Promise<SpotterExtras> {
  const out: SpotterExtras = { goals: [], plans: [] }
  for (const { id } of made.goals) {
    out.goals.push({ id, updatedAt: (await goalsRepository.findById(trx, userId, id))?.updated_at ?? '' })
  }
  for (const { id } of made.plans) {
    out.plans.push({ id, updatedAt: (await plansRepository.find(trx, userId, id))?.updated_at ?? '' })
  }
  return out
}
