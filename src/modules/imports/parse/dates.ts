import { isValidWallTime, toIso, wallAsUtc, wallTimeToInstant, type WallTime } from './local-time.js'
import { LineError, quote } from './values.js'

/**
 * The date and time forms the exports write, turned into ISO instants. Local forms are read in the
 * import's time zone; a form that carries its own offset (`Z`, `+02:00`) keeps it.
 */

// 2025-01-17 18:47:56, 2025-01-17T18:47, 2025/01/17 18:47:56, optionally with an offset.
const ISO_LIKE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
// 5 Dec 2025, 11:37 (Hevy, most locales).
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([\p{L}]+)\.?,?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?$/iu
// Jun 11, 2026, 1:01 PM (Hevy, US locale).
const MONTH_DAY_YEAR = /^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?$/iu

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12
}

const monthNumber = (name: string): number => MONTHS[name.toLowerCase()] ?? Number.NaN

/** 12 AM is midnight, 12 PM noon. */
function to24h (hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour
  if (hour < 1 || hour > 12) return Number.NaN
  const pm = meridiem[0].toLowerCase() === 'p'
  return (hour % 12) + (pm ? 12 : 0)
}

function offsetMs (zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const digits = zone.replace(':', '')
  const sign = digits[0] === '-' ? -1 : 1
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000
}

const wallToIso = (wall: WallTime, timeZone: string): string => toIso(wallTimeToInstant(wall, timeZone))

/** Strong's `YYYY-MM-DD HH:MM:SS` (and ISO-like relatives); a bare date is read at `defaultHour`. */
export function readIsoLikeDate (text: string, timeZone: string, what: string, defaultHour = 0): string {
  const match = ISO_LIKE.exec(text.trim())
  if (match === null) {
    throw new LineError(`${what} is not a date and time such as 2025-01-17 18:47:56 (got ${quote(text)})`)
  }
  const hasTime = match[4] !== undefined
  const wall: WallTime = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: hasTime ? Number(match[4]) : defaultHour,
    minute: hasTime ? Number(match[5]) : 0,
    second: match[6] !== undefined ? Number(match[6]) : 0
  }
  if (!isValidWallTime(wall)) throw new LineError(`${what} is not a valid date (got ${quote(text)})`)
  if (match[7] !== undefined) return toIso(wallAsUtc(wall) - offsetMs(match[7]))
  return wallToIso(wall, timeZone)
}

/** A date alone (`YYYY-MM-DD`, FitNotes), at a fixed hour of that day. */
export function readDateAt (text: string, hour: number, timeZone: string, what: string): string {
  const trimmed = text.trim()
  if (!/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(trimmed)) {
    throw new LineError(`${what} is not a date such as 2025-01-17 (got ${quote(text)})`)
  }
  return readIsoLikeDate(trimmed, timeZone, what, hour)
}

/** A date and a separate `HH:MM[:SS]` time (FitNotes' body tracker). */
export function readDateAndTime (date: string, time: string, timeZone: string): string {
  const clock = time.trim()
  if (clock === '') return readDateAt(date, 12, timeZone, 'Date')
  if (!/^\d{1,2}:\d{2}(?::\d{2})?$/.test(clock)) throw new LineError(`Time is not a time such as 12:18:42 (got ${quote(time)})`)
  return readIsoLikeDate(`${date.trim()} ${clock}`, timeZone, 'Date and Time')
}

function hevyWall (match: RegExpExecArray, dayFirst: boolean): WallTime {
  const [day, month] = dayFirst ? [match[1], match[2]] : [match[2], match[1]]
  return {
    year: Number(match[3]),
    month: monthNumber(month),
    day: Number(day),
    hour: to24h(Number(match[4]), match[7]),
    minute: Number(match[5]),
    second: match[6] !== undefined ? Number(match[6]) : 0
  }
}

/** Hevy's `5 Dec 2025, 11:37` and `Jun 11, 2026, 1:01 PM`, and ISO forms. */
export function readHevyDate (text: string, timeZone: string, what: string): string {
  const trimmed = text.trim()
  const dayFirst = DAY_MONTH_YEAR.exec(trimmed)
  const monthFirst = dayFirst === null ? MONTH_DAY_YEAR.exec(trimmed) : null
  if (dayFirst === null && monthFirst === null) {
    if (ISO_LIKE.test(trimmed)) return readIsoLikeDate(trimmed, timeZone, what)
    throw new LineError(`${what} is not a date and time such as "5 Dec 2025, 11:37" (got ${quote(text)})`)
  }
  const wall = dayFirst !== null ? hevyWall(dayFirst, true) : hevyWall(monthFirst as RegExpExecArray, false)
  if (!isValidWallTime(wall)) throw new LineError(`${what} is not a valid date (got ${quote(text)})`)
  return wallToIso(wall, timeZone)
}
