import { BadRequestError } from '../../lib/errors.js'

export interface TimeRange { from: string | null, to: string | null }

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * `from`/`to` accept a calendar date (the whole UTC day: from its start, to its end) or any ISO
 * instant, and become UTC ISO text comparable with the stored instants. Unbounded is fine:
 * every query is bounded by the data it finds, never by the range's length.
 */
export function parseRange (query: { from?: string, to?: string }): TimeRange {
  const from = parseBound(query.from, '/from', 'T00:00:00.000Z')
  const to = parseBound(query.to, '/to', 'T23:59:59.999Z')
  if (from !== null && to !== null && from > to) throw BadRequestError.field('/to', 'must not be before from')
  return { from, to }
}

/** Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip. */
function isCalendarDate (ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number)
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d) // unlike Date.UTC, keeps years 0–99 as written
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

function parseBound (raw: string | undefined, path: string, dayPart: string): string | null {
  if (raw === undefined || raw === '') return null
  const text = DATE.test(raw) ? raw + dayPart : raw
  const ms = Date.parse(text)
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(raw) || Number.isNaN(ms) || !isCalendarDate(raw.slice(0, 10))) {
    throw BadRequestError.field(path, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant')
  }
  return new Date(ms).toISOString()
}
