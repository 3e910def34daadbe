import { NotFoundError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import { plansRepository } from '../plans/plans.repository.js'
import type { PlanItemDto } from '../plans/plans.schemas.js'
import type { NewWorkoutExerciseInput } from '../workouts/workouts.inputs.js'
import { loadWorkout } from '../workouts/workouts.read.js'
import { workoutsRepository } from '../workouts/workouts.repository.js'
import { claim } from '../workouts/workouts.rules.js'
import type { WorkoutDto } from '../workouts/workouts.schemas.js'
import { createWorkoutTx, type Created } from '../workouts/workouts.service.js'
import { writeWorkout, type WriteDeps } from '../workouts/workouts.write.js'
import { guideRepository, initialState } from './guide.repository.js'

/** A plan item as a workout exercise: one planned set (completed: false) per set, the targets filled in. */
const plannedExercise = (item: PlanItemDto): NewWorkoutExerciseInput => ({
  exerciseId: item.exerciseId,
  notes: item.notes,
  restSec: item.restSec,
  supersetGroup: item.supersetGroup,
  sets: Array.from({ length: item.sets }, () => ({
    completed: false,
    // A rep range aims for its top.
    targetReps: item.reps ?? item.repsMax,
    targetWeightKg: item.weightKg,
    targetDurationSec: item.durationSec,
    targetDistanceM: item.distanceM
  }))
})

/**
 * Starts a plan day now: an in-progress workout named after the day, holding its items in
 * order, and its guide state, in one transaction. A client id already used by this user
 * replays (200); used by anyone else, 409. Another user's plan or day is a 404.
 */
export async function startPlanDay (deps: WriteDeps, userId: string, planId: string, dayId: string, input: { id?: string }): Promise<Created<WorkoutDto>> {
  return await writeWorkout<Created<WorkoutDto>>(deps, userId, async (trx) => {
    // Someone else's plan is a 404 whatever the id says.
    const day = (await plansRepository.load(trx, userId, planId))?.days.find((d) => d.id === dayId)
    if (day === undefined) throw new NotFoundError('Plan day')
    if (input.id !== undefined) {
      const owner = await workoutsRepository.ownerOf(trx, input.id)
      if (claim(owner === undefined ? undefined : { user_id: owner }, userId) === 'replay') {
        return { result: { created: false, body: await loadWorkout(trx, userId, input.id) as WorkoutDto } }
      }
    }
    // Exercises deleted since the plan was made still run: the workout keeps showing them by name.
    const { workout, touched } = await createWorkoutTx(trx, userId, {
      id: input.id,
      name: day.name,
      startedAt: nowIso(),
      planId,
      planDayId: dayId,
      exercises: day.items.map(plannedExercise)
    }, { allowArchived: true })
    await guideRepository.save(trx, { ...initialState(workout.id, userId), updated_at: workout.createdAt })
    return { result: { created: true, body: workout }, touched }
  })
}
