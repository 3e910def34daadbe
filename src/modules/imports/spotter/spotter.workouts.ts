import { checkEnd, instant } from '../../../lib/time.js'
import { CreateWorkoutBody, MAX_EXERCISES, MAX_SETS, type CreateWorkoutInput } from '../../workouts/workouts.inputs.js'
import type { ImportSetType, ParsedExercise } from '../import.types.js'
import { addProblem, check, compile, prune, schemaProblems, type Problems } from './spotter.check.js'
import { asList, asRaw, toWorkoutInput } from './spotter.inputs.js'
import type { SpotterSet, SpotterWorkout } from './spotter.types.js'

const validateWorkout = compile(CreateWorkoutBody)
const SET_TYPES: Record<string, ImportSetType> = {
  normal: 'normal',
  warmup: 'warmup',
  drop: 'dropset',
  failure: 'failure'
}

type NewExercise = NonNullable<CreateWorkoutInput['exercises']>[number]
type NewSet = NonNullable<NewExercise['sets']>[number]

/** The contract's caps: the 101st and later sets of an exercise, and a 101st exercise, are bad lines. */
function capSizes (input: CreateWorkoutInput, at: string, problems: Problems): void {
  const exercises = input.exercises ?? []
  for (let j = MAX_EXERCISES; j < exercises.length; j++) {
    addProblem(problems, `/exercises/${j}`,
      `${at}/exercises/${j} is exercise ${j + 1} of the workout (at most ${MAX_EXERCISES})`)
  }
  exercises.forEach((e, j) => {
    for (let k = MAX_SETS; k < (e.sets ?? []).length; k++) {
      addProblem(problems, `/exercises/${j}/sets/${k}`,
        `${at}/exercises/${j}/sets/${k} is set ${k + 1} of the exercise (at most ${MAX_SETS})`)
    }
  })
}

/** The checks the body schema cannot make: real instants, the end after the start, each exercise's name. */
function checkWorkout (raw: unknown, input: CreateWorkoutInput, at: string, problems: Problems): string[] {
  const { startedAt, endedAt } = input
  if (typeof startedAt === 'string') {
    check(problems, '', () => {
      const end = typeof endedAt === 'string' ? instant(endedAt, `${at}/endedAt`) : null
      checkEnd(instant(startedAt, `${at}/startedAt`), end, `${at}/endedAt`)
    })
  }
  return asList(asRaw(raw).exercises).map((e, j) => {
    const name = asRaw(asRaw(e).exercise).name
    if (typeof name === 'string' && name.trim() !== '') return name
    addProblem(problems, `/exercises/${j}`, `${at}/exercises/${j}/exercise/name must be the exercise's name`)
    return ''
  })
}

const toSet = (s: NewSet): SpotterSet => ({
  line: 1,
  type: SET_TYPES[s.type ?? 'normal'],
  reps: s.reps ?? null,
  weightKg: s.weightKg ?? null,
  durationSec: s.durationSec ?? null,
  distanceM: s.distanceM ?? null,
  rpe: s.rpe ?? null,
  note: s.note ?? null,
  completed: s.completed ?? true,
  targetReps: s.targetReps ?? null,
  targetWeightKg: s.targetWeightKg ?? null,
  targetDurationSec: s.targetDurationSec ?? null,
  targetDistanceM: s.targetDistanceM ?? null
})

const toExercise = (e: NewExercise & { sourceName: string }): ParsedExercise => ({
  line: 1,
  sourceName: e.sourceName,
  exerciseId: e.exerciseId,
  notes: e.notes ?? null,
  restSec: e.restSec ?? null,
  supersetGroup: e.supersetGroup ?? null,
  sets: (e.sets ?? []).map(toSet)
})

/**
 * One workout of the document (at `at`, e.g. `/workouts/3`) as the importers' ParsedWorkout,
 * checked with POST /workouts' own body schema; what breaks it is left out, by the smallest unit.
 */
export function readWorkout (raw: unknown, at: string): { item?: SpotterWorkout, problems: Problems } {
  const input = toWorkoutInput(raw)
  const problems: Problems = new Map()
  capSizes(input, at, problems)
  const exercises = (input.exercises ?? []).slice(0, MAX_EXERCISES)
  const capped = { ...input, exercises: exercises.map((e) => ({ ...e, sets: (e.sets ?? []).slice(0, MAX_SETS) })) }
  schemaProblems(validateWorkout, capped, at, ['exercises', 'sets'], problems)
  const names = checkWorkout(raw, capped, at, problems)
  if (problems.has('')) return { problems }
  const named = { ...capped, exercises: capped.exercises.map((e, j) => ({ ...e, sourceName: names[j] })) }
  const kept = prune(named, new Set(problems.keys()))
  const endedAt = typeof kept.endedAt === 'string' ? instant(kept.endedAt, `${at}/endedAt`) : null
  return {
    problems,
    item: {
      line: 1,
      name: kept.name,
      startedAt: instant(kept.startedAt, `${at}/startedAt`),
      endedAt,
      notes: kept.notes ?? null,
      status: endedAt === null ? 'in_progress' : 'completed',
      exercises: kept.exercises.map(toExercise)
    }
  }
}
