import { addDays, startOfDay } from '../rules/calendar.js'
import { BadRequestError } from './errors.js'

/** Instants are stored and returned as ISO 8601 UTC text with milliseconds, which sorts in time order. */
export const nowIso = (): string => new Date().toISOString()

/** Normalises an instant to UTC ms `Z`; some strings the format accepts (leap seconds) are no instant. */
export function instant (value: string, path: string): string {
  const ms = Date.parse(value)
  const iso = Number.isNaN(ms) ? '' : new Date(ms).toISOString()
  if (!/^\d{4}-/.test(iso)) throw BadRequestError.field(path, 'must be a valid instant between years 0000 and 9999')
  return iso
}

export interface TimeRange { from: string | null, to: string | null }

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/

/** Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip. */
function isCalendarDate (ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number)
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d) // unlike Date.UTC, keeps years 0–99 as written
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * `from`/`to` of list and statistics queries: a calendar date is the whole day in the user's
 * time zone (from its first instant, to its last), an instant is itself. Answers UTC ISO text
 * comparable with stored instants; unbounded ends are null.
 */
export function parseRange (query: { from?: string, to?: string }, timeZone: string): TimeRange {
  const from = parseBound(query.from, '/from', timeZone, 'from')
  const to = parseBound(query.to, '/to', timeZone, 'to')
  if (from !== null && to !== null && from > to) throw BadRequestError.field('/to', 'must not be before from')
  return { from, to }
}

function parseBound (raw: string | undefined, path: string, timeZone: string, edge: 'from' | 'to'): string | null {
  if (raw === undefined || raw === '') return null
  if (!DATE_OR_INSTANT.test(raw) || !isCalendarDate(raw.slice(0, 10))) {
    throw BadRequestError.field(path, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant')
  }
  if (!DATE.test(raw)) return instant(raw, path)
  const ms = edge === 'from' ? startOfDay(raw, timeZone) : startOfDay(addDays(raw, 1), timeZone) - 1
  if (!Number.isFinite(ms)) throw BadRequestError.field(path, 'must be a date between years 0000 and 9999')
  return instant(new Date(ms).toISOString(), path)
}

/** An end (a workout's endedAt) must not come before its start. */
export function checkEnd (startedAt: string, endedAt: string | null, path = '/endedAt'): void {
  if (endedAt !== null && endedAt < startedAt) throw BadRequestError.field(path, 'must not be before startedAt')
}
