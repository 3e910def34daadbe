import type { Db } from '../../db/schema.js'
import { retryTransient } from '../../lib/client-id.js'
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import { nowIso } from '../../lib/time.js'
import { userTimeZone } from '../../lib/user-time-zone.js'
import { canonicalTimeZone } from '../../rules/calendar.js'
import { usableExercises } from '../exercises/exercises.usable.js'
import type { ImportSource, LineProblem, ParsedFile, ParsedSet, ParseOptions } from './import.types.js'
import { checkChosenFits, commitPreview } from './imports.commit.js'
import {
  acceptLines, countFile, duplicateKeys, existingLogKeys, keyOf, matchFile, type Counts, type StoredDocument,
  type StoredMatch
} from './imports.preview.js'
import { importsRepository as repo, type ImportRow } from './imports.repository.js'
import type { CreateImportQueryInput, ImportDto, PatchImportInput } from './imports.schemas.js'
import { undoImport } from './imports.undo.js'
import { exerciseKey, setsFit } from './match/index.js'
import { parseImport } from './parse/index.js'
import { parseSpotterDocument, type SpotterSet } from './spotter/index.js'

type Summary = Omit<ImportRow, 'document'>

export function toImport (row: Summary): ImportDto {
  return {
    id: row.id,
    source: row.source as ImportDto['source'],
    status: row.status as ImportDto['status'],
    fileName: row.file_name,
    weightUnit: row.weight_unit as ImportDto['weightUnit'],
    distanceUnit: row.distance_unit as ImportDto['distanceUnit'],
    timeZone: row.time_zone,
    counts: JSON.parse(row.counts) as Counts,
    exercises: (JSON.parse(row.exercises) as StoredMatch[]).map(({ key: _key, ...match }) => match),
    warnings: JSON.parse(row.warnings) as LineProblem[],
    createdAt: row.created_at,
    committedAt: row.committed_at
  }
}

/** The file as the source's reader sees it: a CSV export (text) or a Spotter document (JSON). */
function parseFile (source: ImportSource, body: unknown, options: ParseOptions): ParsedFile {
  if (source === 'spotter') return parseSpotterDocument(body)
  return parseImport(source, body as string, options)
}

// A planned set of a Spotter document (not completed, with targets) has no values by nature.
const isEmptySet = (s: ParsedSet): boolean => (s as Partial<SpotterSet>).completed !== false &&
  s.reps === null && s.weightKg === null && s.durationSec === null && s.distanceM === null

/** What the preview keeps: sets with no values at all are left out (the parser warned about each). */
const documentOf = (file: ParsedFile): StoredDocument => ({
  workouts: file.workouts.map((w) => ({
    ...w,
    exercises: w.exercises.map((e) => ({ ...e, sets: e.sets.filter((s) => !isEmptySet(s)) }))
  })),
  progressLogs: file.progressLogs,
  ...(file.customExercises === undefined ? {} : { customExercises: file.customExercises }),
  ...(file.goals === undefined ? {} : { goals: file.goals }),
  ...(file.plans === undefined ? {} : { plans: file.plans })
})

/** The import wizard: upload (a preview, nothing written to the training data), fix matches, commit, undo. */
export class ImportsService {
  constructor (private readonly db: Db) {}

  async create (userId: string, query: CreateImportQueryInput, body: unknown): Promise<ImportDto> {
    await repo.deleteExpiredPreviews(this.db)
    const timeZone = query.timeZone === undefined
      ? await userTimeZone(this.db, userId)
      : canonicalTimeZone(query.timeZone)
    if (timeZone === undefined) {
      throw BadRequestError.field('/timeZone', 'must be an IANA time zone name, e.g. Europe/Berlin')
    }
    const source = query.source as ImportSource
    const file = parseFile(source, body, {
      weightUnit: query.weightUnit ?? 'kg',
      distanceUnit: query.distanceUnit ?? 'km',
      timeZone
    })
    const warnings = acceptLines(file, query.skipBadLines === true)
    const document = documentOf(file)
    const matches = await matchFile(this.db, userId, source, document)
    const counts = countFile(source, document, matches, await duplicateKeys(this.db, userId, source, document.workouts),
      await existingLogKeys(this.db, userId, document))
    const row: ImportRow = {
      id: newId(),
      user_id: userId,
      source,
      status: 'preview',
      file_name: query.fileName ?? null,
      weight_unit: file.weightUnit ?? query.weightUnit ?? 'kg',
      distance_unit: file.distanceUnit ?? query.distanceUnit ?? 'km',
      time_zone: timeZone,
      counts: JSON.stringify(counts),
      exercises: JSON.stringify(matches),
      warnings: JSON.stringify(warnings),
      document: JSON.stringify(document),
      created_at: nowIso(),
      committed_at: null
    }
    await repo.insert(this.db, row)
    return toImport(row)
  }

