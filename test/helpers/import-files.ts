import { writeFileSync } from 'node:fs'

/**
 * Synthetic exports of Strong, Hevy and FitNotes for the importer tests and the benchmark. They copy
 * the structure of real exports (headers, quoting, set markers, units, durations) and none of their
 * content: a deterministic training history (a seeded generator) is written out in each layout, and
 * the writer records the physical line of every record, so tests can name the lines they expect to
 * be bad. Every number in the model is in SI units (kg, m, s); the writers convert to the file's
 * units the way the apps do (149.99999999999997 lb, 3.1068559611866697 mi).
 */

export type ModelSetType = 'normal' | 'warmup' | 'dropset' | 'failure'

export interface ModelSet {
  type: ModelSetType
  reps: number | null
  weightKg: number | null
  durationSec: number | null
  distanceM: number | null
  rpe: number | null
  note: string | null
}

export interface ModelExercise {
  name: string
  notes: string | null
  restSec: number | null
  supersetId: number | null
  sets: ModelSet[]
}

export interface ModelWorkout {
  name: string
  /** Local wall time `YYYY-MM-DD HH:MM:SS`. */
  start: string
  durationSec: number | null
  notes: string | null
  exercises: ModelExercise[]
}

export interface HistoryOptions {
  workouts?: number
  seed?: number
  /** `YYYY-MM-DD` of the first workout. */
  firstDay?: string
  /** Days between workouts (fractions spread them over the day). */
  everyDays?: number
  exercisesPerWorkout?: number
  setsPerExercise?: number
  /** Notes that span lines (quoted fields holding line breaks). */
  multilineNotes?: boolean
  rpe?: boolean
  supersets?: boolean
}

export type BadKind = 'reps' | 'weight' | 'date' | 'columns' | 'marker' | 'rpe' | 'nul' | 'longName'

export interface WriteOptions {
  weightUnit?: 'kg' | 'lb'
  distanceUnit?: 'km' | 'mi'
  crlf?: boolean
  bom?: boolean
  /** Every field quoted (the default quotes what the app quotes). */
  quoteAll?: boolean
  trailingBlankLines?: number
  /** Strong: header and durations in this language. */
  language?: 'en' | 'zh' | 'fr'
  /** Strong: `38min` instead of `38m`. */
  minDurations?: boolean
  /** Strong: a `Rest Timer` row after each exercise with a rest, a `Note` row for each exercise note. */
  restTimerRows?: boolean
  noteRows?: boolean
  /** Strong: reps and seconds written `8.0`. */
  decimalReps?: boolean
  /** Hevy: `Jun 11, 2026, 1:01 PM` instead of `5 Dec 2025, 11:37`. */
  usDates?: boolean
  /** FitNotes: unquoted commas in some exercise names. */
  commaNames?: boolean
  /** Corrupt data records (0-based, in file order) so that they are bad lines. */
  badLines?: Array<{ row: number, kind: BadKind }>
}

export interface GeneratedFile {
  text: string
  /** Physical line of each data record, in file order. */
  recordLines: number[]
  rows: number
  workouts: number
  /** Set rows written (Rest Timer and Note rows aside), bad ones included. */
  sets: number
  /** Physical lines of the corrupted records. */
  badLines: number[]
  model: ModelWorkout[]
}

export const KG_PER_LB = 0.45359237
export const M_PER_MI = 1609.344

// ---------------------------------------------------------------------------------------------
// The training history

