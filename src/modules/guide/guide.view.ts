import { createHash } from 'node:crypto'
import type { Db } from '../../db/schema.js'
import { inSnapshot } from '../../db/sql.js'
import { NotFoundError } from '../../lib/errors.js'
import { exercisesRepository } from '../exercises/exercises.repository.js'
import { loadWorkout } from '../workouts/workouts.read.js'
import type { WorkoutDto } from '../workouts/workouts.schemas.js'
import { guideRepository, initialState, type GuideStateRow } from './guide.repository.js'
import type { GuideDto, StepDto } from './guide.schemas.js'
import { orderedSets, pendingSets, restAfter, type OrderedSet } from './guide.steps.js'

/** A workout with its guide state and the order of its sets, as stored now. */
export interface GuideView {
  workout: WorkoutDto
  state: GuideStateRow
  skipped: Set<string>
  ordered: OrderedSet[]
  pending: OrderedSet[]
}

/** A Guide and the SSE event id that names it. */
export interface Snapshot { guide: GuideDto, eventId: string }

export async function loadView (db: Db, userId: string, workoutId: string): Promise<GuideView> {
  // One after the other: `db` may be a transaction, whose connection runs one statement at a time.
  const workout = await loadWorkout(db, userId, workoutId)
  const stored = await guideRepository.find(db, userId, workoutId)
  if (workout === undefined) throw new NotFoundError('Workout')
  const state = stored ?? initialState(workoutId, userId)
  const skipped = new Set(JSON.parse(state.skipped_set_ids) as string[])
  const ordered = orderedSets(workout)
  return { workout, state, skipped, ordered, pending: pendingSets(ordered, skipped) }
}

function toStep (o: OrderedSet, following: OrderedSet | undefined, instructions: string[]): StepDto {
  return {
    workoutExerciseId: o.exercise.id,
    setId: o.set.id,
    exercise: { id: o.exercise.exercise.id, name: o.exercise.exercise.name, instructions },
    setNumber: o.setNumber,
    totalSets: o.exercise.sets.length,
    supersetGroup: o.exercise.supersetGroup,
    targetReps: o.set.targetReps,
    targetWeightKg: o.set.targetWeightKg,
    targetDurationSec: o.set.targetDurationSec,
    targetDistanceM: o.set.targetDistanceM,
    restSec: restAfter(o, following)
  }
}

/** The status is derived at read time from the clock: no timer is needed for it to be right. */
export async function toGuide (db: Db, userId: string, view: GuideView, now = Date.now()): Promise<GuideDto> {
  const { workout, state, ordered } = view
  const completed = workout.status === 'completed'
  const resting = !completed && state.rest_ends_at !== null && Date.parse(state.rest_ends_at) > now
  const [current, next, after] = completed ? [] : view.pending
  const exercises = await exercisesRepository.findVisibleMany(
    db,
    userId,
    [current, next].flatMap((o) => o === undefined ? [] : [o.exercise.exerciseId])
  )
  const instructionsOf = (o: OrderedSet): string[] =>
    JSON.parse(exercises.get(o.exercise.exerciseId)?.instructions ?? '[]') as string[]
  const end = workout.endedAt === null ? now : Date.parse(workout.endedAt)
  return {
    workoutId: workout.id,
    status: completed ? 'completed' : resting ? 'resting' : 'in_progress',
    current: current === undefined ? null : toStep(current, next, instructionsOf(current)),
    next: next === undefined ? null : toStep(next, after, instructionsOf(next)),
    restEndsAt: resting ? state.rest_ends_at : null,
    completedSets: ordered.filter((o) => o.set.completed).length,
    totalSets: ordered.length,
    elapsedSec: Math.max(0, Math.floor((end - Date.parse(workout.startedAt)) / 1000))
  }
}

/**
 * The event id: the guide's version (bumped by guide writes) and a digest of the Guide without
 * its clock, so changes made through the workout routes, which leave the version alone, and a
 * rest running out still give a new id, and a client holding the current id misses nothing.
 */
export function eventIdOf (guide: GuideDto, version: number): string {
  const { elapsedSec: _clock, ...content } = guide
  return `${version}.${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 12)}`
}

/** The Guide now, read in one snapshot: the workout, its sets and the guide state agree. */
export async function readSnapshot (db: Db, userId: string, workoutId: string): Promise<Snapshot> {
  return await inSnapshot(db, async (trx) => {
    const view = await loadView(trx, userId, workoutId)
    const guide = await toGuide(trx, userId, view)
    return { guide, eventId: eventIdOf(guide, view.state.version) }
  })
}
