/**
 * Reading one cell: numbers, names and notes, checked against the contract's bounds
 * (shared/API.md, Workouts). A cell that cannot be read throws a LineError, which makes its line a
 * bad line; the row readers never build problem messages by hand.
 */

export class LineError extends Error {}

export const MAX_NAME = 200
export const MAX_NOTES = 4000
export const MAX_REPS = 1000
export const MAX_WEIGHT_KG = 1000
export const MAX_DURATION_SEC = 86_400
export const MAX_DISTANCE_M = 1_000_000

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/

/** A cell as it appears in a message: quoted, and cut short when long. */
export const quote = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)

/**
 * A number cell; empty is null. `decimalComma` accepts `2,5` (semicolon files re-saved by a
 * spreadsheet in a comma-decimal locale); comma files never do, where `1,000` would be ambiguous.
 */
export function readNumber (text: string | undefined, what: string, decimalComma = false): number | null {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return null
  if (NUMBER.test(trimmed)) return Number(trimmed)
  if (decimalComma && DECIMAL_COMMA.test(trimmed)) return Number(trimmed.replace(',', '.'))
  throw new LineError(`${what} is not a number (got ${quote(trimmed)})`)
}

/** Exports write 0 for "not recorded" (Strong's distance and seconds on a strength set). */
const zeroIsNone = (value: number | null): number | null => (value === 0 ? null : value)

/**
 * Rounded to 0.01. The nudge of 1e-7 hundredths takes float noise off a half (1.005 * 100 is
 * 100.49999999999999) so that halves round up, as they were written.
 */
export const round2 = (value: number): number => Math.round(value * 100 + 1e-7) / 100

function checkRange (value: number, max: number, what: string, unit: string): void {
  if (value < 0 || value > max) throw new LineError(`${what} must be from 0 to ${max} ${unit} (got ${value})`)
}

export function readReps (text: string | undefined, decimalComma = false): number | null {
  const reps = zeroIsNone(readNumber(text, 'reps', decimalComma))
  if (reps === null) return null
  if (!Number.isInteger(reps)) throw new LineError(`reps must be a whole number (got ${reps})`)
  checkRange(reps, MAX_REPS, 'reps', 'reps')
  return reps
}

/** Kilograms from a value in the file's unit (`toKg` converts it). */
export function checkWeightKg (kg: number | null): number | null {
  if (kg === null) return null
  const rounded = round2(kg)
  checkRange(rounded, MAX_WEIGHT_KG, 'weight', 'kg')
  return zeroIsNone(rounded)
}

export function checkDurationSec (seconds: number | null, what = 'duration'): number | null {
  if (seconds === null) return null
  const rounded = round2(seconds)
  checkRange(rounded, MAX_DURATION_SEC, what, 's')
  return zeroIsNone(rounded)
}

export function checkDistanceM (meters: number | null): number | null {
  if (meters === null) return null
  const rounded = round2(meters)
  checkRange(rounded, MAX_DISTANCE_M, 'distance', 'm')
  return zeroIsNone(rounded)
}

/** RPE 1–10 in steps of 0.5; 0 or empty is "not rated". */
export function readRpe (text: string | undefined, decimalComma = false): number | null {
  const rpe = zeroIsNone(readNumber(text, 'RPE', decimalComma))
  if (rpe === null) return null
  if (rpe < 1 || rpe > 10 || !Number.isInteger(rpe * 2)) {
    throw new LineError(`RPE must be from 1 to 10 in steps of 0.5 (got ${rpe})`)
  }
  return rpe
}

/** A name of 1–200 characters, trimmed. */
export function readName (text: string | undefined, what: string): string {
  const name = (text ?? '').trim()
  if (name === '') throw new LineError(`${what} is empty`)
  if (name.length > MAX_NAME) throw new LineError(`${what} is longer than ${MAX_NAME} characters (${name.length})`)
  return name
}

/** Notes of at most 4000 characters, trimmed, line breaks as `\n`; empty is null. */
export function readNote (text: string | undefined, what: string): string | null {
  if (text === undefined || text === '') return null
  const note = text.replace(/\r\n?/g, '\n').trim()
  if (note === '') return null
  if (note.length > MAX_NOTES) throw new LineError(`${what} is longer than ${MAX_NOTES} characters (${note.length})`)
  return note
}

export const wrongWidth = (fields: number, width: number): LineError =>
  new LineError(`the line has ${fields} fields, the header has ${width}`)

/** A record holding a NUL character is refused whole: no text field may carry one. */
export function checkNoNul (fields: string[]): void {
  for (const field of fields) {
    if (field.includes('\u0000')) throw new LineError('the line holds a NUL character')
  }
}
