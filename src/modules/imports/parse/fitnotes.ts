import type { ParsedFile, ParsedSet, ParseOptions, WeightUnit } from '../import.types.js'
import { HeadCache, withOddSetWarnings, WorkoutAssembler, type WorkoutHead } from './assemble.js'
import { parseBodyTracker } from './body-tracker.js'
import type { CsvFile, CsvRecord } from './csv.js'
import { readDateAt } from './dates.js'
import { parseDuration } from './durations.js'
import { checkHasHeader, chooseLayout, columnsOf, type CellCheck, type Layout } from './layouts.js'
import { Problems } from './problems.js'
import {
  distanceUnitOf, lengthUnitOf, oddDistanceUnit, toKg, toMeters, weightUnitInHeader, weightUnitOf, type LengthUnit
} from './units.js'
import {
  checkDistanceM, checkDurationSec, checkWeightKg, LineError, quote, readName, readNote, readNumber, readReps,
  wrongWidth
} from './values.js'

/**
 * FitNotes' CSV export: one row per set, no time of day and no workout name, so a workout is one
 * date, named "FitNotes workout", starting at 12:00 in the import's time zone, with no end. Exercise
 * names may hold unquoted commas: the fixed columns are read from the end of the line and the
 * extra fields go back into the name.
 */

const ROLES = [
  'date', 'exercise', 'category', 'weight', 'weightUnit', 'reps', 'distance', 'distanceUnit', 'time', 'comment'
] as const
type Role = typeof ROLES[number]

const layout = (id: string, header: string, roles: Role[]): Layout<Role> => ({ id, header: header.split(','), roles })
const OLD = 'Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time'
const NEW = 'Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time'

const FITNOTES_LAYOUTS: Array<Layout<Role>> = [
  layout('old-8', OLD, ['date', 'exercise', 'category', 'weight', 'reps', 'distance', 'distanceUnit', 'time']),
  layout('new-9', NEW, ROLES.slice(0, 9)),
  layout('new-10', `${NEW},Comment`, [...ROLES])
]

const EXPECTED = `a FitNotes export header such as ${OLD} (or Weight (lbs)), ${NEW},Comment, ` +
  'or the body tracker\'s Date,Time,Measurement,Value,Unit'

const isEmptyOr = (test: (cell: string) => boolean): CellCheck => (cell) => cell.trim() === '' || test(cell.trim())
const isNumber: CellCheck = isEmptyOr((cell) => /^[+-]?\d+(?:\.\d+)?$/.test(cell))

const CHECKS: Partial<Record<Role, CellCheck>> = {
  date: (cell) => /^\s*\d{4}-\d{1,2}-\d{1,2}\s*$/.test(cell),
  weight: isNumber,
  reps: isNumber,
  distance: isNumber,
  time: (cell) => parseDuration(cell) !== undefined,
  weightUnit: isEmptyOr((cell) => weightUnitOf(cell) !== undefined)
}

const WORKOUT_NAME = 'FitNotes workout'

class FitNotesReader {
  private readonly problems = new Problems()
  private readonly assembler = new WorkoutAssembler(this.problems)
  private readonly heads = new HeadCache()
  private readonly col: Record<Role, number>
  private seenWeightUnit: WeightUnit | undefined
  private seenLengthUnit: LengthUnit | undefined

  constructor (
    private readonly chosen: Layout<Role>,
    private readonly headerWeightUnit: WeightUnit | undefined,
    private readonly options: ParseOptions,
    private readonly delimiter: string
  ) {
    this.col = columnsOf(chosen, ROLES)
  }

  read (file: CsvFile): ParsedFile {
    const rows = this.problems.readFile(file, (record) => this.readRecord(record))
    const weightUnit = this.headerWeightUnit ?? this.seenWeightUnit
    return {
      rows,
      workouts: this.assembler.workouts(),
      progressLogs: [],
      ...this.problems.sorted(),
      ...(weightUnit !== undefined && { weightUnit }),
      ...(this.seenLengthUnit !== undefined && { distanceUnit: distanceUnitOf(this.seenLengthUnit) })
    }
  }

