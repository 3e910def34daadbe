/**
 * Calendar dates and ISO weeks in a user's time zone (shared/API.md, Statistics), from the
 * platform's time zone database through Intl: no offset tables of our own.
 *
 * A week is an index, the ISO weeks since the Monday 1969-12-29 (index 0), so consecutive weeks
 * differ by one and streaks are gaps-and-islands over integers.
 */
const DAY_MS = 86_400_000
export const DEFAULT_TIME_ZONE = 'UTC'

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter (timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    formatters.set(timeZone, f)
  }
  return f
}

// The zones the platform lists, by lower-cased name: how a name given in any case is spelled.
let listed: Map<string, string> | undefined

/**
 * The IANA name of a time zone as it is spelled ('america/los_angeles' → 'America/Los_Angeles'),
 * or undefined if the platform does not know it. A current name the platform lists under an
 * older alias (Asia/Kathmandu, listed as Asia/Katmandu) is kept as given, not replaced by the alias.
 */
export function canonicalTimeZone (name: string): string | undefined {
  if (name.trim() === '' || name.length > 64) return undefined
  let resolved: string
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
  listed ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]))
  const lower = name.toLowerCase()
  return listed.get(lower) ?? (resolved.toLowerCase() === lower ? resolved : name)
}

interface Wall { year: number, month: number, day: number, hour: number, minute: number, second: number }

function wallClock (ms: number, timeZone: string): Wall {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
function dayNumber (year: number, month: number, day: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day) // unlike Date.UTC, keeps years 0–99 as written
  return Math.round(d.getTime() / DAY_MS)
}

function dateOfDay (dayNum: number): string {
  const d = new Date(dayNum * DAY_MS)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate (ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return dateOfDay(Math.floor(ms / DAY_MS))
  const w = wallClock(ms, timeZone)
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
}

/** The wall-clock date and time (`YYYY-MM-DD HH:MM:SS`) of an instant in a time zone. */
export function localDateTime (ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone)
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/** ISO week index of a calendar date. */
export function weekOfDate (date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Math.floor((dayNumber(y, m, d) + 3) / 7)
}

/** ISO week index of an instant in a time zone. */
export const localWeek = (ms: number, timeZone: string): number => weekOfDate(localDate(ms, timeZone))

/** The Monday (YYYY-MM-DD) that starts ISO week `index`. */
export const mondayOfWeek = (index: number): string => dateOfDay(index * 7 - 3)

/** The calendar date `days` after `date`. */
export function addDays (date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return dateOfDay(dayNumber(y, m, d) + days)
}

/**
 * The first instant (ms) of a calendar date in a time zone. The zone's offset is read at a
 * guess and read again at the answer, which settles across daylight-saving changes; a day
 * whose midnight does not exist (clocks jumped over it) starts at the first instant it has.
 */
export function startOfDay (date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const wallAsUtc = dayNumber(y, m, d) * DAY_MS
  if (timeZone === 'UTC') return wallAsUtc
  let guess = wallAsUtc
  for (let i = 0; i < 3; i++) {
    const w = wallClock(guess, timeZone)
    const offset = dayNumber(w.year, w.month, w.day) * DAY_MS +
      ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 - guess
    const next = wallAsUtc - offset
    if (next === guess) break
    guess = next
  }
  // Clocks that skipped midnight put the guess on the day before: step forward to the date.
  while (localDate(guess, timeZone) < date) guess += 15 * 60_000
  while (localDate(guess - 15 * 60_000, timeZone) === date) guess -= 15 * 60_000
  return guess
}
