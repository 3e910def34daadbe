import type { ImportSetType, ParsedFile, ParsedSet, ParseOptions, WeightUnit } from '../import.types.js'
import {
  endFromDuration, HeadCache, withOddSetWarnings, WorkoutAssembler, type RowEntry, type WorkoutHead
} from './assemble.js'
import type { CsvFile, CsvRecord } from './csv.js'
import { readIsoLikeDate } from './dates.js'
import { parseDuration } from './durations.js'
import { checkHasHeader, chooseLayout, columnsOf, type CellCheck, type Layout } from './layouts.js'
import { Problems } from './problems.js'
import {
  distanceUnitOf, lengthUnitInHeader, lengthUnitOf, oddDistanceUnit, toKg, toMeters, weightUnitInHeader, weightUnitOf,
  type LengthUnit
} from './units.js'
import {
  checkDistanceM, checkDurationSec, checkWeightKg, LineError, quote, readName, readNote, readNumber, readReps, readRpe,
  wrongWidth
} from './values.js'

/**
 * Strong's CSV exports (shared/API.md, Import and export): one row per set, in the layouts below.
 * `Set Order` is a number (a normal set), W, D or F, or a `Rest Timer` / `Note` row that is not a set.
 */

const ROLES = [
  'workoutNo', 'date', 'workout', 'duration', 'exercise', 'order', 'weight', 'weightUnit', 'reps', 'rpe',
  'distance', 'distanceUnit', 'seconds', 'notes', 'workoutNotes'
] as const
type Role = typeof ROLES[number]

