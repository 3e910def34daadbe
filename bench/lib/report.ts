// The results table (stdout) and the JSON file (BENCH_OUT).
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import path from 'node:path'
import type { ScenarioResult } from './scenarios.js'
import type { TimedResult } from './timed-report.js'

export const HEALTH_P99_LIMIT_MS = 50

export interface RunInfo {
  startedAt: string
  command: string
  dialect: string
  workouts: number
  sets: number
  warmups: number
  seedSeconds: number
  seedConcurrency: number
  seedPeakRssMb: number | null
  lifetimePeakRssMb: number | null
  settings: Record<string, number>
  /** 1-minute load average before seeding: the machine is shared, so note how busy it was. */
  loadAvgAtStart: number
  summary: Record<string, unknown>
  /** The newest file under src/ when the run started: which state of a shared, changing tree was measured. */
  source?: { newestFile: string, modifiedAt: string }
  /** The newest file under src/ at the end, if it differs (someone edited src/ meanwhile). */
  sourceAtEnd?: { newestFile: string, modifiedAt: string }
}

/** The most recently modified file under `dir` (recursively), relative to `root`. */
export function newestSource (root: string, dir = 'src'): { newestFile: string, modifiedAt: string } {
  let best = { file: '', ms: 0 }
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name)
      if (entry.isDirectory()) { walk(child); continue }
      const ms = statSync(path.join(root, child)).mtimeMs
      if (ms > best.ms) best = { file: child, ms }
    }
  }
  walk(dir)
  return { newestFile: best.file, modifiedAt: new Date(best.ms).toISOString() }
}

export function machine (): Record<string, unknown> {
  const list = cpus()
  return { node: process.version, platform: process.platform, kernel: release(), cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', memoryMb: Math.round(totalmem() / 2 ** 20), loadAvg1m: loadavg()[0] }
}

const num = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits))

const COLUMNS: Array<[string, number, (r: ScenarioResult) => string]> = [
  ['scenario', 20, (r) => r.scenario],
  ['conns', 6, (r) => String(r.connections)],
  ['req/s', 9, (r) => num(r.rps, r.rps < 100 ? 1 : 0)],
  ['p50 ms', 8, (r) => num(r.p50Ms)],
  ['p99 ms', 8, (r) => num(r.p99Ms)],
  ['max ms', 8, (r) => num(r.maxMs)],
  ['non-2xx', 8, (r) => String(r.non2xx)],
  ['errors', 7, (r) => String(r.errors)],
  ['timeouts', 9, (r) => String(r.timeouts)],
  ['KB/resp', 8, (r) => num(r.bytesPerReq / 1024, 1)],
  ['peak RSS MB', 12, (r) => num(r.peakRssMb)],
  ['/health p50/p99 ms', 19, (r) => (r.health === undefined ? '-' : `${num(r.health.p50Ms)}/${num(r.health.p99Ms)}`)]
]

function line (cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i][1]) : c.padStart(COLUMNS[i][1]))).join(' ')
}

export function header (info: Pick<RunInfo, 'dialect' | 'workouts' | 'sets' | 'settings' | 'loadAvgAtStart'>): string {
  const s = info.settings
  const m = machine()
  return `# Spotter bench: ${info.dialect}, ${info.workouts} workouts (${info.sets} sets); ${s.duration} s per scenario after ${s.warmup} s warm-up, ` +
    `${s.connections} connections (login ${s.loginConnections}); node ${String(m.node)}, ${String(m.cpus)} cpus, load ${info.loadAvgAtStart.toFixed(1)} before / ${loadavg()[0].toFixed(1)} after seeding`
}

export function tableHeader (): string {
  return line(COLUMNS.map(([title]) => title))
}

export function tableRow (r: ScenarioResult): string {
  return line(COLUMNS.map(([, , cell]) => cell(r)))
}

export function footer (info: RunInfo, results: ScenarioResult[]): string {
  const out = [
    `seeding: ${info.workouts} workouts, ${info.sets} sets (${info.warmups} warm-ups) in ${info.seedSeconds.toFixed(1)} s ` +
      `(${(info.workouts / info.seedSeconds).toFixed(1)} workouts/s at concurrency ${info.seedConcurrency}), peak RSS while seeding ${num(info.seedPeakRssMb)} MB`,
    `server lifetime peak RSS (VmHWM): ${num(info.lifetimePeakRssMb)} MB`
  ]
  if (info.source !== undefined) out.push(`src/ as of ${info.source.modifiedAt} (newest: ${info.source.newestFile})`)
  const end = info.sourceAtEnd
  if (end !== undefined) out.push(`WARNING: src/ changed during the run (${end.newestFile} at ${end.modifiedAt})`)
  for (const r of results) {
    if (r.health === undefined) continue
    const ok = r.health.p99Ms < HEALTH_P99_LIMIT_MS && r.health.errors === 0 && r.health.non2xx === 0
    out.push(`/health during ${r.scenario} (1 connection, ${r.health.requests} requests): p50 ${num(r.health.p50Ms)} ms, p99 ${num(r.health.p99Ms)} ms, ` +
      `max ${num(r.health.maxMs)} ms: ${ok ? 'OK' : 'FAIL'} (p99 must stay under ${HEALTH_P99_LIMIT_MS} ms)`)
  }
  for (const r of results) {
    const bad = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2'))
    if (bad.length > 0) out.push(`${r.scenario}: non-2xx statuses ${bad.map(([code, n]) => `${code}×${n}`).join(', ')}`)
  }
  return out.join('\n')
}

export function writeJson (file: string, info: RunInfo, results: ScenarioResult[], timed: TimedResult[] = []): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify({ machine: machine(), ...info, results, timed }, null, 2) + '\n')
}
