// export: users with growing histories (Strong files of EXPORT_YEARS years imported through the
// API, 150 workouts and 6,000 sets a year, plus the seeded heavy user), then GET /export and
// GET /export?format=csv of each user, each on a server process started for it on the same
// database (a fresh heap, so what an export holds is neither hidden by nor added to what earlier
// requests left): bytes, time to the first byte and to the last, the server's peak RSS meanwhile.
import { strongYears } from '../import-files.js'
import type { Session } from './api.js'
import { importPhase, previewPhase } from './imports.js'
import { freshProcess, newUser, timedPhase, type PhaseResult, type TimedContext } from './phases.js'
import { download } from './probes.js'

export interface ExportRow {
  history: string
  /** The history as made: workouts and sets imported (or seeded). */
  workouts: number
  sets: number
  format: 'json' | 'csv'
  bytes: number
  firstByteMs: number | null
  /** What came back: workouts in the JSON document, data rows in the CSV. */
  items: number | null
  phase: PhaseResult
}

export interface ExportResult {
  scenario: 'export'
  /** How the users were made: their import's preview and commit. */
  setup: Array<{ history: string, phases: PhaseResult[] }>
  rows: ExportRow[]
}

interface Owner { history: string, user: Session, workouts: number, sets: number }

const FORMATS = ['json', 'csv'] as const

function countItems (format: 'json' | 'csv', body: Buffer): number | null {
  try {
    if (format === 'csv') return body.toString('utf8').split('\n').filter((l) => l !== '').length - 1
    return (JSON.parse(body.toString('utf8')) as { workouts: unknown[] }).workouts.length
  } catch { return null }
}

async function importedOwner (ctx: TimedContext, years: number, setup: ExportResult['setup']): Promise<Owner> {
  const history = `${years} year${years === 1 ? '' : 's'}`
  const file = strongYears(years)
  const user = await newUser(ctx, `export-${years}y`)
  ctx.log(`export: importing ${history} (${file.workouts} workouts, ${file.sets} sets) for its user…`)
  const preview = await previewPhase(ctx, user, 'strong', file.text, false)
  const phases = [preview.result]
  if (preview.answer !== undefined) phases.push(await importPhase(ctx, user, preview.answer.id, 'commit', false))
  setup.push({ history, phases })
  return { history, user, workouts: file.workouts, sets: file.sets }
}

async function exportRow (ctx: TimedContext, owner: Owner, format: 'json' | 'csv'): Promise<ExportRow> {
  const path = format === 'csv' ? '/export?format=csv' : '/export'
  const { result, value } = await timedPhase(ctx, {
    phase: `export ${format} (${owner.history})`,
    expect: 200,
    run: async () => await download(ctx.server.base, path, owner.user.token)
  })
  return {
    history: owner.history,
    workouts: owner.workouts,
    sets: owner.sets,
    format,
    bytes: value?.bytes ?? 0,
    firstByteMs: value?.firstByteMs ?? null,
    items: value === undefined || value.status !== 200 ? null : countItems(format, value.body),
    phase: result
  }
}

export async function runExport (ctx: TimedContext): Promise<ExportResult> {
  const setup: ExportResult['setup'] = []
  const owners: Owner[] = []
  await ctx.session.login()
  for (const years of ctx.exportYears) {
    const owner = await importedOwner(ctx, years, setup)
    if (setup.at(-1)?.phases.at(-1)?.status === 200) owners.push(owner)
  }
  const { workoutIds, sets } = ctx.seeded
  owners.push({ history: 'heavy user (seeded)', user: ctx.session, workouts: workoutIds.length, sets })
  const out: ExportResult = { scenario: 'export', setup, rows: [] }
  for (const owner of owners) {
    for (const format of FORMATS) {
      await freshProcess(ctx, ctx.exportNodeArgs)
      out.rows.push(await exportRow(ctx, owner, format))
    }
  }
  return out
}
