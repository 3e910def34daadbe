import { BUILT_IN_METRICS } from '../../progress/progress.metrics.js'
import type { ParsedFile, ParsedLog, ParseOptions, WeightUnit } from '../import.types.js'
import type { CsvFile, CsvRecord } from './csv.js'
import { readDateAndTime } from './dates.js'
import { chooseLayout, type CellCheck, type Layout } from './layouts.js'
import { Problems } from './problems.js'
import { KG_PER_LB, weightUnitOf } from './units.js'
import { LineError, quote, readName, readNumber, round2, wrongWidth } from './values.js'

/**
 * FitNotes' body tracker export (`Date,Time,Measurement,Value,Unit`) as progress logs. Known
 * measurements become the contract's built-in metrics, converted to the metric's unit; any other
 * becomes `custom:<snake_name>` and keeps the file's unit and value.
 */

type Role = 'date' | 'time' | 'measurement' | 'value' | 'unit'
const HEADER = 'Date,Time,Measurement,Value,Unit'
const LAYOUT: Layout<Role> = {
  id: 'body-tracker-5',
  header: HEADER.split(','),
  roles: ['date', 'time', 'measurement', 'value', 'unit']
}
const CHECKS: Partial<Record<Role, CellCheck>> = {
  date: (cell) => /^\s*\d{4}-\d{1,2}-\d{1,2}\s*$/.test(cell),
  time: (cell) => /^\s*(\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(cell),
  value: (cell) => /^\s*[+-]?\d+(\.\d+)?\s*$/.test(cell)
}

/** Measurement names, normalised (lower case, letters and digits only), to built-in metrics. */
const METRIC_OF: Record<string, string> = {
  bodyweight: 'body_weight',
  'body weight': 'body_weight',
  weight: 'body_weight',
  'body fat': 'body_fat',
  bodyfat: 'body_fat',
  'body fat percentage': 'body_fat',
  'muscle mass': 'muscle_mass',
  'lean mass': 'lean_mass',
  'lean body mass': 'lean_mass',
  waist: 'waist',
  abdomen: 'abdomen',
  chest: 'chest',
  hips: 'hips',
  hip: 'hips',
  neck: 'neck',
  shoulders: 'shoulders',
  shoulder: 'shoulders',
  'resting heart rate': 'resting_heart_rate',
  'resting hr': 'resting_heart_rate',
  'heart rate': 'resting_heart_rate'
}

/** Left/right measurements: `Left Bicep`, `Right Forearm`, `Thigh (left)`, `Calves Right` … */
const LIMB_OF: Record<string, string> = {
  arm: 'arm',
  arms: 'arm',
  bicep: 'arm',
  biceps: 'arm',
  'upper arm': 'arm',
  forearm: 'forearm',
  forearms: 'forearm',
  thigh: 'thigh',
  thighs: 'thigh',
  calf: 'calf',
  calves: 'calf'
}

const normalizeName = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

function limbMetric (words: string): string | undefined {
  const side = /\b(left|l)\b/.test(words) ? 'left' : /\b(right|r)\b/.test(words) ? 'right' : undefined
  if (side === undefined) return undefined
  const limb = LIMB_OF[words.replace(/\b(left|right|l|r)\b/g, '').replace(/\s+/g, ' ').trim()]
  return limb === undefined ? undefined : `${limb}_${side}`
}

/** A short stable name for measurements with no Latin letters (`体重`): FNV-1a of the name. */
function hashName (name: string): string {
  let hash = 0x811c9dc5
  for (const char of name) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0
  return `m_${hash.toString(16).padStart(8, '0')}`
}

export function metricOf (measurement: string): string {
  const words = normalizeName(measurement)
  const known = METRIC_OF[words] ?? limbMetric(words)
  if (known !== undefined) return known
  const snake = words.replace(/ /g, '_').slice(0, 50).replace(/_+$/, '')
  return `custom:${snake === '' ? hashName(measurement) : snake}`
}

const CM_PER: Record<string, number> = {
  cm: 1, mm: 0.1, m: 100, in: 2.54, inch: 2.54, inches: 2.54, '"': 2.54, ft: 30.48
}

/** The value in the metric's unit; a unit that does not convert is a bad line. */
function convert (value: number, fileUnit: string, metricUnit: string, options: ParseOptions): number {
  const unit = fileUnit.trim().toLowerCase().replace(/\.$/, '')
  if (metricUnit === 'kg') {
    const weightUnit: WeightUnit | undefined = unit === '' ? options.weightUnit : weightUnitOf(unit)
    if (weightUnit !== undefined) return weightUnit === 'lb' ? value * KG_PER_LB : value
  } else if (metricUnit === 'cm') {
    const factor = CM_PER[unit === '' ? (options.distanceUnit === 'mi' ? 'in' : 'cm') : unit]
    if (factor !== undefined) return value * factor
  } else if (unit === '' || unit === metricUnit || (metricUnit === '%' && unit === 'percent')) {
    return value
  }
  throw new LineError(`unit ${quote(fileUnit)} does not convert to ${metricUnit}`)
}

function checkBounds (metric: string, value: number): void {
  const rule = BUILT_IN_METRICS[metric]
  const tooLow = rule.minExclusive === true ? value <= rule.min : value < rule.min
  if (tooLow || value > rule.max) {
    throw new LineError(`${metric} must be from ${rule.min} to ${rule.max} ${rule.unit} (got ${value})`)
  }
}

function readLog ({ line, fields }: CsvRecord, options: ParseOptions): ParsedLog {
  if (fields.length < 5) throw wrongWidth(fields.length, 5)
  // A measurement name may hold unquoted commas: the value and unit are the last two fields.
  const [date, time] = fields
  const measurement = readName(fields.slice(2, -2).join(','), 'Measurement')
  const [valueText, unitText] = fields.slice(-2)
  const value = readNumber(valueText, 'Value')
  if (value === null) throw new LineError('Value is empty')
  const measuredAt = readDateAndTime(date, time, options.timeZone)
  const metric = metricOf(measurement)
  const rule = BUILT_IN_METRICS[metric]
  if (rule === undefined) {
    if (Math.abs(value) > 1e9) throw new LineError(`Value must be within ±1e9 for a custom metric (got ${value})`)
    return { line, metric, value, unit: unitText.trim(), measuredAt, note: null }
  }
  const converted = round2(convert(value, unitText, rule.unit, options))
  checkBounds(metric, converted)
  return { line, metric, value: converted, unit: rule.unit, measuredAt, note: null }
}

export function parseBodyTracker (file: CsvFile, header: CsvRecord, options: ParseOptions): ParsedFile {
  chooseLayout(header, file.records, [LAYOUT], CHECKS, `FitNotes' body tracker header ${HEADER}`)
  const problems = new Problems()
  const progressLogs: ParsedLog[] = []
  let weightUnit: WeightUnit | undefined
  const rows = problems.readFile(file, (record) => {
    const log = readLog(record, options)
    progressLogs.push(log)
    if (log.metric === 'body_weight') weightUnit ??= weightUnitOf(record.fields.at(-1) ?? '')
  })
  return { rows, workouts: [], progressLogs, ...problems.sorted(), ...(weightUnit !== undefined && { weightUnit }) }
}