/** mulberry32: small, fast and the same on every machine. */
function random (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const LIFTS = [
  'Bench Press (Barbell)', 'Squat (Barbell)', 'Deadlift (Barbell)', 'Overhead Press (Barbell)',
  'Bent Over Row (Barbell)', 'Lat Pulldown (Cable)', 'Bicep Curl (Dumbbell)', 'Triceps Pushdown (Cable)',
  'Leg Press (Machine)', 'Lateral Raise (Dumbbell)', 'Romanian Deadlift (Barbell)', 'Incline Bench Press (Dumbbell)'
]
const BODYWEIGHT = ['Pull Up', 'Push Up', 'Hanging Leg Raise']
const TIMED = ['Plank']
const CARDIO = ['Running (Treadmill)', 'Rowing (Machine)']
const WORKOUT_NAMES = ['Push Day', 'Pull Day', 'Leg Day', 'Full Body', 'Upper A', 'Lower B']
const SET_NOTES = ['felt easy', 'grip gave out', 'paused reps']
const MULTILINE_NOTES = ['left side weaker\nuse straps next time', 'tempo 3-1-1\nfocus on depth\nfilmed it']

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function localTime (firstDay: string, dayOffset: number, minuteOfDay: number, second: number): string {
  const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + dayOffset * 86_400_000)
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`
  return `${date} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:${pad(second)}`
}

function liftSets (next: () => number, count: number, options: HistoryOptions): ModelSet[] {
  const base = 20 + Math.floor(next() * 60) * 2.5
  return Array.from({ length: count }, (_, i): ModelSet => {
    const type: ModelSetType = i === 0 && next() < 0.5
      ? 'warmup'
      : i === count - 1 && next() < 0.3 ? (next() < 0.5 ? 'dropset' : 'failure') : 'normal'
    const rpe = options.rpe === true && type !== 'warmup' ? 6 + Math.floor(next() * 9) / 2 : null
    const note = next() < 0.08 ? pick(next, options.multilineNotes === true ? MULTILINE_NOTES : SET_NOTES) : null
    const weightKg = type === 'warmup' ? base / 2 : base + (i % 3) * 2.5
    return { type, reps: 3 + Math.floor(next() * 13), weightKg, durationSec: null, distanceM: null, rpe, note }
  })
}

const pick = <T>(next: () => number, list: T[]): T => list[Math.floor(next() * list.length)]

const EMPTY_SET: ModelSet = {
  type: 'normal', reps: null, weightKg: null, durationSec: null, distanceM: null, rpe: null, note: null
}

function otherSets (next: () => number, kind: 'bodyweight' | 'timed' | 'cardio', count: number): ModelSet[] {
  return Array.from({ length: count }, (): ModelSet => {
    const set: ModelSet = { ...EMPTY_SET }
    if (kind === 'bodyweight') set.reps = 5 + Math.floor(next() * 15)
    if (kind === 'timed') set.durationSec = 30 + Math.floor(next() * 10) * 10
    if (kind === 'cardio') {
      set.distanceM = 1000 + Math.floor(next() * 700) * 10
      set.durationSec = 300 + Math.floor(next() * 40) * 30
    }
    return set
  })
}

function buildExercise (next: () => number, index: number, options: HistoryOptions): ModelExercise {
  const sets = options.setsPerExercise ?? 3
  const roll = next()
  const kind = roll < 0.7 ? 'lift' : roll < 0.85 ? 'bodyweight' : roll < 0.93 ? 'timed' : 'cardio'
  const name = pick(next, { lift: LIFTS, bodyweight: BODYWEIGHT, timed: TIMED, cardio: CARDIO }[kind])
  const notesText = options.multilineNotes === true ? 'seat at 4\nhandles wide' : 'seat at 4'
  return {
    name,
    notes: next() < 0.15 ? notesText : null,
    restSec: kind === 'lift' && next() < 0.5 ? 60 + Math.floor(next() * 4) * 30 : null,
    supersetId: options.supersets === true && index >= 2 && index <= 3 ? 0 : null,
    sets: kind === 'lift' ? liftSets(next, sets, options) : otherSets(next, kind, sets)
  }
}

/** A deterministic training history: the same options give the same workouts. */
export function buildHistory (options: HistoryOptions = {}): ModelWorkout[] {
  const next = random(options.seed ?? 1)
  const count = options.workouts ?? 3
  const everyDays = options.everyDays ?? 2.4
  const perWorkout = options.exercisesPerWorkout ?? 4
  const firstDay = options.firstDay ?? '2016-01-04'
  return Array.from({ length: count }, (_, i): ModelWorkout => {
    const minuteOfDay = 6 * 60 + Math.floor(next() * 14 * 60)
    const exercises: ModelExercise[] = []
    for (let e = 0; e < perWorkout; e++) {
      let exercise = buildExercise(next, e, options)
      // Consecutive rows of one name are one exercise: neighbours get different names.
      while (exercise.name === exercises.at(-1)?.name) exercise = buildExercise(next, e, options)
      exercises.push(exercise)
    }
    return {
      name: WORKOUT_NAMES[i % WORKOUT_NAMES.length],
      start: localTime(firstDay, Math.floor(i * everyDays), minuteOfDay, Math.floor(next() * 60)),
      durationSec: (30 + Math.floor(next() * 80)) * 60,
      notes: next() < 0.2 ? (options.multilineNotes === true ? 'slept badly\nshort session' : 'good session') : null,
      exercises
    }
  })
}

export const countSets = (model: ModelWorkout[]): number =>
  model.reduce((n, w) => n + w.exercises.reduce((m, e) => m + e.sets.length, 0), 0)

// ---------------------------------------------------------------------------------------------
// Writing records

interface Table {
  header: string[]
  rows: string[][]
  delimiter: ',' | ';'
  /** Columns quoted as the app quotes them (text columns). */
  quoted: Set<number>
  /** Columns never quoted, even holding the delimiter (FitNotes' exercise names). */
  raw?: Set<number>
  /** The header quoted too (Hevy and the `Workout #` layout quote theirs). */
  quoteHeader?: boolean
  /** Columns that corruptions aim at. */
  target: Partial<Record<'date' | 'reps' | 'weight' | 'order' | 'rpe' | 'name', number>>
}

