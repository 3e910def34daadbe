// The tables of the timed scenarios (imports and exports) and their verdicts against the issue's
// targets, in the style of report.ts.
import type { ExportResult, ExportRow } from './exports.js'
import type { ImportResult } from './imports.js'
import type { PhaseResult } from './phases.js'
import type { ProbeStats } from './probes.js'

export type TimedResult = ImportResult | ExportResult

/** The issue's limits beside the phase times (IMPORT_TARGETS): memory, /health, other users' writes. */
export const LIMITS = { peakRssMb: 300, healthP99Ms: 100, writeMaxMs: 1000 }

const num = (x: number | null | undefined, digits = 0): string =>
  (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits))
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)
const spread = (p: ProbeStats | undefined): string =>
  (p === undefined ? '-' : `${num(p.p50Ms)}/${num(p.p99Ms)}/${num(p.maxMs)}`)
const others = (p: ProbeStats | undefined): string => {
  const bad = Object.entries(p?.statuses ?? {}).filter(([s]) => !s.startsWith('2'))
  return bad.length === 0 ? '-' : bad.map(([s, n]) => `${s}×${n}`).join(' ')
}

type Column<R> = [string, number, (r: R) => string]

function table<R> (columns: Array<Column<R>>, rows: R[]): string {
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(columns[i][1]) : c.padStart(columns[i][1]))).join(' ')
  const body = rows.map((r) => line(columns.map(([, , cell]) => cell(r))))
  return [line(columns.map(([title]) => title)), ...body].join('\n')
}

interface PhaseRow { label: string, p: PhaseResult }

const PHASE_COLUMNS: Array<Column<PhaseRow>> = [
  ['scenario / phase', 26, (r) => `${r.label} ${r.p.phase}`],
  ['HTTP', 5, (r) => String(r.p.status)],
  ['seconds', 8, (r) => num(r.p.seconds, 2)],
  ['target', 7, (r) => (r.p.targetSeconds === undefined ? '-' : `<${r.p.targetSeconds}`)],
  ['CPU s', 6, (r) => num(r.p.cpuSeconds, 2)],
  ['load', 5, (r) => num(r.p.loadAvg1m, 1)],
  ['RSS before MB', 14, (r) => num(r.p.rssBeforeMb)],
  ['peak RSS MB', 12, (r) => num(r.p.peakRssMb)],
  ['/health n', 10, (r) => String(r.p.health.requests)],
  ['p50/p99/max ms', 15, (r) => spread(r.p.health)],
  ['writes n', 9, (r) => (r.p.writes === undefined ? '-' : String(r.p.writes.requests))],
  ['p50/p99/max ms', 15, (r) => spread(r.p.writes)],
  ['non-2xx', 8, (r) => others(r.p.writes)]
]

const EXPORT_COLUMNS: Array<Column<ExportRow>> = [
  ['history', 20, (r) => r.history],
  ['format', 7, (r) => r.format],
  ['workouts', 9, (r) => String(r.workouts)],
  ['sets', 7, (r) => String(r.sets)],
  ['HTTP', 5, (r) => String(r.phase.status)],
  ['MB', 7, (r) => mb(r.bytes)],
  ['items', 7, (r) => num(r.items)],
  ['1st byte ms', 12, (r) => num(r.firstByteMs)],
  ['seconds', 8, (r) => num(r.phase.seconds, 2)],
  ['CPU s', 6, (r) => num(r.phase.cpuSeconds, 2)],
  ['MB/s', 6, (r) => num(r.bytes / 2 ** 20 / r.phase.seconds, 1)],
  ['RSS before MB', 14, (r) => num(r.phase.rssBeforeMb)],
  ['peak RSS MB', 12, (r) => num(r.phase.peakRssMb)],
  ['/health p50/p99/max', 20, (r) => spread(r.phase.health)]
]

export function timedTable (r: TimedResult): string {
  if (r.scenario !== 'export') {
    const head = `${r.scenario}: ${r.file.name}, ${mb(r.file.bytes)} MB, ${r.file.rows} rows; ` +
      `a fresh server process, idle RSS ${num(r.idleRssMb)} MB`
    return `${head}\n${table(PHASE_COLUMNS, r.phases.map((p) => ({ label: r.scenario, p })))}`
  }
  const setup = r.setup.flatMap((s) => s.phases.map((p) => ({ label: `import ${s.history}`, p })))
  return [
    'export, making its users (imports of Strong files, no writer):',
    table(PHASE_COLUMNS, setup),
    'export, each on a fresh server process on the same database (RSS before = its idle RSS):',
    table(EXPORT_COLUMNS, r.rows)
  ].join('\n')
}

const verdict = (ok: boolean): string => (ok ? 'OK' : 'MISSED')

function phaseVerdict (scenario: string, p: PhaseResult): string {
  const parts = [`${p.phase} HTTP ${p.status} in ${num(p.seconds, 2)} s` +
    (p.targetSeconds === undefined ? '' : ` (< ${p.targetSeconds} s: ${verdict(p.seconds < p.targetSeconds)})`)]
  const rssOk = (p.peakRssMb ?? 0) < LIMITS.peakRssMb
  parts.push(`peak RSS ${num(p.peakRssMb)} MB (< ${LIMITS.peakRssMb}: ${verdict(rssOk)})`)
  if (p.phase === 'commit') {
    const h = p.health.p99Ms ?? Infinity
    const w = p.writes?.maxMs ?? Infinity
    parts.push(`/health p99 ${num(p.health.p99Ms)} ms (< ${LIMITS.healthP99Ms}: ${verdict(h < LIMITS.healthP99Ms)})`)
    parts.push(`other user's writes max ${num(p.writes?.maxMs)} ms over ${p.writes?.requests ?? 0} ` +
      `(< ${LIMITS.writeMaxMs}: ${verdict(w < LIMITS.writeMaxMs && others(p.writes) === '-')})`)
  }
  return `${scenario}: ${parts.join(', ')}${p.error === undefined ? '' : `; answer: ${p.error}`}`
}

function exportVerdicts (r: ExportResult): string[] {
  return (['json', 'csv'] as const).map((format) => {
    const rows = r.rows.filter((x) => x.format === format)
    const list = rows.map((x) => `${x.history} ${mb(x.bytes)} MB in ${num(x.phase.seconds, 2)} s, ` +
      `peak ${num(x.phase.peakRssMb)} MB`).join('; ')
    return `export ${format}: ${list}`
  })
}

export function timedFooter (results: TimedResult[]): string[] {
  return results.flatMap((r) => (r.scenario === 'export'
    ? exportVerdicts(r)
    : [...r.phases.map((p) => phaseVerdict(r.scenario, p)),
        `${r.scenario}: preview counts ${JSON.stringify(r.counts ?? null)}; importer's summary after commit ` +
        `${JSON.stringify(r.afterCommit ?? null)}, after undo ${JSON.stringify(r.afterUndo ?? null)}`]))
}
