import { BadRequestError } from '../../../lib/errors.js'
import type { DistanceUnit, ImportSetType, ParsedFile, ParsedSet, ParseOptions, WeightUnit } from '../import.types.js'
import { endFromDuration, HeadCache, oddSetWarnings, WorkoutAssembler, type WorkoutHead } from './assemble.js'
import type { CsvFile, CsvRecord } from './csv.js'
import { readHevyDate } from './dates.js'
import { checkHasHeader, normalizeHeader } from './layouts.js'
import { Problems } from './problems.js'
import { toKg, toMeters } from './units.js'
import {
  checkDistanceM, checkDurationSec, checkWeightKg, wrongWidth, LineError, quote, readName, readNote, readNumber,
  readReps, readRpe
} from './values.js'

/**
 * Hevy's CSV export: one row per set, newest workout first. Its header is never translated, so
 * columns are found by name; the weight and distance columns name their unit (`weight_kg` or
 * `weight_lbs`, `distance_km` or `distance_miles`), and older files lack `superset_id`.
 */

const EXPECTED = 'a Hevy export header: title,start_time,end_time,description,exercise_title,superset_id,' +
  'exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe ' +
  '(or weight_lbs, distance_miles; superset_id may be missing)'

const REQUIRED = [
  'title', 'start_time', 'end_time', 'description', 'exercise_title', 'exercise_notes', 'set_index', 'set_type',
  'reps', 'duration_seconds', 'rpe'
] as const
type Column = typeof REQUIRED[number] | 'superset_id' | 'weight' | 'distance'

const ALTERNATIVES: Partial<Record<Column, string>> = {
  weight: 'weight_kg|weight_lbs',
  distance: 'distance_km|distance_miles'
}

const SET_TYPES: Record<string, ImportSetType> = {
  '': 'normal', normal: 'normal', warmup: 'warmup', dropset: 'dropset', failure: 'failure'
}

interface HevyColumns {
  at: Record<Column, number>
  weightUnit: WeightUnit
  distanceUnit: DistanceUnit
}

function findColumns (header: string[]): HevyColumns {
  const names = header.map(normalizeHeader)
  const find = (name: string): number => names.indexOf(name)
  const weightKg = find('weight_kg')
  const distanceKm = find('distance_km')
  const at = {
    ...Object.fromEntries(REQUIRED.map((name) => [name, find(name)])),
    superset_id: find('superset_id'),
    weight: weightKg !== -1 ? weightKg : find('weight_lbs'),
    distance: distanceKm !== -1 ? distanceKm : find('distance_miles')
  } as Record<Column, number>
  const missing = (Object.keys(at) as Column[]).filter((name) => name !== 'superset_id' && at[name] === -1)
  if (missing.length > 0) {
    const list = missing.map((name) => ALTERNATIVES[name] ?? name).join(', ')
    throw BadRequestError.field('/line/1', `the header is not recognised (missing ${list}): expected ${EXPECTED}`)
  }
  return { at, weightUnit: weightKg !== -1 ? 'kg' : 'lb', distanceUnit: distanceKm !== -1 ? 'km' : 'mi' }
}

function readSetType (text: string): ImportSetType {
  const type = SET_TYPES[text.trim().toLowerCase()]
  if (type === undefined) throw new LineError(`set_type ${quote(text)} is not normal, warmup, dropset or failure`)
  return type
}

class HevyReader {
  private readonly problems = new Problems()
  private readonly assembler = new WorkoutAssembler(this.problems)
  private readonly heads = new HeadCache()
  private readonly decimalComma: boolean

  constructor (
    private readonly columns: HevyColumns,
    private readonly width: number,
    private readonly options: ParseOptions,
    delimiter: string
  ) {
    this.decimalComma = delimiter !== ','
  }

  read (file: CsvFile): ParsedFile {
    const rows = this.problems.readFile(file, (record) => this.readRecord(record))
    return {
      rows,
      workouts: this.assembler.workouts(),
      progressLogs: [],
      ...this.problems.sorted(),
      weightUnit: this.columns.weightUnit,
      distanceUnit: this.columns.distanceUnit
    }
  }

  private cell (fields: string[], column: Column): string {
    const at = this.columns.at[column]
    return at === -1 ? '' : fields[at]
  }

  private readRecord ({ line, fields }: CsvRecord): void {
    if (fields.length !== this.width) throw wrongWidth(fields.length, this.width)
    const workoutKey = `${this.cell(fields, 'title').trim()}\u0000${this.cell(fields, 'start_time').trim()}`
    const headCells = [this.cell(fields, 'title'), this.cell(fields, 'start_time'), this.cell(fields, 'end_time')]
    const head = this.heads.get(headCells, () => this.readHead(fields))
    const exerciseName = readName(this.cell(fields, 'exercise_title'), 'exercise_title')
    const set = this.readSet(line, fields)
    this.assembler.add({
      line,
      workoutKey,
      head,
      workoutNotes: readNote(this.cell(fields, 'description'), 'description'),
      exerciseName,
      exerciseNotes: readNote(this.cell(fields, 'exercise_notes'), 'exercise_notes'),
      supersetKey: this.cell(fields, 'superset_id').trim() || null,
      entry: { kind: 'set', set, warnings: oddSetWarnings(set) }
    })
  }

  private readSet (line: number, fields: string[]): ParsedSet {
    const number = (column: Column): number | null => readNumber(this.cell(fields, column), column, this.decimalComma)
    return {
      line,
      type: readSetType(this.cell(fields, 'set_type')),
      reps: readReps(this.cell(fields, 'reps'), this.decimalComma),
      weightKg: checkWeightKg(toKg(number('weight'), this.columns.weightUnit)),
      durationSec: checkDurationSec(number('duration_seconds')),
      distanceM: checkDistanceM(toMeters(number('distance'), this.columns.distanceUnit)),
      rpe: readRpe(this.cell(fields, 'rpe'), this.decimalComma),
      note: null
    }
  }

  private readHead (fields: string[]): WorkoutHead {
    const { timeZone } = this.options
    const startedAt = readHevyDate(this.cell(fields, 'start_time'), timeZone, 'start_time')
    const warnings: string[] = []
    let name = this.cell(fields, 'title').trim()
    if (name === '') {
      name = 'Hevy workout'
      warnings.push('the workout has no title: it is called "Hevy workout"')
    }
    name = readName(name, 'title')
    const endText = this.cell(fields, 'end_time')
    if (endText.trim() === '') return { name, startedAt, endedAt: null, warnings }
    const seconds = (Date.parse(readHevyDate(endText, timeZone, 'end_time')) - Date.parse(startedAt)) / 1000
    if (seconds < 0) {
      warnings.push('the workout ends before it starts: it ends when it started')
      return { name, startedAt, endedAt: startedAt, warnings }
    }
    return { name, startedAt, endedAt: endFromDuration(startedAt, seconds, warnings), warnings }
  }
}

export function parseHevy (file: CsvFile, options: ParseOptions): ParsedFile {
  const header = checkHasHeader(file, EXPECTED)
  const columns = findColumns(header.fields)
  return new HevyReader(columns, header.fields.length, options, file.delimiter).read(file)
}