function quoteCell (cell: string, index: number, table: Table, options: WriteOptions): string {
  if (table.raw?.has(index) === true) return cell
  const needs = cell.includes(table.delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r')
  if (!needs && options.quoteAll !== true && !table.quoted.has(index)) return cell
  return `"${cell.replace(/"/g, '""')}"`
}

function corrupt (row: string[], kind: BadKind, table: Table): void {
  const at = (role: keyof Table['target']): number => {
    const index = table.target[role]
    if (index === undefined) throw new Error(`this layout has no ${role} column to corrupt`)
    return index
  }
  if (kind === 'reps') row[at('reps')] = '1271'
  if (kind === 'weight') row[at('weight')] = 'heavy'
  if (kind === 'date') row[at('date')] = 'yesterday'
  if (kind === 'columns') row.pop()
  if (kind === 'marker') row[at('order')] = 'X'
  if (kind === 'rpe') row[at('rpe')] = '11'
  if (kind === 'nul') row[at('name')] += '\u0000'
  if (kind === 'longName') row[at('name')] = 'x'.repeat(201)
}

function render (table: Table, options: WriteOptions): { text: string, recordLines: number[], badLines: number[] } {
  const eol = options.crlf === true ? '\r\n' : '\n'
  const bad = new Map((options.badLines ?? []).map(({ row, kind }) => [row, kind]))
  const headerTable = { ...table, quoted: new Set(table.quoteHeader === true ? table.header.keys() : []) }
  const lines = [table.header.map((cell, i) => quoteCell(cell, i, headerTable, options)).join(table.delimiter)]
  const recordLines: number[] = []
  const badLines: number[] = []
  let line = 2
  table.rows.forEach((cells, i) => {
    const row = [...cells]
    const kind = bad.get(i)
    if (kind !== undefined) {
      corrupt(row, kind, table)
      badLines.push(line)
    }
    const record = row.map((cell, c) => quoteCell(cell.replace(/\n/g, eol), c, table, options)).join(table.delimiter)
    recordLines.push(line)
    line += 1 + (record.match(/\n/g)?.length ?? 0)
    lines.push(record)
  })
  const blank = eol.repeat(options.trailingBlankLines ?? 0)
  return { text: `${options.bom === true ? '\uFEFF' : ''}${lines.join(eol)}${eol}${blank}`, recordLines, badLines }
}

function generated (table: Table, model: ModelWorkout[], sets: number, options: WriteOptions): GeneratedFile {
  const { text, recordLines, badLines } = render(table, options)
  return { text, recordLines, rows: table.rows.length, workouts: model.length, sets, badLines, model }
}

/** Full float precision, as the apps write converted values. */
const toFileWeight = (kg: number, unit: 'kg' | 'lb'): number => (unit === 'lb' ? kg / KG_PER_LB : kg)
const toFileDistance = (m: number, unit: 'km' | 'mi' | 'm'): number =>
  (unit === 'mi' ? m / M_PER_MI : unit === 'km' ? m / 1000 : m)

// ---------------------------------------------------------------------------------------------
// Strong

export type StrongVariant =
  | 'legacy-9' | 'no-notes-10' | 'no-rpe-10' | 'no-duration-11' | 'classic-12'
  | 'unit-columns-13' | 'unit-columns-14' | 'workout-number-13'

export const STRONG_VARIANTS: StrongVariant[] = [
  'legacy-9', 'no-notes-10', 'no-rpe-10', 'no-duration-11', 'classic-12', 'unit-columns-13', 'unit-columns-14',
  'workout-number-13'
]

type StrongRole =
  | 'number' | 'date' | 'workout' | 'duration' | 'exercise' | 'order' | 'weight' | 'weightUnit' | 'reps' | 'rpe'
  | 'distance' | 'distanceUnit' | 'seconds' | 'notes' | 'workoutNotes'

const STRONG_HEADERS: Record<StrongVariant, string> = {
  'legacy-9': 'Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes',
  'no-notes-10': 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE',
  'no-rpe-10': 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes',
  'no-duration-11': 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
  'classic-12': 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,' +
    'Workout Notes,RPE',
  'unit-columns-13': 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;' +
    'Seconds;Notes;Workout Notes',
  'unit-columns-14': 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;' +
    'Seconds;Notes;Workout Notes;Workout Duration',
  'workout-number-13': 'Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps;RPE;' +
    'Distance (meters);Seconds;Notes;Workout Notes'
}

const STRONG_ROLE: Record<string, StrongRole> = {
  'Workout #': 'number',
  Date: 'date',
  'Workout Name': 'workout',
  Duration: 'duration',
  'Workout Duration': 'duration',
  'Duration (sec)': 'duration',
  'Exercise Name': 'exercise',
  'Set Order': 'order',
  Weight: 'weight',
  kg: 'weight',
  'Weight (kg)': 'weight',
  'Weight Unit': 'weightUnit',
  Reps: 'reps',
  RPE: 'rpe',
  Distance: 'distance',
  km: 'distance',
  'Distance (meters)': 'distance',
  'Distance Unit': 'distanceUnit',
  Seconds: 'seconds',
  Notes: 'notes',
  'Workout Notes': 'workoutNotes'
}

const TRANSLATIONS: Record<'zh' | 'fr', Record<string, string>> = {
  zh: {
    Date: '日期',
    'Workout Name': '锻炼名称',
    Duration: '时长',
    'Exercise Name': '运动名称',
    'Set Order': '设置顺序',
    Weight: '重量',
    Reps: '次',
    Distance: '距离',
    Seconds: '秒',
    Notes: '备注',
    'Workout Notes': '锻炼备注'
  },
  fr: {
    'Workout Name': "Nom de l'entraînement",
    Duration: 'Durée',
    'Exercise Name': "Nom de l'exercice",
    'Set Order': 'Ordre de la série',
    Weight: 'Poids',
    Reps: 'Répétitions',
    Seconds: 'Secondes',
    'Workout Notes': "Notes d'entraînement"
  }
}

/** `1h 5m`, `45m` (or `1h 5min`), `1小时5分钟`, `1 h 5 min`. */
export function strongDuration (seconds: number, language: WriteOptions['language'] = 'en', min = false): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.round((seconds % 3600) / 60)
  if (language === 'zh') return `${hours > 0 ? `${hours}小时` : ''}${minutes}分钟`
  if (language === 'fr') return `${hours > 0 ? `${hours} h ` : ''}${minutes} min`
  const m = min ? 'min' : 'm'
  return hours > 0 ? `${hours}h ${minutes}${m}` : `${minutes}${m}`
}

