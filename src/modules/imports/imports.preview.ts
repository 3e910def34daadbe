import type { Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import type { ExerciseMatch, ImportSource, LineProblem, ParsedFile, ParsedSet, ParsedWorkout } from './import.types.js'
import { exerciseKey, inferTracking, matchExercises, setsFit } from './match/index.js'

/** At most this many `errors` entries in a refusal (the contract's 100). */
const MAX_ERRORS = 100

/** A match as stored with the import: the contract's ExerciseMatch and the key that finds its sets. */
export interface StoredMatch extends ExerciseMatch { key: string }

/** What a preview keeps until the commit: the parsed file without its line problems. */
export type StoredDocument = Pick<ParsedFile, 'workouts' | 'progressLogs' | 'customExercises' | 'goals' | 'plans'>

export interface Counts { workouts: number, duplicates: number, exercises: number, sets: number, progressLogs: number }

/** Refuses a file with bad lines, one `errors` entry per line, unless they are to be left out (as warnings). */
export function acceptLines (file: ParsedFile, skipBadLines: boolean): LineProblem[] {
  if (file.badLines.length === 0) return file.warnings
  if (!skipBadLines) {
    const n = file.badLines.length
    throw new BadRequestError(
      `${n} line${n === 1 ? '' : 's'} of the file cannot be imported; fix ${n === 1 ? 'it' : 'them'} or pass ` +
        'skipBadLines=true to leave them out',
      file.badLines.slice(0, MAX_ERRORS).map((p) => ({ path: `/line/${p.line}`, message: p.message }))
    )
  }
  const skipped = file.badLines.map((p) => ({ line: p.line, message: `left out: ${p.message}` }))
  return [...file.warnings, ...skipped].sort((a, b) => a.line - b.line)
}

/** The key a parsed exercise is matched under: a Spotter document's own id, else its name's key. */
export const keyOf = (source: ImportSource, e: { sourceName: string, exerciseId?: string }): string =>
  source === 'spotter' && e.exerciseId !== undefined ? `id:${e.exerciseId}` : exerciseKey(e.sourceName)

/** Workouts already imported from this source (same start and name): the commit skips them. */
export async function duplicateKeys (db: Db, userId: string, source: ImportSource,
  workouts: ParsedWorkout[]): Promise<Set<string>> {
  const starts = [...new Set(workouts.map((w) => w.startedAt))]
  const found = new Set<string>()
  for (let i = 0; i < starts.length; i += 500) {
    const rows = await db.selectFrom('import_workouts').select(['started_at', 'name'])
      .where('user_id', '=', userId).where('source', '=', source)
      .where('started_at', 'in', starts.slice(i, i + 500)).execute()
    for (const r of rows) found.add(workoutKey(r.started_at, r.name))
  }
  return found
}

export const workoutKey = (startedAt: string, name: string): string => `${startedAt}\u0000${name}`
export const logKey = (metric: string, measuredAt: string): string => `${metric}\u0000${measuredAt}`

/** Progress logs that would repeat an existing one (same metric and instant): not created. */
export async function existingLogKeys (db: Db, userId: string, file: StoredDocument): Promise<Set<string>> {
  const found = new Set<string>()
  const metrics = [...new Set(file.progressLogs.map((l) => l.metric))]
  if (metrics.length === 0) return found
  const rows = await db.selectFrom('progress_logs').select(['metric', 'measured_at'])
    .where('user_id', '=', userId).where('metric', 'in', metrics).execute()
  for (const r of rows) found.add(logKey(r.metric, r.measured_at))
  return found
}

/** The workouts the commit would create: those not already imported. */
export function newWorkouts (file: StoredDocument, duplicates: Set<string>): ParsedWorkout[] {
  return file.workouts.filter((w) => !duplicates.has(workoutKey(w.startedAt, w.name)))
}

/**
 * The exercise matches of a file: every distinct name (by key), found in the library or among
 * the user's custom exercises, else a custom exercise the commit creates. `previous` keeps the
 * user's own choices when a preview is judged again.
 */
export async function matchFile (db: Db, userId: string, source: ImportSource, file: StoredDocument,
  previous: StoredMatch[] = []): Promise<StoredMatch[]> {
  const groups = new Map<string, { sourceName: string, exerciseId?: string, sets: ParsedSet[] }>()
  for (const w of file.workouts) {
    for (const e of w.exercises) {
      const key = keyOf(source, e)
      const group = groups.get(key) ?? { sourceName: e.sourceName, exerciseId: e.exerciseId, sets: [] }
      group.sets.push(...e.sets)
      groups.set(key, group)
    }
  }
  const chosen = new Map(previous.filter((m) => m.match === 'chosen').map((m) => [m.key, m]))
  const found = await matchExercises(db, userId, [...groups.values()].map((g) => g.sourceName))
  const library = source === 'spotter'
    ? await libraryIds(db, [...groups.values()].flatMap((g) => g.exerciseId ?? []))
    : undefined
  return [...groups].map(([key, g]): StoredMatch => {
    const own = chosen.get(key)
    if (own !== undefined) return { ...own, sets: 0 }
    const hit = library !== undefined
      ? library.get(g.exerciseId ?? '') ?? customHit(found, g.sourceName)
      : found.get(exerciseKey(g.sourceName))
    // A match whose tracking would lose values of these sets (seconds on a weight exercise) is no match.
    if (hit !== undefined && setsFit(g.sets, hit.tracking)) return { key, sourceName: g.sourceName, ...hit, sets: 0 }
    return {
      key,
      sourceName: g.sourceName,
      exerciseId: null,
      exerciseName: null,
      tracking: inferTracking(g.sets),
      match: 'new_custom',
      sets: 0
    }
  })
}

type Hit = Pick<ExerciseMatch, 'exerciseId' | 'exerciseName' | 'tracking'> & { match: 'library' | 'custom' }

/** A Spotter document's custom exercise is the user's own one of that name, if they have one. */
function customHit (found: Map<string, Hit>, name: string): Hit | undefined {
  const hit = found.get(exerciseKey(name))
  return hit?.match === 'custom' ? hit : undefined
}

async function libraryIds (db: Db, ids: string[]): Promise<Map<string, Hit>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('exercises').select(['id', 'name', 'tracking'])
    .where('owner_id', 'is', null).where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, {
    exerciseId: r.id, exerciseName: r.name, tracking: r.tracking, match: 'library'
  }]))
}

/** Counts and per-match set counts of what a commit would create now. */
export function countFile (source: ImportSource, file: StoredDocument, matches: StoredMatch[],
  duplicates: Set<string>, existingLogs: Set<string>): Counts {
  const perKey = new Map<string, number>()
  const created = newWorkouts(file, duplicates)
  let sets = 0
  for (const w of created) {
    for (const e of w.exercises) {
      const key = keyOf(source, e)
      perKey.set(key, (perKey.get(key) ?? 0) + e.sets.length)
      sets += e.sets.length
    }
  }
  for (const m of matches) m.sets = perKey.get(m.key) ?? 0
  return {
    workouts: created.length,
    duplicates: file.workouts.length - created.length,
    exercises: matches.length,
    sets,
    progressLogs: file.progressLogs.filter((l) => !existingLogs.has(logKey(l.metric, l.measuredAt))).length
  }
}