  async list (userId: string, query: { limit?: number, cursor?: string }):
  Promise<{ items: ImportDto[], nextCursor: string | null }> {
    const limit = query.limit ?? 20
    const rows = await repo.list(this.db, userId, limit, decodeCursor(query.cursor, 2))
    return toPage(rows, limit, toImport, (r) => [r.created_at, r.id])
  }

  async get (userId: string, id: string): Promise<ImportDto> {
    const row = await repo.find(this.db, userId, id)
    if (row === undefined) throw new NotFoundError('Import')
    return toImport(row)
  }

  /** The user's own choices of exercise for some names of a preview. */
  async patch (userId: string, id: string, input: PatchImportInput): Promise<ImportDto> {
    return await this.write(async (trx) => {
      const row = await this.preview(trx, userId, id)
      const source = row.source as ImportSource
      const document = JSON.parse(row.document ?? '{}') as StoredDocument
      const matches = JSON.parse(row.exercises) as StoredMatch[]
      const found = await usableExercises(trx, userId,
        input.exercises.map((c, i) => ({ exerciseId: c.exerciseId, path: `/exercises/${i}` })))
      input.exercises.forEach((choice, i) => {
        const match = matches.find((m) => m.sourceName === choice.sourceName) ??
          matches.find((m) => m.key === exerciseKey(choice.sourceName))
        if (match === undefined) {
          throw BadRequestError.field(`/exercises/${i}/sourceName`, 'is not an exercise name of this file')
        }
        const exercise = found.get(choice.exerciseId) as { id: string, name: string, tracking: string }
        const sets = document.workouts.flatMap((w) => w.exercises.filter((e) => keyOf(source, e) === match.key))
          .flatMap((e) => e.sets)
        checkChosenFits(setsFit(sets, exercise.tracking), i, exercise.tracking)
        Object.assign(match, { exerciseId: exercise.id, exerciseName: exercise.name, tracking: exercise.tracking })
        match.match = 'chosen'
      })
      await repo.update(trx, userId, id, { exercises: JSON.stringify(matches) })
      return toImport({ ...row, exercises: JSON.stringify(matches) })
    })
  }

  /** Writes a preview; a second commit (also a concurrent one, which waits for the lock) answers the same import. */
  async commit (userId: string, id: string): Promise<ImportDto> {
    return await this.write(async (trx) => {
      const row = await repo.lock(trx, userId, id)
      if (row === undefined) throw new NotFoundError('Import')
      if (row.status === 'completed') return toImport(row)
      if (row.status !== 'preview') {
        throw new ConflictError('This import was undone; upload the file again to import it')
      }
      const now = nowIso()
      const { counts, matches } = await commitPreview(trx, userId, row, now)
      const done = {
        status: 'completed',
        counts: JSON.stringify(counts),
        exercises: JSON.stringify(matches),
        document: null,
        committed_at: now
      }
      await repo.update(trx, userId, id, done)
      return toImport({ ...row, ...done })
    })
  }

  /** A preview is discarded; a completed import is undone (what the user changed since stays). */
  async remove (userId: string, id: string): Promise<void> {
    await this.write(async (trx) => {
      const row = await repo.lock(trx, userId, id)
      if (row === undefined) throw new NotFoundError('Import')
      if (row.status === 'preview') await repo.delete(trx, userId, id)
      if (row.status !== 'completed') return
      await undoImport(trx, userId, id)
      await repo.update(trx, userId, id, { status: 'undone' })
    })
  }

  private async preview (trx: Db, userId: string, id: string): Promise<ImportRow> {
    const row = await repo.lock(trx, userId, id)
    if (row === undefined) throw new NotFoundError('Import')
    if (row.status !== 'preview') throw new ConflictError(`This import is ${row.status}: only a preview can be changed`)
    return row
  }

  private async write<T> (fn: (trx: Db) => Promise<T>): Promise<T> {
    return await retryTransient(async () => await this.db.transaction().execute(fn))
  }
}
