import { BadRequestError } from '../../../lib/errors.js'

/**
 * Wall-clock times of an export, read in an IANA time zone through Intl (no offset tables).
 *
 * Daylight-saving changes are resolved as Temporal's `disambiguation: 'compatible'` (and as
 * JavaScript's Date does for the system zone): a time that occurs twice (the clocks go back) is
 * its first occurrence, the earlier instant; a time that never occurs (the clocks go forward) is
 * read with the offset in force before the change, so it lands as far after the gap's start as it
 * was meant to be (02:30 in a 02:00→03:00 gap is 03:30).
 */

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor (timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric'
      })
    } catch {
      throw BadRequestError.field('/timeZone', `must be an IANA time zone name (got ${JSON.stringify(timeZone)})`)
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset). */
export function zoneOffsetMs (instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return asUtc - Math.floor(instantMs / 1000) * 1000
}

/** The wall time's instant, as if it were UTC. */
export const wallAsUtc = (wall: WallTime): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)

/** The instant a wall time names in `timeZone` (DST gaps and overlaps as described above). */
export function wallTimeToInstant (wall: WallTime, timeZone: string): number {
  const local = wallAsUtc(wall)
  // Zones change offset at most once within a day or so: the offsets a day before and after
  // are the only candidates.
  const before = zoneOffsetMs(local - DAY_MS, timeZone)
  const fits = (offset: number): boolean => zoneOffsetMs(local - offset, timeZone) === offset
  // Where both fit (the clocks went back), the offset before the change gives the earlier instant.
  if (fits(before)) return local - before
  const after = zoneOffsetMs(local + DAY_MS, timeZone)
  if (after !== before && fits(after)) return local - after
  // Neither fits: the wall time falls in a gap (the clocks went forward).
  return local - before
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** A wall time whose fields are in range (Feb 30th and 25:00 are not). */
export function isValidWallTime (wall: WallTime): boolean {
  return wall.year >= 1900 && wall.year <= 2200 &&
    wall.month >= 1 && wall.month <= 12 &&
    wall.day >= 1 && wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hour >= 0 && wall.hour <= 23 && wall.minute >= 0 && wall.minute <= 59 &&
    wall.second >= 0 && wall.second <= 59
}

/** ISO 8601 UTC with milliseconds, as the API writes instants. */
export const toIso = (instantMs: number): string => new Date(instantMs).toISOString()
