import type { ParsedExercise, ParsedSet, ParsedWorkout } from '../import.types.js'
import { toIso } from './local-time.js'
import type { Problems } from './problems.js'
import { LineError, MAX_NOTES } from './values.js'

/**
 * Groups the rows every exporter writes (one per set) into workouts and exercises. A workout is
 * the rows of one key (the reader decides what the key is); an exercise is consecutive rows of
 * one name within its workout, so the same name twice, apart, is two workout exercises. The
 * contract's limits apply here: the 101st and later sets of an exercise, and every row of the
 * 101st and later exercises of a workout, are bad lines.
 */

export const MAX_EXERCISES = 100
export const MAX_SETS = 100
/** Longer than this, a workout was left open (shared/API.md): it ends when it started. */
export const MAX_WORKOUT_SEC = 12 * 3600
const TOO_MANY_EXERCISES = `the workout already has ${MAX_EXERCISES} exercises: the 101st and later are not imported`
const TOO_MANY_SETS = `the exercise already has ${MAX_SETS} sets in this workout: the 101st and later are not imported`

export interface WorkoutHead {
  name: string
  startedAt: string
  endedAt: string | null
  /** Said once, on the workout's first row. */
  warnings: string[]
}

export type RowEntry =
  | { kind: 'set', set: ParsedSet, warnings?: string[] }
  | { kind: 'rest', seconds: number | null }
  | { kind: 'note', note: string | null }

export interface AssembledRow {
  line: number
  workoutKey: string
  head: WorkoutHead
  workoutNotes: string | null
  exerciseName: string
  exerciseNotes: string | null
  /** Hevy's superset_id: exercises sharing one within a workout share a supersetGroup. */
  supersetKey: string | null
  entry: RowEntry
}

interface ExerciseDraft { exercise: ParsedExercise, notes: string[] }

interface WorkoutDraft {
  workout: ParsedWorkout
  notes: string[]
  exercises: ExerciseDraft[]
  /** Exercises begun, refused ones included: the 101st stays refused for all its rows. */
  begun: number
  lastName: string | null
  current: ExerciseDraft | null
  supersets: Map<string, number>
}

const addDistinct = (list: string[], text: string | null): void => {
  if (text !== null && !list.includes(text)) list.push(text)
}

/** Workout end from a duration in seconds: null without one; over 12 h, the start (with a warning). */
export function endFromDuration (startedAt: string, seconds: number | null, warnings: string[]): string | null {
  if (seconds === null) return null
  if (seconds > MAX_WORKOUT_SEC) {
    const hours = Math.round(seconds / 360) / 10
    warnings.push(`the workout lasted ${hours} h, over 12 h: it was left open, so it ends when it started`)
    return startedAt
  }
  return toIso(Date.parse(startedAt) + Math.round(seconds) * 1000)
}

export class WorkoutAssembler {
  private readonly drafts = new Map<string, WorkoutDraft>()
  private lastKey: string | undefined
  private lastDraft: WorkoutDraft | undefined

  constructor (private readonly problems: Problems) {}

  add (row: AssembledRow): void {
    const draft = this.draftFor(row)
    const exercise = this.exerciseFor(draft, row)
    if (exercise === null) {
      this.problems.bad(row.line, TOO_MANY_EXERCISES)
      return
    }
    if (!this.addEntry(exercise, row)) return
    addDistinct(draft.notes, row.workoutNotes)
    addDistinct(exercise.notes, row.exerciseNotes)
  }

  workouts (): ParsedWorkout[] {
    return [...this.drafts.values()].map((draft) => this.finish(draft))
  }

  private draftFor (row: AssembledRow): WorkoutDraft {
    if (row.workoutKey === this.lastKey && this.lastDraft !== undefined) return this.lastDraft
    let draft = this.drafts.get(row.workoutKey)
    if (draft === undefined) {
      const { name, startedAt, endedAt, warnings } = row.head
      draft = {
        workout: { line: row.line, name, startedAt, endedAt, notes: null, exercises: [] },
        notes: [],
        exercises: [],
        begun: 0,
        lastName: null,
        current: null,
        supersets: new Map()
      }
      for (const message of warnings) this.problems.warn(row.line, message)
      this.drafts.set(row.workoutKey, draft)
    }
    this.lastKey = row.workoutKey
    this.lastDraft = draft
    return draft
  }

