import { NotFoundError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import { plansRepository } from '../plans/plans.repository.js'
import type { PlanItemDto } from '../plans/plans.schemas.js'
import { upcomingTargets, type UpcomingItem } from '../plans/plans.upcoming.js'
import type { ExerciseToCreate } from '../workouts/workout-exercises.rows.js'
import { workoutsRepository } from '../workouts/workouts.repository.js'
import type { WorkoutDto } from '../workouts/workouts.schemas.js'
import { createWorkoutTx } from '../workouts/workouts.create.js'
import { mustLoad } from '../workouts/workouts.service.js'
import { writeWorkout, type WriteDeps } from '../workouts/workout-writes.js'
import { claimId } from '../../lib/client-id.js'
import type { Created } from '../../lib/replies.js'
import { guideRepository, initialState } from './guide.repository.js'

/**
 * A plan item as a workout exercise: its warm-ups, then one planned set (completed: false) per set, with the
 * targets its progression rule gives (a plain rep range aims for its top), linked to the item for next time.
 */
const plannedExercise = (item: PlanItemDto, next: UpcomingItem): ExerciseToCreate => ({
  exerciseId: item.exerciseId,
  planItemId: item.id,
  notes: item.notes,
  restSec: item.restSec,
  supersetGroup: item.supersetGroup,
  sets: [
    ...next.warmups.map((w) => ({
      type: 'warmup' as const,
      completed: false,
      targetReps: w.reps,
      targetWeightKg: w.weightKg
    })),
    ...Array.from({ length: item.sets }, () => ({
      completed: false,
      targetReps: next.targetReps,
      targetWeightKg: next.targetWeightKg,
      targetDurationSec: item.durationSec,
      targetDistanceM: item.distanceM
    }))
  ]
})

/**
 * Starts a plan day now: an in-progress workout named after the day, holding its items in
 * order, and its guide state, in one transaction. A client id already used by this user
 * replays (200); used by anyone else, 409. Another user's plan or day is a 404.
 */
export async function startPlanDay (
  deps: WriteDeps,
  userId: string,
  planId: string,
  dayId: string,
  input: { id?: string }
): Promise<Created<WorkoutDto>> {
  let created = true
  const { result } = await writeWorkout<WorkoutDto>(deps, userId, async (trx) => {
    // Someone else's plan is a 404 whatever the id says.
    const day = (await plansRepository.load(trx, userId, planId))?.days.find((d) => d.id === dayId)
    if (day === undefined) throw new NotFoundError('Plan day')
    if (input.id !== undefined) {
      const owner = await workoutsRepository.ownerOf(trx, input.id)
      if (claimId(owner === undefined ? undefined : { userId: owner }, userId) === 'replay') {
        created = false
        return { result: await mustLoad(trx, userId, input.id) }
      }
    }
    const upcoming = await upcomingTargets(trx, userId, day)
    // Exercises deleted since the plan was made still run: the workout keeps showing them by name.
    const { id, change } = await createWorkoutTx(trx, userId, {
      id: input.id,
      name: day.name,
      startedAt: nowIso(),
      planId,
      planDayId: dayId,
      exercises: day.items.map((item, i) => plannedExercise(item, upcoming[i]))
    }, { allowArchived: true })
    await guideRepository.save(trx, { ...initialState(id, userId), updated_at: nowIso() })
    return { read: async (db) => await mustLoad(db, userId, id), change }
  })
  return { created, body: result }
}
