// import-strong, import-hevy: a fresh user uploads the ten-year file (preview), commits it and
// undoes it, each phase timed while /health is probed and the heavy user logs sets meanwhile.
import type { Session } from './api.js'
import { freshProcess, newUser, timedPhase, type PhaseResult, type TimedContext } from './phases.js'
import { timedRequest, writeTargets, type Timed } from './probes.js'

/** The limits (seconds). */
export const IMPORT_TARGETS = { preview: 3, commit: 10, undo: 5 }
/** Exercises of the writer's in-progress workout: 100 sets each before the contract's cap. */
const WRITER_EXERCISES = 30

interface Counts { workouts: number, duplicates: number, exercises: number, sets: number, progressLogs: number }
interface ImportAnswer { id: string, status: string, counts: Counts, warnings: unknown[], exercises: unknown[] }
interface Totals { workouts: number, sets: number }

export interface ImportResult {
  scenario: 'import-strong' | 'import-hevy'
  file: { name: string, bytes: number, rows: number }
  /** VmRSS of the freshly started server before anything of this scenario. */
  idleRssMb: number | null
  /** The preview's counts and how many warnings and exercise names it reported. */
  counts?: Counts & { warnings: number, exerciseMatches: number }
  /** The importer's GET /stats/summary after the commit and after the undo. */
  afterCommit?: Totals
  afterUndo?: Totals
  phases: PhaseResult[]
}

async function totals (user: Session): Promise<Totals | undefined> {
  const res = await user.request<Totals>('GET', '/stats/summary')
  return res.status === 200 ? { workouts: res.json.workouts, sets: res.json.sets } : undefined
}

const parse = <T>(t: Timed | undefined): T | undefined => {
  try { return JSON.parse(t?.text ?? '') as T } catch { return undefined }
}

/** Uploads `text` for `user` and times it; the answer is the Import preview. */
export async function previewPhase (
  ctx: TimedContext, user: Session, source: string, text: string, withWriter: boolean
): Promise<{ result: PhaseResult, answer: ImportAnswer | undefined }> {
  const writeInto = withWriter ? await writeTargets(ctx.session, exerciseIds(ctx), WRITER_EXERCISES) : undefined
  const { result, value } = await timedPhase(ctx, {
    phase: 'preview',
    expect: 201,
    targetSeconds: IMPORT_TARGETS.preview,
    writeInto,
    run: async () => await timedRequest(ctx.server.base, 'POST', `/imports?source=${source}`, user.token,
      { type: 'text/csv', text })
  })
  return { result, answer: result.status === 201 ? parse<ImportAnswer>(value) : undefined }
}

const exerciseIds = (ctx: TimedContext): string[] => ctx.seeded.exercises.map((e) => e.id)

/** Commits (POST …/commit, 200) or undoes (DELETE, 204) the import `id` of `user`. */
export async function importPhase (ctx: TimedContext, user: Session, id: string, phase: 'commit' | 'undo',
  withWriter: boolean): Promise<PhaseResult> {
  const writeInto = withWriter ? await writeTargets(ctx.session, exerciseIds(ctx), WRITER_EXERCISES) : undefined
  const { method, path, expect } = phase === 'commit'
    ? { method: 'POST', path: `/imports/${id}/commit`, expect: 200 }
    : { method: 'DELETE', path: `/imports/${id}`, expect: 204 }
  const { result } = await timedPhase(ctx, {
    phase,
    expect,
    targetSeconds: IMPORT_TARGETS[phase],
    writeInto,
    run: async () => await timedRequest(ctx.server.base, method, path, user.token)
  })
  return result
}

export async function runImport (name: ImportResult['scenario'], ctx: TimedContext): Promise<ImportResult> {
  const file = name === 'import-strong' ? ctx.files().strong : ctx.files().hevy
  const idleRssMb = await freshProcess(ctx)
  await ctx.session.login() // a fresh token for the writer
  const user = await newUser(ctx, name)
  const out: ImportResult = {
    scenario: name, file: { name: file.name, bytes: file.bytes, rows: file.rows }, idleRssMb, phases: []
  }
  const preview = await previewPhase(ctx, user, name === 'import-strong' ? 'strong' : 'hevy', file.text, true)
  out.phases.push(preview.result)
  if (preview.answer === undefined) return out
  const { id, counts, warnings, exercises } = preview.answer
  out.counts = { ...counts, warnings: warnings.length, exerciseMatches: exercises.length }
  const commit = await importPhase(ctx, user, id, 'commit', true)
  out.phases.push(commit)
  if (commit.status !== 200) return out
  out.afterCommit = await totals(user)
  out.phases.push(await importPhase(ctx, user, id, 'undo', true))
  out.afterUndo = await totals(user)
  return out
}
