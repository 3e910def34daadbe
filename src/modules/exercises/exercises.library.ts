import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import Type from 'typebox'
import type { Db } from '../../db/schema.js'
import { writeTransaction } from '../../db/sql.js'
import { searchWords } from '../../lib/search-text.js'
import { nowIso } from '../../lib/time.js'
import libraryFile from './library/exercises.json' with { type: 'json' }
import { toColumns, type ExerciseColumns, type ExerciseRow } from './exercises.repository.js'
import { LibraryEntry, type LibraryEntryInput } from './exercises.schemas.js'
import { projections } from '../../projections/index.js'

/** What one load did; `skipped` lists entries whose id already belongs to a custom exercise. */
export interface LibraryReport {
  total: number
  inserted: number
  updated: number
  unchanged: number
  skipped: Array<{ id: string, name: string, reason: string }>
}

const validate = addFormats.default(new Ajv({ allErrors: true, strict: false })).compile(Type.Array(LibraryEntry))
const CHUNK = 200

/** The file must match the same schema the API enforces, and every id must be unique. */
export function parseLibrary (data: unknown): LibraryEntryInput[] {
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 10)
      .map((e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`)
    throw new Error(`Exercise library is invalid: ${problems.join('; ')}`)
  }
  const entries = data as LibraryEntryInput[]
  const seen = new Set<string>()
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new Error(`Exercise library is invalid: duplicate id ${entry.id}`)
    seen.add(entry.id)
  }
  return entries
}

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK))

const COMPARED = [
  'name',
  'search_name',
  'search_words',
  'description',
  'instructions',
  'category',
  'primary_muscles',
  'secondary_muscles',
  'equipment',
  'level',
  'mechanic',
  'force',
  'tracking'
] as const

/**
 * Brings the predefined library in the database up to date with the file (or `data`), keyed by
 * the entries' fixed ids: new ones are inserted, changed ones updated in place (history refers to
 * the id, so it keeps pointing at the same exercise), nothing is ever deleted. Idempotent and safe
 * for instances starting together on PostgreSQL: inserts skip ids that exist by then, updates
 * only touch rows that still differ, and rows are written in id order so loads cannot deadlock.
 */
export async function loadExerciseLibrary (db: Db, data: unknown = libraryFile): Promise<LibraryReport> {
  const entries = parseLibrary(data).toSorted((a, b) => a.id < b.id ? -1 : 1)
  const report: LibraryReport = { total: entries.length, inserted: 0, updated: 0, unchanged: 0, skipped: [] }
  // A write transaction from the start: another instance loading at the same moment waits its turn on SQLite.
  await writeTransaction(db, async (trx) => {
    const stored = new Map<string, ExerciseRow>()
    for (const ids of chunks(entries.map((e) => e.id))) {
      for (const row of await trx.selectFrom('exercises').selectAll().where('id', 'in', ids).execute()) {
        stored.set(row.id, row)
      }
    }
    const now = nowIso()
    const fresh: ExerciseRow[] = []
    const changed: Array<{ id: string, columns: ExerciseColumns }> = []
    for (const entry of entries) {
      // Library entries are also found by their aliases ("RDL", "OHP"); custom ones by name only.
      const search = searchWords([entry.name, ...entry.aliases ?? []])
      const columns = { ...toColumns(entry), search_words: search } as ExerciseColumns
      const row = stored.get(entry.id)
      if (row === undefined) {
        fresh.push({ id: entry.id, owner_id: null, ...columns, archived_at: null, created_at: now, updated_at: now })
      } else if (row.owner_id !== null) {
        report.skipped.push({ id: entry.id, name: entry.name, reason: 'id already belongs to a custom exercise' })
      } else if (COMPARED.some((c) => row[c] !== columns[c])) {
        changed.push({ id: entry.id, columns })
      }
    }
    for (const rows of chunks(fresh)) {
      const result = await trx.insertInto('exercises')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst()
      report.inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    for (const { id, columns } of changed) {
      const result = await trx.updateTable('exercises').set({ ...columns, updated_at: now })
        .where('id', '=', id).where('owner_id', 'is', null)
        .where((eb) => eb.or(COMPARED.map((c) => eb(c, 'is distinct from', columns[c]))))
        .executeTakeFirst()
      report.updated += Number(result.numUpdatedRows)
    }
    if (changed.length > 0) {
      // A release renamed or re-tagged predefined exercises: stored answers that show them go.
      await projections.exercisesChanged(trx, changed.map((c) => c.id), { muscles: true })
    }
  })
  report.unchanged = report.total - report.inserted - report.updated - report.skipped.length
  return report
}
