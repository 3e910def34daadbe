/**
 * What the importers share: a file is parsed (parse/) into plain workouts and progress logs with
 * physical line numbers, its exercise names are matched (match/) to exercises, and the import
 * service stores that as a preview and writes it at commit. Parsers know nothing of the database;
 * everything here is in SI units (kg, m, s) and UTC instants.
 */

export type ImportSource = 'strong' | 'hevy' | 'fitnotes' | 'spotter'
export type WeightUnit = 'kg' | 'lb'
export type DistanceUnit = 'km' | 'mi'
export type ImportSetType = 'normal' | 'warmup' | 'dropset' | 'failure'

/** A line the file has: 1 is the header; a record spanning several lines has its first line. */
export interface LineProblem { line: number, message: string }

export interface ParsedSet {
  line: number
  type: ImportSetType
  reps: number | null
  weightKg: number | null
  durationSec: number | null
  distanceM: number | null
  rpe: number | null
  note: string | null
}

export interface ParsedExercise {
  line: number
  /** The name as the file spells it (first spelling seen); matching keys it (match/). */
  sourceName: string
  /** Spotter documents only: the exercise id the file used (a library id, or one of its customExercises). */
  exerciseId?: string
  notes: string | null
  restSec: number | null
  supersetGroup: number | null
  sets: ParsedSet[]
}

export interface ParsedWorkout {
  line: number
  name: string
  /** ISO 8601 UTC with milliseconds, as the API writes instants. */
  startedAt: string
  /** null: the file gave no duration; the commit completes it with endedAt = startedAt. */
  endedAt: string | null
  notes: string | null
  exercises: ParsedExercise[]
}

export interface ParsedLog {
  line: number
  /** A built-in metric of the contract, or `custom:<name>`. */
  metric: string
  /** In the metric's unit (built-in metrics) or the file's unit (custom ones). */
  value: number
  unit: string
  measuredAt: string
  note: string | null
}

/** A custom exercise a Spotter document brings, in its API shape (name, tracking, muscles, …). */
export interface ParsedCustomExercise {
  /** The id the document used for it; ParsedExercise.exerciseId refers to it. */
  id: string
  definition: Record<string, unknown>
}

export interface ParsedFile {
  /** Data lines read (records after the header, blank lines aside). */
  rows: number
  workouts: ParsedWorkout[]
  progressLogs: ParsedLog[]
  /** Readable but odd lines, and (after skipBadLines) the bad lines left out. */
  warnings: LineProblem[]
  /** Lines that cannot be imported; the service refuses the file unless skipBadLines. */
  badLines: LineProblem[]
  /** The units the file itself names (a header such as `Weight (lbs)`), when it does. */
  weightUnit?: WeightUnit
  distanceUnit?: DistanceUnit
  /** Spotter documents only. */
  customExercises?: ParsedCustomExercise[]
  goals?: Array<Record<string, unknown>>
  plans?: Array<Record<string, unknown>>
}

export interface ParseOptions {
  weightUnit: WeightUnit
  distanceUnit: DistanceUnit
  /** IANA name the file's local times are read in. */
  timeZone: string
}

export type MatchKind = 'library' | 'custom' | 'new_custom' | 'chosen'

/** The contract's ExerciseMatch. */
export interface ExerciseMatch {
  sourceName: string
  exerciseId: string | null
  exerciseName: string | null
  tracking: string
  match: MatchKind
  /** Sets of it the commit will create. */
  sets: number
}
