import type { Db } from '../../db/schema.js'
import { CHANNELS } from '../../lib/channels.js'
import { ConflictError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import type { NewRecord } from '../../rules/records.js'
import { SetsService } from '../workouts/sets.service.js'
import type { PatchSetInput } from '../workouts/workouts.inputs.js'
import type { SetDto, WorkoutDto } from '../workouts/workouts.schemas.js'
import { WorkoutsService } from '../workouts/workouts.service.js'
import { lockWorkout, writeWorkout, type WriteDeps } from '../workouts/workout-writes.js'
import { guideRepository } from './guide.repository.js'
import type { CompleteInput, GuideDto, SkipInput } from './guide.schemas.js'
import { restAfter } from './guide.steps.js'
import { loadView, readSnapshot, type GuideView, type Snapshot } from './guide.view.js'

/** Values of a set completed through the guide: what was sent, else the set's targets (which stay as planned). */
function completion (input: CompleteInput, set: SetDto): PatchSetInput {
  const or = <T>(given: T | undefined, target: T): T => given === undefined ? target : given
  return {
    completed: true,
    reps: or(input.reps, set.targetReps),
    weightKg: or(input.weightKg, set.targetWeightKg),
    durationSec: or(input.durationSec, set.targetDurationSec),
    distanceM: or(input.distanceM, set.targetDistanceM),
    ...(input.rpe !== undefined ? { rpe: input.rpe } : {}),
    ...(input.note !== undefined ? { note: input.note } : {})
  }
}

const restUntil = (sec: number): string | null => sec > 0 ? new Date(Date.now() + sec * 1000).toISOString() : null

/**
 * The guided workout's rules. Every write locks the workout first (PostgreSQL; SQLite runs one
 * transaction at a time), so two devices acting at once take turns and each acts on the step
 * the other left. Set completions go through the workouts service, so totals, records, goals
 * and the workoutChanged event work exactly as for any set.
 */
export class GuideService {
  private readonly sets: SetsService
  private readonly workouts: WorkoutsService

  constructor (private readonly deps: WriteDeps) {
    this.sets = new SetsService(deps)
    this.workouts = new WorkoutsService(deps)
  }

  async snapshot (userId: string, workoutId: string): Promise<Snapshot> {
    return await readSnapshot(this.deps.db, userId, workoutId)
  }

  async get (userId: string, workoutId: string): Promise<GuideDto> {
    return (await this.snapshot(userId, workoutId)).guide
  }

  /** The workout locked for a guide write, with a current step (409 when there is none). */
  private async actionable (trx: Db, userId: string, workoutId: string): Promise<GuideView> {
    await lockWorkout(trx, userId, workoutId)
    const view = await loadView(trx, userId, workoutId)
    if (view.workout.status === 'completed') throw new ConflictError('The workout is completed')
    if (view.pending.length === 0) {
      throw new ConflictError('No step left: every set is completed or skipped; finish the workout')
    }
    return view
  }

  /** Completes the current step and starts the rest that follows it (a rest under way ends early). */
  async complete (
    userId: string,
    workoutId: string,
    input: CompleteInput
  ): Promise<GuideDto & { newRecords: NewRecord[] }> {
    const { newRecords } = await writeWorkout(this.deps, userId, async (trx) => {
      const view = await this.actionable(trx, userId, workoutId)
      const [current, following] = view.pending
      const outcome = await this.sets.patchIn(
        trx,
        userId,
        workoutId,
        current.exercise.id,
        current.set.id,
        completion(input, current.set)
      )
      await this.save(trx, view, { rest_ends_at: restUntil(restAfter(current, following)) })
      return outcome
    })
    return { ...await this.get(userId, workoutId), newRecords }
  }

  /** Skips the current set, or every remaining set of its exercise; they stay completed: false. */
  async skip (userId: string, workoutId: string, input: SkipInput): Promise<GuideDto> {
    await this.deps.db.transaction().execute(async (trx) => {
      const view = await this.actionable(trx, userId, workoutId)
      const current = view.pending[0]
      const skipping = input.scope === 'exercise'
        ? view.pending.filter((o) => o.exercise.id === current.exercise.id)
        : [current]
      for (const o of skipping) view.skipped.add(o.set.id)
      await this.save(trx, view, { rest_ends_at: null })
    })
    await this.deps.bus.publish(CHANNELS.guideChanged, JSON.stringify({ workoutId, userId }))
      .catch((err: unknown) => this.deps.log?.warn({ err }, 'guideChanged not published'))
    return await this.get(userId, workoutId)
  }

  /**
   * Ends the workout now (never before its start); unfinished sets stay completed: false. Finishing twice changes
   * nothing.
   */
  async finish (userId: string, workoutId: string): Promise<WorkoutDto> {
    const workout = await this.workouts.get(userId, workoutId)
    if (workout.status === 'completed') return workout
    const now = nowIso()
    return await this.workouts.patch(userId, workoutId, { endedAt: now < workout.startedAt ? workout.startedAt : now })
  }

  /** Writes the state with the next version; skips of sets deleted since are dropped. */
  private async save (trx: Db, view: GuideView, changes: { rest_ends_at: string | null }): Promise<void> {
    const existing = new Set(view.ordered.map((o) => o.set.id))
    await guideRepository.save(trx, {
      ...view.state,
      ...changes,
      skipped_set_ids: JSON.stringify([...view.skipped].filter((id) => existing.has(id))),
      version: Number(view.state.version) + 1,
      updated_at: nowIso()
    })
  }
}
