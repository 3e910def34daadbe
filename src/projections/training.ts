import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { recordSetOf, type NewRecord, type RecordSet, type SetColumns } from '../rules/records.js'
import { bests, type HeldAndVolumes } from './bests.js'
import { fileWorkouts } from './calendar.js'
import type { TouchedWorkout, TrainingChange } from './index.js'
import { evaluateGoals, type GoalScope } from './goals.js'
import {
  addToTotals, refreshExerciseTotals, refreshWorkoutTotals, type TotalsDelta, type WorkoutState
} from './totals.js'
import { versions } from './versions.js'
import { refreshWeeks } from './weeks.js'

const unique = <T>(items: T[]): T[] => [...new Set(items)]

/** The training pipeline, steps 1–6 of src/projections/index.ts, for one write's change. */
export async function applyTraining (
  trx: Db,
  userId: string,
  change: TrainingChange,
  now = new Date().toISOString()
): Promise<{ newRecords: NewRecord[], goalScope?: GoalScope }> {
  const live = change.workouts.filter((w) => w.deleted !== true)
  await fileWorkouts(trx, userId, live.filter((w) => w.before !== undefined).map((w) => w.id))
  const added = change.addedSets
  let states: WorkoutState[]
  let prefetched: HeldAndVolumes | undefined
  if (added === undefined) {
    await refreshExerciseTotals(trx, userId, change.workoutExercises ?? [])
    states = await refreshWorkoutTotals(trx, userId, live.map((w) => w.id), now)
  } else {
    // Logging a set: the bests its offer reads ride on the workout update (its bests lock is held).
    const sets = added.sets.map((a) => a.set)
    const column = holdsLocks(change, sets) ? bests.prefetchColumn(trx, userId, added.workoutId, sets) : undefined
    const updated = await addToTotals(trx, userId, added.workoutId, deltasOf(added.sets), now, column)
    if (column !== undefined) prefetched = bests.prefetched(updated[0]?.also.bests_prefetch)
    states = updated
  }
  const byId = new Map(states.map((s) => [s.id, s]))

  // Added sets are offered to the records like any other appended ones.
  const offered = added === undefined
    ? change
    : {
        ...change,
        appended: [
          ...(change.appended ?? []),
          { workoutId: added.workoutId, sets: added.sets.map((a) => a.set) }
        ]
      }
  const { newRecords, changed: bestsChanged, exerciseIds } = await updateBests(trx, userId, offered, byId, prefetched)
  const weeks = touchedWeeks(change.workouts, byId)
  await refreshWeeks(trx, userId, weeks)
  let goalScope: GoalScope | undefined
  if (change.noGoals !== true) {
    const times = unique(change.workouts.flatMap((w) =>
      [w.before?.startedAt, byId.get(w.id)?.startedAt].filter((t) => t !== undefined)))
    const weekly = change.workouts.some((w) =>
      w.before !== undefined && (w.before?.status === 'completed' || byId.get(w.id)?.status === 'completed'))
    await evaluateGoals(trx, userId, { exerciseIds, weekly, times })
    goalScope = { exerciseIds, weekly: weekly || weeks.length > 0 }
  }
  if (bestsChanged || weeks.length > 0) await versions.statsChanged(trx, userId)
  return { newRecords, goalScope }
}

