// Timed phases: scenarios that time a few long requests (an import's preview, commit and undo, an
// export) instead of loading the server with autocannon. Each phase waits for an idle server,
// then runs its request while the server's RSS is sampled every PROBE_MS, GET /health is called
// every PROBE_MS and (where asked) another user logs sets in a loop.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { historyFiles, type HistoryFile } from '../import-files.js'
import { Session } from './api.js'
import { healthProbe, setWriter, type ProbeStats, type WriteTarget } from './probes.js'
import type { Seeded } from './seed.js'
import { procCpuSeconds, procStatusMb, sampleRss, splitArgs, waitIdle, type Server } from './server.js'

export const TIMED_SCENARIOS = ['import-strong', 'import-hevy', 'export'] as const
export type TimedName = typeof TIMED_SCENARIOS[number]

export interface TimedContext {
  server: Server
  /** The heavy user: the other user who logs sets during the phases, and one more export. */
  session: Session
  seeded: Seeded
  /** The ten-year files, written on first use. */
  files: () => { strong: HistoryFile, hevy: HistoryFile }
  probeMs: number
  exportYears: number[]
  /** Node flags of the processes that serve the exports (EXPORT_SERVER_NODE_ARGS), if not BENCH_SERVER_NODE_ARGS. */
  exportNodeArgs?: string[]
  log: (line: string) => void
}

/** EXPORT_YEARS=1,5,10: the histories (years of Strong import) the export scenario exports. */
export function exportYears (raw = process.env.EXPORT_YEARS ?? '1,5,10'): number[] {
  const years = raw.split(',').map((s) => Number(s.trim()))
  if (years.some((y) => !Number.isFinite(y) || y <= 0 || y > 20)) {
    throw new Error(`EXPORT_YEARS must list years in (0, 20], got "${raw}"`)
  }
  return years
}

/** EXPORT_SERVER_NODE_ARGS: node flags of the processes serving the exports (else BENCH_SERVER_NODE_ARGS). */
export const exportNodeArgs = (raw = process.env.EXPORT_SERVER_NODE_ARGS): string[] | undefined =>
  (raw === undefined ? undefined : splitArgs(raw))

type Files = ReturnType<typeof historyFiles>

/** The ten-year files, written on first use to IMPORT_FILES_DIR or a temporary folder (removed by remove()). */
export function importFiles (log: (line: string) => void): { get: () => Files, remove: () => void } {
  let files: Files | undefined
  let temporary: string | undefined
  const folder = (): string => {
    const given = process.env.IMPORT_FILES_DIR
    if (given !== undefined && given !== '') return given
    temporary = mkdtempSync(path.join(tmpdir(), 'spotter-import-files-'))
    return temporary
  }
  return {
    get: () => {
      if (files !== undefined) return files
      files = historyFiles(folder())
      const { strong, hevy } = files
      log(`import files: ${strong.path} (${strong.rows} rows), ${hevy.path} (${hevy.rows} rows)`)
      return files
    },
    remove: () => { if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true }) }
  }
}

export interface PhaseResult {
  phase: string
  status: number
  seconds: number
  /** CPU the server process used meanwhile (all its threads; PostgreSQL's own CPU is not in it). */
  cpuSeconds: number | null
  /** The machine's 1-minute load average at the end: it is shared, and phases are short. */
  loadAvg1m: number
  /** The limit the issue sets for this phase, if any (seconds). */
  targetSeconds?: number
  rssBeforeMb: number | null
  peakRssMb: number | null
  health: ProbeStats
  /** The other user's set logs meanwhile. */
  writes?: ProbeStats
  /** The answer's start when its status was not the expected one, or the error thrown. */
  error?: string
}

/** A new server process on the same database (a fresh heap): measurements do not inherit what earlier ones left. */
export async function freshProcess (ctx: TimedContext, nodeArgs?: string[]): Promise<number | null> {
  await ctx.server.restart(nodeArgs)
  await waitIdle(ctx.server.base)
  const rss = procStatusMb(ctx.server.pid, 'VmRSS')
  ctx.log(`restarted the server: pid ${ctx.server.pid}, idle RSS ${rss?.toFixed(0) ?? '-'} MB`)
  return rss
}

/** A user of its own for one import or export (registered through the API). */
export async function newUser (ctx: TimedContext, label: string): Promise<Session> {
  const email = `${label}-${randomBytes(4).toString('hex')}@bench.spotter.test`
  const session = new Session(ctx.session.api, { email, password: 'correct horse battery staple' })
  await session.register()
  return session
}

export interface PhasePlan<T> {
  phase: string
  expect: number
  targetSeconds?: number
  /** Another user logs sets into these meanwhile. */
  writeInto?: WriteTarget[]
  run: () => Promise<T & { status: number, text?: string }>
}

/** Runs one phase on an idle server; `value` is undefined when the request threw. */
export async function timedPhase<T> (ctx: TimedContext, plan: PhasePlan<T>):
Promise<{ result: PhaseResult, value: (T & { status: number }) | undefined }> {
  const { base, pid } = ctx.server
  await waitIdle(base)
  const rssBeforeMb = procStatusMb(pid, 'VmRSS')
  const rss = sampleRss(pid, ctx.probeMs)
  const health = healthProbe(base, ctx.probeMs)
  const writer = plan.writeInto === undefined ? undefined : setWriter(base, ctx.session, plan.writeInto, ctx.probeMs)
  const cpu0 = procCpuSeconds(pid)
  const t0 = performance.now()
  let value: (T & { status: number, text?: string }) | undefined
  let error: string | undefined
  try { value = await plan.run() } catch (err) { error = String(err) }
  const seconds = (performance.now() - t0) / 1000
  const cpu1 = procCpuSeconds(pid)
  const result: PhaseResult = {
    phase: plan.phase,
    status: value?.status ?? 0,
    seconds,
    cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    loadAvg1m: loadavg()[0],
    ...(plan.targetSeconds === undefined ? {} : { targetSeconds: plan.targetSeconds }),
    rssBeforeMb,
    peakRssMb: rss.stop(),
    health: await health.stop(),
    ...(writer === undefined ? {} : { writes: await writer.stop() })
  }
  if (value !== undefined && value.status !== plan.expect) error = (value.text ?? '').slice(0, 600)
  if (!ctx.server.alive()) {
    error = `the server process exited during this phase (its log is above)${error === undefined ? '' : `; ${error}`}`
    await freshProcess(ctx) // so that the phases after this one have a server
  }
  if (error !== undefined) result.error = error
  const mb = result.peakRssMb?.toFixed(0) ?? '-'
  const why = error === undefined ? '' : `: ${error}`
  ctx.log(`${plan.phase}: HTTP ${result.status} in ${seconds.toFixed(2)} s, peak RSS ${mb} MB${why}`)
  return { result, value }
}
