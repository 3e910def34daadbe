import type { Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { projections, type ChangeRef, type ChangeType } from '../../projections/index.js'
import { usableExercises } from '../exercises/exercises.usable.js'
import { customExerciseNamed } from '../exercises/exercises.service.js'
import type { CreateExerciseInput } from '../exercises/exercises.schemas.js'
import type { ImportSource, ParsedLog } from './import.types.js'
import { newCustomExercise } from './imports.new-exercises.js'
import {
  countFile, duplicateKeys, existingLogKeys, keyOf, logKey, newWorkouts,
  type Counts, type StoredDocument, type StoredMatch
} from './imports.preview.js'
import type { ImportRow } from './imports.repository.js'
import { buildRows, insertRows, type ExerciseTarget } from './imports.rows.js'
import { writeSpotterExtras } from './spotter/index.js'

/**
 * Writes a preview, inside the caller's transaction: the exercises it matched (new custom ones
 * made now), its workouts, exercises and sets and its progress logs in bulk, then every derived
 * value once, through the owner's rebuild, which also records everything it made (and every goal)
 * as changed, as the last lock. What it made is listed for undo with the updated_at it has now.
 * Duplicates are judged again here: another import may have committed since.
 */
export async function commitPreview (trx: Db, userId: string, row: ImportRow, now: string):
Promise<{ counts: Counts, matches: StoredMatch[] }> {
  const source = row.source as ImportSource
  const file = JSON.parse(row.document ?? '{}') as StoredDocument
  const matches = JSON.parse(row.exercises) as StoredMatch[]
  await projections.lockHistory(trx, userId)
  const duplicates = await duplicateKeys(trx, userId, source, file.workouts)
  const existingLogs = await existingLogKeys(trx, userId, file)
  const counts = countFile(source, file, matches, duplicates, existingLogs)
  const workouts = newWorkouts(file, duplicates)
  const keys = new Set(workouts.flatMap((w) => w.exercises.map((e) => keyOf(source, e))))
  const targets = await exerciseTargets(trx, userId, row.id, file, matches.filter((m) => keys.has(m.key)), now)
  const rows = buildRows(userId, workouts, (e) => targets.get(keyOf(source, e)) as ExerciseTarget, now)
  await insertRows(trx, rows)
  await recordWorkouts(trx, userId, row.id, source, rows.workouts)
  const logs = file.progressLogs.filter((l) => !existingLogs.has(logKey(l.metric, l.measuredAt)))
  await insertLogs(trx, userId, row.id, logs, now)
  const refs = rows.workouts.map((w): ChangeRef => ({ type: 'workout', id: w.id }))
  if (source === 'spotter') {
    const exerciseIdFor = (documentId: string): string => targets.get(`id:${documentId}`)?.exerciseId ?? documentId
    const extras = await writeSpotterExtras(trx, userId, file, exerciseIdFor)
    refs.push(...extras.plans.map((p): ChangeRef => ({ type: 'plan', id: p.id })))
  }
  // The custom exercises and progress logs it made (listed for undo); goals are all recorded by the rebuild.
  const made = await trx.selectFrom('import_rows').select(['kind', 'row_id']).where('import_id', '=', row.id).execute()
  refs.push(...made.map((r): ChangeRef => ({ type: r.kind as ChangeType, id: r.row_id })))
  await projections.rebuildUser(trx, userId, refs)
  return { counts, matches }
}

/**
 * The exercise of each match the new workouts use (also one whose sets were all left out), still
 * usable now; the names matched to nothing become custom exercises.
 */
async function exerciseTargets (trx: Db, userId: string, importId: string, file: StoredDocument,
  used: StoredMatch[], now: string): Promise<Map<string, ExerciseTarget>> {
  const known = used.flatMap((m, i) => m.exerciseId === null
    ? []
    : [{ exerciseId: m.exerciseId, path: `/exercises/${i}` }])
  const found = await usableExercises(trx, userId, known)
  const definitions = new Map((file.customExercises ?? []).map((c) => [`id:${c.id}`, c.definition]))
  const targets = new Map<string, ExerciseTarget>()
  for (const m of used) {
    if (m.exerciseId !== null) {
      targets.set(m.key, { exerciseId: m.exerciseId, tracking: found.get(m.exerciseId)?.tracking ?? m.tracking })
      continue
    }
    const definition = definitions.get(m.key) as CreateExerciseInput | undefined
    const input = definition ?? newCustomExercise(m.sourceName, m.tracking)
    targets.set(m.key, await customTarget(trx, userId, importId, input, now))
  }
  // A Spotter document's custom exercises come whole, also those only its plans or goals use (or nothing).
  for (const [key, definition] of definitions) {
    if (targets.has(key)) continue
    targets.set(key, await customTarget(trx, userId, importId, definition as CreateExerciseInput, now))
  }
  return targets
}

/** The user's custom exercise of that name, or a new one, listed for undo when it is new. */
async function customTarget (trx: Db, userId: string, importId: string, input: CreateExerciseInput, now: string):
Promise<ExerciseTarget> {
  const made = await customExerciseNamed(trx, userId, input, now)
  if (made.created) {
    await trx.insertInto('import_rows')
      .values({ import_id: importId, kind: 'exercise', row_id: made.row.id, updated_at: now }).execute()
  }
  return { exerciseId: made.row.id, tracking: made.row.tracking }
}

async function recordWorkouts (trx: Db, userId: string, importId: string, source: ImportSource,
  workouts: Array<{ id: string, started_at: string, name: string, updated_at: string }>): Promise<void> {
  for (let i = 0; i < workouts.length; i += 500) {
    await trx.insertInto('import_workouts').values(workouts.slice(i, i + 500).map((w) => ({
      workout_id: w.id,
      import_id: importId,
      user_id: userId,
      source,
      started_at: w.started_at,
      name: w.name,
      updated_at: w.updated_at
    }))).execute()
  }
}

/** Progress logs in bulk; a custom metric keeps the unit its first log gave it (others are left out). */
async function insertLogs (trx: Db, userId: string, importId: string, logs: ParsedLog[], now: string): Promise<void> {
  const units = new Map((await trx.selectFrom('custom_metrics').select(['metric', 'unit'])
    .where('user_id', '=', userId).execute()).map((r) => [r.metric, r.unit]))
  const kept: ParsedLog[] = []
  for (const log of logs) {
    if (!log.metric.startsWith('custom:')) { kept.push(log); continue }
    const unit = units.get(log.metric)
    if (unit === undefined) {
      units.set(log.metric, log.unit)
      await trx.insertInto('custom_metrics')
        .values({ user_id: userId, metric: log.metric, unit: log.unit, created_at: now }).execute()
    }
    if ((unit ?? log.unit) === log.unit) kept.push(log)
  }
  const rows = kept.map((l) => ({
    id: newId(),
    user_id: userId,
    metric: l.metric,
    value: l.value,
    unit: l.unit,
    measured_at: l.measuredAt,
    note: l.note,
    created_at: now,
    updated_at: now
  }))
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500)
    await trx.insertInto('progress_logs').values(chunk).execute()
    await trx.insertInto('import_rows').values(chunk.map((r) => ({
      import_id: importId, kind: 'progress_log', row_id: r.id, updated_at: now
    }))).execute()
  }
}

/** A chosen exercise must be one the user can use, and its tracking must hold the sets of that name. */
export function checkChosenFits (fits: boolean, index: number, tracking: string): void {
  if (!fits) {
    throw BadRequestError.field(`/exercises/${index}/exerciseId`,
      `records ${tracking}, which cannot hold the values of these sets`)
  }
}