  private exerciseFor (draft: WorkoutDraft, row: AssembledRow): ExerciseDraft | null {
    if (row.exerciseName === draft.lastName) return draft.current
    draft.lastName = row.exerciseName
    draft.begun++
    if (draft.begun > MAX_EXERCISES) {
      draft.current = null
      return null
    }
    const exercise: ParsedExercise = {
      line: row.line,
      sourceName: row.exerciseName,
      notes: null,
      restSec: null,
      supersetGroup: this.supersetGroup(draft, row.supersetKey),
      sets: []
    }
    draft.current = { exercise, notes: [] }
    draft.exercises.push(draft.current)
    return draft.current
  }

  /** Superset ids become 1, 2, … in the order the workout first uses them. */
  private supersetGroup (draft: WorkoutDraft, key: string | null): number | null {
    if (key === null) return null
    let group = draft.supersets.get(key)
    if (group === undefined) {
      group = draft.supersets.size + 1
      draft.supersets.set(key, group)
    }
    return group
  }

  /** False when the row is refused (the 101st set). */
  private addEntry (draft: ExerciseDraft, row: AssembledRow): boolean {
    const { entry } = row
    const exercise = draft.exercise
    if (entry.kind === 'rest') {
      if (entry.seconds !== null) exercise.restSec = Math.max(exercise.restSec ?? 0, Math.round(entry.seconds))
    } else if (entry.kind === 'note') {
      addDistinct(draft.notes, entry.note)
    } else if (exercise.sets.length >= MAX_SETS) {
      this.problems.bad(row.line, TOO_MANY_SETS)
      return false
    } else {
      exercise.sets.push(entry.set)
      if (entry.warnings !== undefined) for (const message of entry.warnings) this.problems.warn(row.line, message)
    }
    return true
  }

  private finish (draft: WorkoutDraft): ParsedWorkout {
    draft.workout.notes = this.joinNotes(draft.notes, draft.workout.line, 'workout notes')
    draft.workout.exercises = draft.exercises.map(({ exercise, notes }) => {
      exercise.notes = this.joinNotes(notes, exercise.line, 'exercise notes')
      return exercise
    })
    return draft.workout
  }

  /** Several distinct notes are kept one per line; past the contract's 4000 characters they are cut. */
  private joinNotes (notes: string[], line: number, what: string): string | null {
    if (notes.length === 0) return null
    const joined = notes.join('\n')
    if (joined.length <= MAX_NOTES) return joined
    this.problems.warn(line, `the ${what} together are longer than ${MAX_NOTES} characters: cut to ${MAX_NOTES}`)
    return joined.slice(0, MAX_NOTES)
  }
}

const NONE: string[] = []

/** Warnings for readable but odd sets: every value empty, or a weight with nothing to count it by. */
export function oddSetWarnings (set: ParsedSet): string[] {
  const { reps, weightKg, durationSec, distanceM } = set
  if (reps === null && weightKg === null && durationSec === null && distanceM === null) {
    return ['the set has no values (no reps, weight, duration or distance): left out']
  }
  if (weightKg !== null && reps === null && durationSec === null && distanceM === null) {
    return [`the set has a weight (${weightKg} kg) but no reps`]
  }
  return NONE
}

/**
 * Workout heads (start, name, end) read once per distinct set of the cells they come from, so that
 * every row's date is checked even where the workout key is something else (`Workout #`). Rows
 * come in runs of one workout: a row with the same cells as the row before reuses its head
 * without building a key.
 */
export class HeadCache {
  private readonly heads = new Map<string, WorkoutHead | LineError>()
  private lastCells: string[] = []
  private last: WorkoutHead | LineError | undefined

  get (cells: string[], read: () => WorkoutHead): WorkoutHead {
    if (this.last === undefined || !sameCells(cells, this.lastCells)) {
      this.last = this.lookUp(cells.join('\u0000'), read)
      this.lastCells = cells
    }
    if (this.last instanceof LineError) throw this.last
    return this.last
  }

  private lookUp (key: string, read: () => WorkoutHead): WorkoutHead | LineError {
    let head = this.heads.get(key)
    if (head === undefined) {
      try {
        head = read()
      } catch (error) {
        if (!(error instanceof LineError)) throw error
        head = error
      }
      this.heads.set(key, head)
    }
    return head
  }
}

function sameCells (a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The reader's own warnings for a set and the odd-set ones, without allocating for the common none. */
export function withOddSetWarnings (warnings: string[], set: ParsedSet): string[] {
  const odd = oddSetWarnings(set)
  if (odd.length === 0) return warnings
  return warnings.length === 0 ? odd : [...warnings, ...odd]
}