  /** The fields with any extra ones (commas in the exercise name) joined back into the name. */
  private fixedFields (fields: string[]): string[] {
    const width = this.chosen.roles.length
    if (fields.length < width) throw wrongWidth(fields.length, width)
    const extra = fields.length - width
    if (extra === 0) return fields
    return [fields[0], fields.slice(1, 2 + extra).join(this.delimiter), ...fields.slice(2 + extra)]
  }

  private cell (fields: string[], role: Role): string {
    const at = this.col[role]
    return at === -1 ? '' : fields[at]
  }

  private readRecord ({ line, fields: raw }: CsvRecord): void {
    const fields = this.fixedFields(raw)
    const workoutKey = this.cell(fields, 'date').trim()
    const head = this.heads.get([fields[this.col.date]], () => this.readHead(fields))
    const exerciseName = readName(this.cell(fields, 'exercise'), 'Exercise')
    const warnings: string[] = []
    const set = this.readSet(line, fields, warnings)
    this.assembler.add({
      line,
      workoutKey,
      head,
      workoutNotes: null,
      exerciseName,
      exerciseNotes: null,
      supersetKey: null,
      entry: { kind: 'set', set, warnings: withOddSetWarnings(warnings, set) }
    })
  }

  private readHead (fields: string[]): WorkoutHead {
    const startedAt = readDateAt(this.cell(fields, 'date'), 12, this.options.timeZone, 'Date')
    return { name: WORKOUT_NAME, startedAt, endedAt: null, warnings: [] }
  }

  private readSet (line: number, fields: string[], warnings: string[]): ParsedSet {
    const time = this.cell(fields, 'time')
    const seconds = parseDuration(time)
    if (seconds === undefined) throw new LineError(`Time ${quote(time)} is not a duration such as 0:09:21`)
    return {
      line,
      type: 'normal',
      reps: readReps(this.cell(fields, 'reps')),
      weightKg: this.weightKg(fields),
      durationSec: checkDurationSec(seconds, 'Time'),
      distanceM: this.distanceM(fields, warnings),
      rpe: null,
      note: readNote(this.cell(fields, 'comment'), 'Comment')
    }
  }

  private weightKg (fields: string[]): number | null {
    const value = readNumber(this.cell(fields, 'weight'), 'Weight')
    const unitCell = this.cell(fields, 'weightUnit').trim()
    let unit = this.headerWeightUnit ?? this.seenWeightUnit ?? this.options.weightUnit
    if (unitCell !== '') {
      const named = weightUnitOf(unitCell)
      if (named === undefined) throw new LineError(`Weight Unit ${quote(unitCell)} is not kgs or lbs`)
      this.seenWeightUnit ??= named
      unit = named
    }
    return checkWeightKg(toKg(value, unit))
  }

  /** Odd distance units (FitNotes writes `kg` on some timed sets) are warnings; the distance is left out. */
  private distanceM (fields: string[], warnings: string[]): number | null {
    const value = readNumber(this.cell(fields, 'distance'), 'Distance')
    const unitCell = this.cell(fields, 'distanceUnit').trim()
    if (unitCell === '') {
      if (value === null || value === 0) return null
      warnings.push(`the distance has no unit: read in ${this.options.distanceUnit}`)
      return checkDistanceM(toMeters(value, this.options.distanceUnit))
    }
    const unit = lengthUnitOf(unitCell)
    if (unit === undefined) {
      warnings.push(oddDistanceUnit(unitCell))
      return null
    }
    if (unit === 'km' || unit === 'mi') this.seenLengthUnit ??= unit
    return checkDistanceM(toMeters(value, unit))
  }
}

export function parseFitNotes (file: CsvFile, options: ParseOptions): ParsedFile {
  const header = checkHasHeader(file, EXPECTED)
  if (header.fields.length === 5) return parseBodyTracker(file, header, options)
  const chosen = chooseLayout(header, file.records, FITNOTES_LAYOUTS, CHECKS, EXPECTED)
  const headerUnit = chosen.id === 'old-8' ? weightUnitInHeader(header.fields[3]) : undefined
  return new FitNotesReader(chosen, headerUnit, options, file.delimiter).read(file)
}
