import type { Db } from '../../../db/schema.js'
import type { Tracking } from '../../exercises/exercises.vocabulary.js'
import { exerciseKey } from './key.js'
import { findInLibrary, type LibraryFind } from './library-match.js'

export interface ExerciseHit {
  exerciseId: string
  exerciseName: string
  tracking: Tracking
  match: 'library' | 'custom'
}

interface Custom { id: string, name: string, tracking: string }

/**
 * The caller's live custom exercises by key, in one query. Deleted (archived) ones are out: new
 * history must not land on an exercise the user removed. When two share a key (`Press Bench` and
 * `Bench Press`) the oldest wins, so the answer does not change as the user adds more.
 */
async function customsByKey (db: Db, userId: string): Promise<Map<string, Custom>> {
  const rows = await db.selectFrom('exercises').select(['id', 'name', 'tracking'])
    .where('owner_id', '=', userId).where('archived_at', 'is', null)
    .orderBy('created_at').orderBy('id').execute()
  const byKey = new Map<string, Custom>()
  for (const row of rows) {
    const key = exerciseKey(row.name)
    if (!byKey.has(key)) byKey.set(key, row)
  }
  return byKey
}

const fromLibrary = ({ exercise: e }: LibraryFind): ExerciseHit =>
  ({ exerciseId: e.id, exerciseName: e.name, tracking: e.tracking, match: 'library' })
const fromCustom = (c: Custom): ExerciseHit =>
  ({ exerciseId: c.id, exerciseName: c.name, tracking: c.tracking as Tracking, match: 'custom' })

/**
 * Precedence: a library exercise whose own name or alias has the name's key wins (a custom
 * "Bench Press" does not hide the library's); then the user's custom exercise of that key (what
 * they have been logging it as, e.g. from an earlier import, beats a guess); then the library's
 * other rules (spelling, the apps' names, equipment).
 */
function choose (library: LibraryFind | null, custom: Custom | undefined): ExerciseHit | undefined {
  if (library?.rule === 'name') return fromLibrary(library)
  if (custom !== undefined) return fromCustom(custom)
  return library === null ? undefined : fromLibrary(library)
}

/**
 * The exercises a file's names land on, keyed by exerciseKey (names sharing a key are one
 * exercise; the first spelling is matched). A name left out matched nothing: the importer creates
 * a custom exercise for it. The sets' fit is not checked here: callers that need it use setsFit.
 */
export async function matchExercises (db: Db, userId: string,
  sourceNames: string[]): Promise<Map<string, ExerciseHit>> {
  const names = new Map<string, string>()
  for (const name of sourceNames) {
    const key = exerciseKey(name)
    if (key !== '' && !names.has(key)) names.set(key, name)
  }
  const found = new Map<string, ExerciseHit>()
  if (names.size === 0) return found
  const customs = await customsByKey(db, userId)
  for (const [key, name] of names) {
    const hit = choose(findInLibrary(name), customs.get(key))
    if (hit !== undefined) found.set(key, hit)
  }
  return found
}