const MARKER: Record<ModelSetType, string> = { normal: '', warmup: 'W', dropset: 'D', failure: 'F' }

interface StrongContext {
  variant: StrongVariant
  roles: StrongRole[]
  options: WriteOptions
  weightUnit: 'kg' | 'lb'
  lengthUnit: 'km' | 'mi' | 'm'
}

function strongNumber (value: number | null, context: StrongContext, decimal = false): string {
  if (value === null) return context.variant === 'workout-number-13' || context.variant.startsWith('unit') ? '' : '0'
  return decimal && context.options.decimalReps === true ? value.toFixed(1) : String(value)
}

function strongSetCells (set: ModelSet, order: string, context: StrongContext): Partial<Record<StrongRole, string>> {
  const weight = set.weightKg === null ? null : toFileWeight(set.weightKg, context.weightUnit)
  const distance = set.distanceM === null ? null : toFileDistance(set.distanceM, context.lengthUnit)
  const unitColumns = context.variant.startsWith('unit')
  return {
    order,
    weight: strongNumber(weight, context),
    weightUnit: unitColumns && weight !== null ? (context.weightUnit === 'lb' ? 'lbs' : 'kg') : '',
    reps: strongNumber(set.reps, context, true),
    rpe: set.rpe === null ? '' : String(set.rpe),
    distance: strongNumber(distance, context),
    distanceUnit: unitColumns && distance !== null ? (context.lengthUnit === 'mi' ? 'mi.' : 'km') : '',
    seconds: strongNumber(set.durationSec, context, true),
    notes: set.note ?? ''
  }
}