/** Step 3: which bests can have changed, and how to bring them up to date. */
async function updateBests (
  trx: Db,
  userId: string,
  change: TrainingChange,
  states: Map<string, WorkoutState>,
  prefetched?: HeldAndVolumes
) {
  const moved = new Set<string>()
  for (const w of change.workouts) {
    // A new start moves achievedAt and can decide ties: every exercise of the workout.
    if (w.deleted !== true && w.before != null && w.before.startedAt !== states.get(w.id)?.startedAt) {
      for (const id of await exercisesOf(trx, w.id)) moved.add(id)
    }
  }
  const touched = new Set([
    ...moved,
    ...change.workouts.flatMap((w) => w.deleted === true ? w.exerciseIds ?? [] : []),
    ...(change.appended ?? []).flatMap((a) => a.sets.map((s) => s.exerciseId)),
    ...(change.revised ?? []).flatMap((r) => r.exerciseIds)
  ])
  const locked = new Set(change.lockedExercises ?? [])
  await bests.lock(trx, userId, [...touched].filter((id) => !locked.has(id)))

  const recompute = new Set(moved)
  for (const w of change.workouts.filter((x) => x.deleted === true)) {
    for (const id of await bests.heldBy(trx, userId, w.id)) recompute.add(id)
  }
  const offers: Array<{ workoutId: string, sets: RecordSet[] }> = [...(change.appended ?? [])]
  for (const r of change.revised ?? []) {
    const held = new Set(await bests.heldBy(trx, userId, r.workoutId, r.exerciseIds))
    for (const id of held) recompute.add(id)
    const rest = r.exerciseIds.filter((id) => !held.has(id))
    if (rest.length > 0) offers.push({ workoutId: r.workoutId, sets: await countedSets(trx, r.workoutId, rest) })
  }
  const recomputed = await bests.recompute(trx, userId, [...recompute])
  const newRecords = [...recomputed.newRecords]
  let changed = recomputed.changed
  for (const offer of offers) {
    const sets = offer.sets.filter((s) => !recompute.has(s.exerciseId))
    const state = states.get(offer.workoutId)
    if (sets.length === 0 || state === undefined) continue
    // A prefetch is only made for a change that is exactly one offer (a logged set).
    const read = offers.length === 1 ? prefetched : undefined
    const result = await bests.offer(trx, userId, { id: state.id, startedAt: state.startedAt }, sets, read)
    newRecords.push(...result.newRecords)
    changed ||= result.changed
  }
  return { newRecords, changed, exerciseIds: [...touched] }
}

/** Whether the writer holds the bests lock of every exercise these sets belong to. */
const holdsLocks = (change: TrainingChange, sets: RecordSet[]): boolean =>
  sets.every((s) => change.lockedExercises?.includes(s.exerciseId) === true)

/** Step 2, for added sets: what they add to each workout exercise, counted as the totals count. */
function deltasOf (sets: Array<{ workoutExerciseId: string, set: RecordSet }>): TotalsDelta[] {
  const byExercise = new Map<string, TotalsDelta>()
  for (const { workoutExerciseId, set } of sets) {
    if (!set.completed) continue
    const d = byExercise.get(workoutExerciseId) ?? { workoutExerciseId, sets: 0, reps: 0, volume: 0 }
    d.sets++
    d.reps += set.reps ?? 0
    if (set.type !== 'warmup' && set.reps !== null && set.weightKg !== null) d.volume += set.reps * set.weightKg
    byExercise.set(workoutExerciseId, d)
  }
  return [...byExercise.values()]
}

/** Step 4: the weeks whose completed workouts changed, before and after the write. */
function touchedWeeks (workouts: TouchedWorkout[], states: Map<string, WorkoutState>): number[] {
  const weeks: number[] = []
  for (const w of workouts) {
    const now = states.get(w.id)
    if (now?.status === 'completed' && now.localWeek !== null) weeks.push(now.localWeek)
    if (w.before?.status === 'completed' && w.before.localWeek !== null) weeks.push(w.before.localWeek)
  }
  return unique(weeks)
}

async function exercisesOf (trx: Db, workoutId: string): Promise<string[]> {
  const rows = await trx.selectFrom('workout_exercises')
    .select('exercise_id')
    .distinct()
    .where('workout_id', '=', workoutId)
    .execute()
  return rows.map((r) => r.exercise_id)
}

/** The sets of these exercises in one workout, in order, as records see them. */
async function countedSets (trx: Db, workoutId: string, exerciseIds: string[]): Promise<RecordSet[]> {
  const { rows } = await sql<SetColumns & { exercise_id: string }>`
    select we.exercise_id, s.type, s.completed, s.reps, s.weight_kg, s.duration_sec, s.distance_m
    from workout_exercises we join sets s on s.workout_exercise_id = we.id
    where we.workout_id = ${workoutId} and we.exercise_id in (${sql.join(exerciseIds)})
    order by we.position, s.position`.execute(trx)
  return rows.map((r) => recordSetOf(r, r.exercise_id))
}
