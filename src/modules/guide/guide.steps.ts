import type { SetDto, WorkoutDto, WorkoutExerciseDto } from '../workouts/workouts.schemas.js'

/**
 * The order a workout is done in, derived from its exercises and sets on every read, so any
 * change through the workout routes (a set added, an exercise swapped or moved) counts at once.
 * Neighbouring exercises with the same supersetGroup form a group that runs round-robin: set 1
 * of each, then set 2 of each, … A lone exercise is a group of one.
 */
export interface OrderedSet {
  exercise: WorkoutExerciseDto
  set: SetDto
  setNumber: number
  group: number
  round: number
  groupSize: number
  /** The rest after a round of a superset: the longest restSec in the group. */
  groupRestSec: number
}

function groups (exercises: WorkoutExerciseDto[]): WorkoutExerciseDto[][] {
  const out: WorkoutExerciseDto[][] = []
  for (const exercise of exercises) {
    const last = out.at(-1)
    const joins = last !== undefined &&
      exercise.supersetGroup !== null &&
      last[0].supersetGroup === exercise.supersetGroup
    if (joins) last.push(exercise)
    else out.push([exercise])
  }
  return out
}

export function orderedSets (workout: WorkoutDto): OrderedSet[] {
  const out: OrderedSet[] = []
  groups(workout.exercises).forEach((members, group) => {
    const rounds = Math.max(0, ...members.map((m) => m.sets.length))
    const groupRestSec = Math.max(0, ...members.map((m) => m.restSec ?? 0))
    for (let round = 0; round < rounds; round++) {
      for (const exercise of members) {
        const set = exercise.sets[round]
        if (set !== undefined) {
          out.push({ exercise, set, setNumber: round + 1, group, round, groupSize: members.length, groupRestSec })
        }
      }
    }
  })
  return out
}

/** Sets still to do: neither completed nor skipped, in the order above. */
export const pendingSets = (ordered: OrderedSet[], skipped: ReadonlySet<string>): OrderedSet[] =>
  ordered.filter((o) => !o.set.completed && !skipped.has(o.set.id))

/**
 * The rest that completing `step` starts when `following` comes next: none at the end, none
 * between the sets of one superset round, the group's longest rest after a round, otherwise
 * the exercise's own restSec.
 */
export function restAfter (step: OrderedSet, following: OrderedSet | undefined): number {
  if (following === undefined) return 0
  if (step.groupSize > 1) {
    return following.group === step.group && following.round === step.round ? 0 : step.groupRestSec
  }
  return step.exercise.restSec ?? 0
}