type StrongRecord = Partial<Record<StrongRole, string>>

function strongDurationCell (seconds: number | null, context: StrongContext): string {
  if (seconds === null) return ''
  if (context.variant === 'workout-number-13') return String(seconds)
  return strongDuration(seconds, context.options.language, context.options.minDurations)
}

function strongRows (workout: ModelWorkout, index: number, context: StrongContext): StrongRecord[] {
  const { options, variant } = context
  const head: StrongRecord = {
    number: String(index + 1),
    date: workout.start,
    workout: workout.name,
    duration: strongDurationCell(workout.durationSec, context)
  }
  const rows: StrongRecord[] = []
  for (const exercise of workout.exercises) {
    let normal = variant === 'legacy-9' ? 0 : 1
    const base = { ...head, exercise: exercise.name }
    if (options.noteRows === true && exercise.notes !== null) {
      rows.push({ ...base, ...strongSetCells(EMPTY_SET, 'Note', context), notes: exercise.notes })
    }
    for (const set of exercise.sets) {
      const order = set.type === 'normal' ? String(normal++) : MARKER[set.type]
      rows.push({ ...base, ...strongSetCells(set, order, context) })
    }
    if (options.restTimerRows === true && exercise.restSec !== null) {
      const rest = { ...EMPTY_SET, durationSec: exercise.restSec }
      rows.push({ ...base, ...strongSetCells(rest, 'Rest Timer', context) })
    }
  }
  if (rows.length > 0) rows[0].workoutNotes = workout.notes ?? ''
  return rows
}

function strongHeader (context: StrongContext): string[] {
  const { variant, options: { language } } = context
  const names = STRONG_HEADERS[variant].split(/[,;]/)
  return names.map((name) => {
    if (variant === 'legacy-9' && name === 'kg') return context.weightUnit === 'lb' ? 'lbs' : 'kg'
    if (variant === 'legacy-9' && name === 'km') return context.lengthUnit === 'mi' ? 'mi' : 'km'
    return language === 'zh' || language === 'fr' ? TRANSLATIONS[language][name] ?? name : name
  })
}

/** A Strong export of `model` in one of its layouts. */
export function strongFile (variant: StrongVariant, model: ModelWorkout[], options: WriteOptions = {}): GeneratedFile {
  const roles = STRONG_HEADERS[variant].split(/[,;]/).map((name) => STRONG_ROLE[name])
  const weightUnit = variant === 'workout-number-13' ? 'kg' : options.weightUnit ?? 'kg'
  const lengthUnit = variant === 'workout-number-13' ? 'm' : options.distanceUnit ?? 'km'
  const context: StrongContext = { variant, roles, options, weightUnit, lengthUnit }
  const records = model.flatMap((workout, i) => strongRows(workout, i, context))
  const textRoles = new Set<StrongRole>(['workout', 'exercise', 'notes', 'workoutNotes'])
  if (variant === 'workout-number-13') roles.forEach((role) => textRoles.add(role))
  const index = (role: StrongRole): number | undefined => (roles.includes(role) ? roles.indexOf(role) : undefined)
  const table: Table = {
    header: strongHeader(context),
    rows: records.map((record) => roles.map((role) => record[role] ?? '')),
    delimiter: variant.startsWith('unit') || variant === 'workout-number-13' ? ';' : ',',
    quoted: new Set(roles.flatMap((role, i) => (textRoles.has(role) ? [i] : []))),
    quoteHeader: variant === 'workout-number-13',
    target: {
      date: index('date'),
      reps: index('reps'),
      weight: index('weight'),
      order: index('order'),
      rpe: index('rpe'),
      name: index('exercise')
    }
  }
  const sets = records.filter((record) => record.order !== 'Note' && record.order !== 'Rest Timer').length
  return generated(table, model, sets, options)
}

