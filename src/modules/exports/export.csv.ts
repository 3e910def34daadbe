import { stringify } from 'csv-stringify/sync'
import { localDateTime } from '../../rules/calendar.js'
import type { SetDto, WorkoutDto } from '../workouts/workouts.schemas.js'
import { workoutPages } from './export.pages.js'
import type { ExportSink, ReadPage } from './export.stream.js'

/**
 * GET /export?format=csv: Strong's classic 12-column layout, which most apps read. One row per
 * completed set (a planned set never done is not history), oldest workout first, as Strong
 * writes it: Date is the workout's start in the user's time zone, Duration like `1h 5m` (empty
 * while the workout runs), Set Order counts normal sets 1, 2, … and marks the others W, D or F,
 * weights in kg and distances in km, empty values 0 (RPE empty), text quoted. What the layout
 * has no column for (exercise notes, rest, supersets, targets) is only in the JSON export.
 */
export const CSV_HEADER = [
  'Date', 'Workout Name', 'Duration', 'Exercise Name', 'Set Order', 'Weight', 'Reps', 'Distance', 'Seconds', 'Notes',
  'Workout Notes', 'RPE'
]
/**
 * Strong quotes its text (names and notes) and leaves dates and durations bare. Every string is
 * quoted (quoted_string), and the date and duration go in as Unquoted, which the cast writes as
 * they are: twice as fast as choosing per column in a string cast.
 */
class Unquoted { constructor (readonly text: string) {} }
const OPTIONS = {
  quoted_string: true,
  cast: { object: (value: object) => value instanceof Unquoted ? value.text : JSON.stringify(value) }
}
const MARKERS: Record<SetDto['type'], string | undefined> = { normal: undefined, warmup: 'W', drop: 'D', failure: 'F' }

/** Strong's duration: `1h 5m`, `1h`, `45m`, or `55s` under a minute. */
export function strongDuration (startedAt: string, endedAt: string | null): string | null {
  if (endedAt === null) return null
  const sec = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000))
  if (sec < 60) return `${sec}s`
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h ${m}m`
}

/** Metres as km, without the float noise of a division (1234.5 m → 1.2345). */
const km = (m: number | null): number => m === null ? 0 : Number((m / 1000).toFixed(6))

function workoutRecords (w: WorkoutDto, timeZone: string): unknown[][] {
  const date = new Unquoted(localDateTime(Date.parse(w.startedAt), timeZone))
  const ended = strongDuration(w.startedAt, w.endedAt)
  const duration = ended === null ? null : new Unquoted(ended)
  const records: unknown[][] = []
  for (const e of w.exercises) {
    let normal = 0
    for (const s of e.sets.filter((set) => set.completed)) {
      const order = MARKERS[s.type] ?? ++normal
      records.push([
        date, w.name, duration, e.exercise.name, order, s.weightKg ?? 0, s.reps ?? 0, km(s.distanceM),
        s.durationSec ?? 0, s.note, records.length === 0 ? w.notes : null, s.rpe
      ])
    }
  }
  return records
}

export async function writeCsvExport (sink: ExportSink, read: ReadPage, userId: string, timeZone: string):
Promise<void> {
  await sink.write(stringify([CSV_HEADER]))
  for await (const page of workoutPages(read, userId, 'asc')) {
    const records = page.flatMap((w) => workoutRecords(w, timeZone))
    if (records.length > 0) await sink.write(stringify(records, OPTIONS))
  }
}