const ROLE_OF: Record<string, Role> = {
  'Workout #': 'workoutNo',
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

const layout = (id: string, header: string): Layout<Role> => {
  const names = header.split(/[,;]/)
  return { id, header: names, roles: names.map((name) => ROLE_OF[name]) }
}

const CLASSIC = 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,' +
  'RPE'
const UNIT_COLUMNS = 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;' +
  'Seconds;Notes;Workout Notes'

export const STRONG_LAYOUTS: Array<Layout<Role>> = [
  layout('legacy-9', 'Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes'),
  layout('no-notes-10', 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE'),
  layout('no-rpe-10', 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes'),
  layout('no-duration-11', 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,' +
    'Workout Notes,RPE'),
  layout('classic-12', CLASSIC),
  layout('unit-columns-13', UNIT_COLUMNS),
  layout('unit-columns-14', `${UNIT_COLUMNS};Workout Duration`),
  layout('workout-number-13', 'Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);' +
    'Reps;RPE;Distance (meters);Seconds;Notes;Workout Notes')
]

const EXPECTED = `a Strong export header such as ${CLASSIC} (9 to 14 columns, comma or semicolon separated)`

const isEmptyOr = (test: (cell: string) => boolean): CellCheck => (cell) => cell.trim() === '' || test(cell.trim())
const isNumber: CellCheck = isEmptyOr((cell) => /^[+-]?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/i.test(cell))

const CHECKS: Partial<Record<Role, CellCheck>> = {
  workoutNo: (cell) => /^\s*\d+\s*$/.test(cell),
  date: (cell) => /^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2}/.test(cell),
  duration: (cell) => parseDuration(cell) !== undefined,
  order: (cell) => /^\s*(\d+(\.0+)?|[WDF]|rest timer|note)\s*$/i.test(cell),
  weight: isNumber,
  reps: isNumber,
  rpe: isNumber,
  distance: isNumber,
  seconds: isNumber,
  weightUnit: isEmptyOr((cell) => weightUnitOf(cell) !== undefined),
  distanceUnit: isEmptyOr((cell) => lengthUnitOf(cell) !== undefined)
}

type Marker = { kind: 'set', type: ImportSetType } | { kind: 'rest' } | { kind: 'note' }

const MARKERS: Record<string, Marker> = {
  w: { kind: 'set', type: 'warmup' },
  d: { kind: 'set', type: 'dropset' },
  f: { kind: 'set', type: 'failure' },
  'rest timer': { kind: 'rest' },
  note: { kind: 'note' }
}
const NORMAL: Marker = { kind: 'set', type: 'normal' }

function readMarker (text: string): Marker {
  const cell = text.trim()
  if (/^\d+(\.0+)?$/.test(cell)) return NORMAL
  const marker = MARKERS[cell.toLowerCase()]
  if (marker === undefined) {
    throw new LineError(`Set Order ${quote(cell)} is not a set number, W, D, F, Rest Timer or Note`)
  }
  return marker
}

interface StrongUnits { weight: WeightUnit, length: LengthUnit, fromHeader: { weight: boolean, length: boolean } }

/** Units the header names (legacy `kg`/`km`, `Weight (kg)`, `Distance (meters)`), else the request's. */
function headerUnits (chosen: Layout<Role>, header: string[], options: ParseOptions): StrongUnits {
  const named = chosen.id === 'legacy-9' || chosen.id === 'workout-number-13'
  const weight = named ? weightUnitInHeader(header[chosen.roles.indexOf('weight')]) : undefined
  const length = named ? lengthUnitInHeader(header[chosen.roles.indexOf('distance')]) : undefined
  return {
    weight: weight ?? options.weightUnit,
    length: length ?? options.distanceUnit,
    fromHeader: { weight: weight !== undefined, length: length !== undefined }
  }
}

class StrongReader {
  private readonly problems = new Problems()
  private readonly assembler = new WorkoutAssembler(this.problems)
  private readonly heads = new HeadCache()
  private readonly col: Record<Role, number>
  private readonly decimalComma: boolean
  /** Units seen in unit columns: the file's own units, for ParsedFile and for rows that leave them empty. */
  private seenWeightUnit: WeightUnit | undefined
  private seenLengthUnit: LengthUnit | undefined

  constructor (
    private readonly chosen: Layout<Role>,
    private readonly units: StrongUnits,
    private readonly options: ParseOptions,
    delimiter: string
  ) {
    this.col = columnsOf(chosen, ROLES)
    this.decimalComma = delimiter !== ','
  }

  read (file: CsvFile): ParsedFile {
    const rows = this.problems.readFile(file, (record) => this.readRecord(record))
    return {
      rows,
      workouts: this.assembler.workouts(),
      progressLogs: [],
      ...this.problems.sorted(),
      ...this.fileUnits()
    }
  }

  private fileUnits (): Pick<ParsedFile, 'weightUnit' | 'distanceUnit'> {
    const { fromHeader } = this.units
    const weight = fromHeader.weight ? this.units.weight : this.seenWeightUnit
    const length = fromHeader.length ? this.units.length : this.seenLengthUnit
    return {
      ...(weight !== undefined && { weightUnit: weight }),
      ...(length !== undefined && { distanceUnit: distanceUnitOf(length) })
    }
  }

  private cell (fields: string[], role: Role): string | undefined {
    const at = this.col[role]
    return at === -1 ? undefined : fields[at]
  }

  private readRecord ({ line, fields }: CsvRecord): void {
    const width = this.chosen.roles.length
    if (fields.length !== width) throw wrongWidth(fields.length, width)
    const workoutKey = this.workoutKey(fields)
    const head = this.heads.get(this.headCells(fields), () => this.readHead(fields))
    const marker = readMarker(fields[this.col.order])
    const exerciseName = readName(fields[this.col.exercise], 'Exercise Name')
    const note = readNote(this.cell(fields, 'notes'), 'Notes')
    const workoutNotes = readNote(this.cell(fields, 'workoutNotes'), 'Workout Notes')
    const entry = this.entryOf(line, marker, fields, note)
    // Strong's exercise notes come from its Note rows (entry kind 'note'), not from a column.
    this.assembler.add({
      line, workoutKey, head, workoutNotes, exerciseName, exerciseNotes: null, supersetKey: null, entry
    })
  }

  /** A workout is one `Workout #`, or else one Date + Workout Name. */
  private workoutKey (fields: string[]): string {
    const number = this.cell(fields, 'workoutNo')
    if (number !== undefined) return `#${number.trim()}`
    return `${fields[this.col.date].trim()}\u0000${fields[this.col.workout].trim()}`
  }

  private headCells (fields: string[]): string[] {
    return [fields[this.col.date], fields[this.col.workout], this.cell(fields, 'duration') ?? '']
  }

  private readHead (fields: string[]): WorkoutHead {
    const startedAt = readIsoLikeDate(fields[this.col.date], this.options.timeZone, 'Date')
    const warnings: string[] = []
    let name = fields[this.col.workout].trim()
    if (name === '') {
      name = 'Strong workout'
      warnings.push('the workout has no name: it is called "Strong workout"')
    }
    name = readName(name, 'Workout Name')
    const endedAt = endFromDuration(startedAt, this.durationOf(fields, warnings), warnings)
    return { name, startedAt, endedAt, warnings }
  }

  /** An unreadable duration leaves the workout without an end (a warning), its sets still import. */
  private durationOf (fields: string[], warnings: string[]): number | null {
    const text = this.cell(fields, 'duration')
    const seconds = parseDuration(text)
    if (seconds !== undefined) return seconds
    warnings.push(`the workout's duration ${quote(text ?? '')} is not a duration such as "1h 5m": it gets no end`)
    return null
  }

  private entryOf (line: number, marker: Marker, fields: string[], note: string | null): RowEntry {
    if (marker.kind === 'note') return { kind: 'note', note }
    const seconds = checkDurationSec(readNumber(this.cell(fields, 'seconds'), 'Seconds', this.decimalComma), 'Seconds')
    if (marker.kind === 'rest') return { kind: 'rest', seconds }
    const warnings: string[] = []
    const set: ParsedSet = {
      line,
      type: marker.type,
      reps: readReps(this.cell(fields, 'reps'), this.decimalComma),
      weightKg: this.weightKg(fields),
      durationSec: seconds,
      distanceM: this.distanceM(fields, warnings),
      rpe: readRpe(this.cell(fields, 'rpe'), this.decimalComma),
      note
    }
    return { kind: 'set', set, warnings: withOddSetWarnings(warnings, set) }
  }

  private weightKg (fields: string[]): number | null {
    const value = readNumber(this.cell(fields, 'weight'), 'Weight', this.decimalComma)
    const unitCell = (this.cell(fields, 'weightUnit') ?? '').trim()
    let unit = this.units.weight
    if (unitCell !== '') {
      const named = weightUnitOf(unitCell)
      if (named === undefined) throw new LineError(`Weight Unit ${quote(unitCell)} is not kg or lbs`)
      this.seenWeightUnit ??= named
      unit = named
    } else if (this.seenWeightUnit !== undefined) {
      unit = this.seenWeightUnit
    }
    return checkWeightKg(toKg(value, unit))
  }

  private distanceM (fields: string[], warnings: string[]): number | null {
    const value = readNumber(this.cell(fields, 'distance'), 'Distance', this.decimalComma)
    const unitCell = (this.cell(fields, 'distanceUnit') ?? '').trim()
    let unit = this.units.length
    if (unitCell !== '') {
      const named = lengthUnitOf(unitCell)
      if (named === undefined) {
        if (value !== null && value !== 0) warnings.push(oddDistanceUnit(unitCell))
        return null
      }
      this.seenLengthUnit ??= named
      unit = named
    } else if (this.seenLengthUnit !== undefined) {
      unit = this.seenLengthUnit
    }
    return checkDistanceM(toMeters(value, unit))
  }
}

export function parseStrong (file: CsvFile, options: ParseOptions): ParsedFile {
  const header = checkHasHeader(file, EXPECTED)
  const chosen = chooseLayout(header, file.records, STRONG_LAYOUTS, CHECKS, EXPECTED)
  const reader = new StrongReader(chosen, headerUnits(chosen, header.fields, options), options, file.delimiter)
  return reader.read(file)
}