// ---------------------------------------------------------------------------------------------
// Hevy

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `5 Dec 2025, 11:37` or `Dec 5, 2025, 11:37 AM`: Hevy writes no seconds. */
export function hevyTime (local: string, offsetSec: number, us = false): string {
  const [date, time] = local.split(' ')
  const at = new Date(Date.parse(`${date}T${time}Z`) + offsetSec * 1000)
  const day = at.getUTCDate()
  const month = MONTHS[at.getUTCMonth()]
  const hour = at.getUTCHours()
  const minute = pad(at.getUTCMinutes())
  if (!us) return `${day} ${month} ${at.getUTCFullYear()}, ${pad(hour)}:${minute}`
  const clockHour = hour % 12 === 0 ? 12 : hour % 12
  return `${month} ${day}, ${at.getUTCFullYear()}, ${clockHour}:${minute} ${hour < 12 ? 'AM' : 'PM'}`
}

const HEVY_COLUMNS = [
  'title', 'start_time', 'end_time', 'description', 'exercise_title', 'superset_id', 'exercise_notes', 'set_index',
  'set_type', 'weight_kg', 'reps', 'distance_km', 'duration_seconds', 'rpe'
]

function hevyRows (workout: ModelWorkout, options: WriteOptions): string[][] {
  const weightUnit = options.weightUnit ?? 'kg'
  const lengthUnit = options.distanceUnit ?? 'km'
  const start = hevyTime(workout.start, 0, options.usDates)
  const end = workout.durationSec === null ? '' : hevyTime(workout.start, workout.durationSec, options.usDates)
  return workout.exercises.flatMap((exercise) => exercise.sets.map((set, i) => [
    workout.name, start, end, workout.notes ?? '', exercise.name,
    exercise.supersetId === null ? '' : String(exercise.supersetId), exercise.notes ?? '', String(i), set.type,
    set.weightKg === null ? '' : String(toFileWeight(set.weightKg, weightUnit)),
    set.reps === null ? '' : String(set.reps),
    set.distanceM === null ? '' : String(toFileDistance(set.distanceM, lengthUnit)),
    set.durationSec === null ? '' : String(set.durationSec),
    set.rpe === null ? '' : String(set.rpe)
  ]))
}

/**
 * A Hevy export of `model`, newest workout first. `withSuperset: false` is the older layout
 * without `superset_id`; `semicolon` a spreadsheet re-save.
 */
export function hevyFile (
  model: ModelWorkout[],
  options: WriteOptions & { withSuperset?: boolean, semicolon?: boolean } = {}
): GeneratedFile {
  const withSuperset = options.withSuperset ?? true
  const keep = (_: unknown, i: number): boolean => withSuperset || i !== 5
  const header = HEVY_COLUMNS.filter(keep).map((name) => {
    if (name === 'weight_kg' && options.weightUnit === 'lb') return 'weight_lbs'
    if (name === 'distance_km' && options.distanceUnit === 'mi') return 'distance_miles'
    return name
  })
  const rows = [...model].reverse().flatMap((workout) => hevyRows(workout, options).map((row) => row.filter(keep)))
  const at = (name: string): number => header.indexOf(name)
  const text = ['title', 'start_time', 'end_time', 'description', 'exercise_title', 'exercise_notes', 'set_type']
  // The re-saved file a spreadsheet writes quotes nothing it does not have to.
  const resaved = options.semicolon === true
  const table: Table = {
    header,
    rows,
    delimiter: resaved ? ';' : ',',
    quoted: new Set(resaved ? [] : text.map(at)),
    quoteHeader: !resaved,
    target: {
      date: at('start_time'),
      reps: at('reps'),
      weight: header.findIndex((name) => name.startsWith('weight')),
      order: at('set_type'),
      rpe: at('rpe'),
      name: at('exercise_title')
    }
  }
  return generated(table, model, rows.length, options)
}

// ---------------------------------------------------------------------------------------------
// FitNotes

export type FitNotesVariant = 'old-8' | 'new-9' | 'new-10'

const CATEGORY: Record<string, string> = { Plank: 'Abs', 'Running (Treadmill)': 'Cardio', 'Rowing (Machine)': 'Cardio' }

/** `0:09:21`. */
export const clock = (seconds: number): string =>
  `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`

