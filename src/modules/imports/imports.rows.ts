import type { Insertable } from 'kysely'
import type { Db } from '../../db/schema.js'
import { newId } from '../../lib/ids.js'
import type { SetsTable, WorkoutExercisesTable, WorkoutsTable } from '../workouts/workouts.tables.js'
import type { ImportSetType, ParsedSet, ParsedWorkout } from './import.types.js'
import type { SpotterSet, SpotterWorkout } from './spotter/index.js'
import { fitSet } from './match/index.js'

/**
 * The rows of an import, written in bulk: one INSERT per few hundred rows rather than the
 * workout routes' statements per workout, so ten years of history is written in seconds. The
 * derived columns start empty; the commit brings them up to date once (src/projections rebuild).
 */
export interface ImportedRows {
  workouts: Array<Insertable<WorkoutsTable>>
  exercises: Array<Insertable<WorkoutExercisesTable>>
  sets: Array<Insertable<SetsTable>>
}

export interface ExerciseTarget { exerciseId: string, tracking: string }

const MAX_REST_SEC = 3600
/** The importers' set types in the API's words. */
const SET_TYPE: Record<ImportSetType, string> = {
  normal: 'normal', warmup: 'warmup', dropset: 'drop', failure: 'failure'
}

export function buildRows (userId: string, workouts: ParsedWorkout[], targetOf: (e: ParsedWorkout['exercises'][0]) =>
ExerciseTarget, now: string): ImportedRows {
  const rows: ImportedRows = { workouts: [], exercises: [], sets: [] }
  for (const w of workouts) {
    const workoutId = newId()
    // Other apps' files hold finished workouts; a Spotter document can hold one still running.
    const running = (w as Partial<SpotterWorkout>).status === 'in_progress'
    rows.workouts.push({
      id: workoutId,
      user_id: userId,
      name: w.name,
      notes: w.notes,
      started_at: w.startedAt,
      ended_at: running ? null : w.endedAt ?? w.startedAt,
      status: running ? 'in_progress' : 'completed',
      plan_id: null,
      plan_day_id: null,
      exercise_count: 0,
      set_count: 0,
      reps: 0,
      volume_kg: 0,
      local_date: null,
      local_week: null,
      created_at: now,
      updated_at: now
    })
    w.exercises.forEach((e, position) => {
      const target = targetOf(e)
      const workoutExerciseId = newId()
      rows.exercises.push({
        id: workoutExerciseId,
        workout_id: workoutId,
        user_id: userId,
        exercise_id: target.exerciseId,
        position,
        notes: e.notes,
        rest_sec: e.restSec === null ? null : Math.min(MAX_REST_SEC, Math.round(e.restSec)),
        superset_group: e.supersetGroup,
        set_count: 0,
        reps: 0,
        volume_kg: 0
      })
      e.sets.forEach((s, setPosition) => {
        rows.sets.push({
          ...setColumns(s, target.tracking, w.startedAt),
          id: newId(),
          workout_exercise_id: workoutExerciseId,
          user_id: userId,
          position: setPosition
        })
      })
    })
  }
  return rows
}

type SetValues = Omit<Insertable<SetsTable>, 'id' | 'workout_exercise_id' | 'user_id' | 'position'>

/**
 * A set's columns: its values as the exercise's tracking records them (see fitSet). A Spotter
 * document's set may be planned (not completed, with targets): its missing values stay empty.
 */
function setColumns (s: ParsedSet, tracking: string, startedAt: string): SetValues {
  const planned = s as Partial<SpotterSet>
  const completed = planned.completed ?? true
  const fitted = fitSet(s, tracking)
  const value = (field: 'reps' | 'weightKg' | 'durationSec' | 'distanceM'): number | null =>
    !completed && fitted.filled.includes(field) ? null : fitted[field]
  return {
    type: SET_TYPE[s.type],
    reps: value('reps'),
    weight_kg: value('weightKg'),
    duration_sec: value('durationSec'),
    distance_m: value('distanceM'),
    rpe: s.rpe,
    completed: completed ? 1 : 0,
    completed_at: completed ? startedAt : null,
    target_reps: planned.targetReps ?? null,
    target_weight_kg: planned.targetWeightKg ?? null,
    target_duration_sec: planned.targetDurationSec ?? null,
    target_distance_m: planned.targetDistanceM ?? null,
    note: s.note
  }
}

// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const CHUNK = 400

/**
 * better-sqlite3 runs each statement synchronously, so a commit of ten years would hold the event
 * loop for seconds; yielding to it between chunks keeps requests that need no database (/health,
 * static files) answered meanwhile. Others wait for the one writer either way.
 */
const yieldToEventLoop = async (): Promise<void> => { await new Promise((resolve) => setImmediate(resolve)) }

async function inChunks<T> (values: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    await insert(values.slice(i, i + CHUNK))
    await yieldToEventLoop()
  }
}

export async function insertRows (trx: Db, rows: ImportedRows): Promise<void> {
  await inChunks(rows.workouts, async (chunk) => await trx.insertInto('workouts').values(chunk).execute())
  await inChunks(rows.exercises, async (chunk) => await trx.insertInto('workout_exercises').values(chunk).execute())
  await inChunks(rows.sets, async (chunk) => await trx.insertInto('sets').values(chunk).execute())
}