function fitNotesWeight (set: ModelSet, unit: 'kg' | 'lb'): string {
  // FitNotes writes 0.0 for a body-weight set and nothing for cardio.
  if (set.weightKg === null) return set.reps !== null ? '0.0' : ''
  return String(toFileWeight(set.weightKg, unit))
}

function fitNotesRow (
  date: string, name: string, set: ModelSet, variant: FitNotesVariant, options: WriteOptions
): string[] {
  const weightUnit = options.weightUnit ?? 'kg'
  const lengthUnit = options.distanceUnit ?? 'km'
  const weight = fitNotesWeight(set, weightUnit)
  const unit = weightUnit === 'lb' ? 'lbs' : 'kgs'
  const distance = set.distanceM === null ? '' : String(toFileDistance(set.distanceM, lengthUnit))
  const cells = [
    date, name, CATEGORY[name] ?? 'Strength', weight, ...(variant === 'old-8' ? [] : [weight === '' ? '' : unit]),
    set.reps === null ? '' : String(set.reps), distance, distance === '' ? '' : lengthUnit,
    set.durationSec === null ? '' : clock(set.durationSec)
  ]
  return variant === 'new-10' ? [...cells, set.note ?? ''] : cells
}

/**
 * A FitNotes export of `model`: one workout per date (FitNotes has no set types: all normal).
 * `commaNames` renames every other exercise `Name, Variation` and writes it unquoted, as FitNotes does.
 */
export function fitNotesFile (
  variant: FitNotesVariant, model: ModelWorkout[], options: WriteOptions = {}
): GeneratedFile {
  const unitName = options.weightUnit === 'lb' ? 'lbs' : 'kgs'
  const weightHeader = variant === 'old-8' ? [`Weight (${unitName})`] : ['Weight', 'Weight Unit']
  const header = ['Date', 'Exercise', 'Category', ...weightHeader, 'Reps', 'Distance', 'Distance Unit', 'Time',
    ...(variant === 'new-10' ? ['Comment'] : [])]
  const rows = model.flatMap((workout) => workout.exercises.flatMap((exercise, e) => {
    const name = options.commaNames === true && e % 2 === 1 ? `${exercise.name}, Paused` : exercise.name
    return exercise.sets.map((set) => fitNotesRow(workout.start.slice(0, 10), name, set, variant, options))
  }))
  const table: Table = {
    header,
    rows,
    delimiter: ',',
    quoted: new Set(variant === 'new-10' ? [header.length - 1] : []),
    raw: new Set(options.commaNames === true ? [1] : []),
    target: { date: 0, reps: header.indexOf('Reps'), weight: 3, name: 1 }
  }
  return generated(table, model, rows.length, options)
}

export interface BodyEntry { date: string, time: string, measurement: string, value: number, unit: string }

/** FitNotes' body tracker export. */
export function bodyTrackerFile (entries: BodyEntry[], options: WriteOptions = {}): GeneratedFile {
  const table: Table = {
    header: ['Date', 'Time', 'Measurement', 'Value', 'Unit'],
    rows: entries.map((e) => [e.date, e.time, e.measurement, String(e.value), e.unit]),
    delimiter: ',',
    quoted: new Set(),
    target: { date: 0, weight: 3, name: 2 }
  }
  return generated(table, [], 0, options)
}

// ---------------------------------------------------------------------------------------------
// Benchmark files

const TEN_YEARS: HistoryOptions = {
  workouts: 1500, everyDays: 2.43, exercisesPerWorkout: 8, setsPerExercise: 5, rpe: true
}

/** Ten years of Strong history: 1,500 workouts of 8 exercises × 5 sets, 60,000 rows (classic layout). */
export function strongHistoryFile (variant: StrongVariant = 'classic-12'): GeneratedFile {
  const model = buildHistory({ ...TEN_YEARS, seed: 7 })
  return strongFile(variant, model)
}

export function hevyHistoryFile (): GeneratedFile {
  const model = buildHistory({ ...TEN_YEARS, seed: 11, supersets: true })
  return hevyFile(model)
}

/** Writes the two ten-year files (about 60,000 rows each) for the benchmark; returns their paths. */
export function writeHistoryFiles (dir: string): { strong: string, hevy: string } {
  const strong = `${dir}/strong-10-years.csv`
  const hevy = `${dir}/hevy-10-years.csv`
  writeFileSync(strong, strongHistoryFile().text)
  writeFileSync(hevy, hevyHistoryFile().text)
  return { strong, hevy }
}
