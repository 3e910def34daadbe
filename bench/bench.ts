// npm run bench — starts the server on a fresh database, seeds a heavy user through the API,
// measures each scenario with autocannon (or, for imports and exports, times their requests),
// prints a table and writes it as JSON.
// Environment (see BENCHMARKS.md): WORKOUTS SEED_CONCURRENCY DURATION WARMUP CONNECTIONS
// LOGIN_CONNECTIONS LOGSET_WORKOUTS SCENARIOS BENCH_OUT BENCH_DATABASE_URL PROBE_MS EXPORT_YEARS
// IMPORT_FILES_DIR BENCH_SERVER BENCH_SERVER_NODE_ARGS EXPORT_SERVER_NODE_ARGS; the server also gets the
// environment, so STATS_CACHE and SQLITE_SYNCHRONOUS reach it.
import { loadavg } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/config.js'
import { apiClient, Session } from './lib/api.js'
import { runExport } from './lib/exports.js'
import { runImport } from './lib/imports.js'
import {
  exportNodeArgs, exportYears, importFiles, TIMED_SCENARIOS, type TimedContext, type TimedName
} from './lib/phases.js'
import { footer, header, newestSource, tableHeader, tableRow, writeJson, type RunInfo } from './lib/report.js'
import { runScenario, SCENARIOS, type ScenarioName, type ScenarioResult, type Settings } from './lib/scenarios.js'
import { seedHeavyUser } from './lib/seed.js'
import { procStatusMb, sampleRss, startServer, type Server } from './lib/server.js'
import { timedFooter, timedTable, type TimedResult } from './lib/timed-report.js'

function envNumber (name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw.replace(/s$/, '')) // "10" or "10s"
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`)
  return value
}

const ALL_SCENARIOS: ReadonlyArray<ScenarioName | TimedName> = [...SCENARIOS, ...TIMED_SCENARIOS]
const isTimed = (name: string): name is TimedName => (TIMED_SCENARIOS as readonly string[]).includes(name)

function scenarioList (): Array<ScenarioName | TimedName> {
  const raw = process.env.SCENARIOS
  if (raw === undefined || raw.trim() === '') return [...ALL_SCENARIOS]
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '')
  for (const name of names) {
    if (!(ALL_SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`unknown scenario "${name}" (known: ${ALL_SCENARIOS.join(', ')})`)
    }
  }
  return names as Array<ScenarioName | TimedName>
}

const log = (line: string): void => { console.error(`[bench] ${line}`) }

const KNOWN_ENV = [
  'WORKOUTS', 'SEED_CONCURRENCY', 'DURATION', 'WARMUP', 'CONNECTIONS', 'LOGIN_CONNECTIONS', 'LOGSET_WORKOUTS', 'SCENARIOS',
  'STATS_CACHE', 'SQLITE_SYNCHRONOUS', 'PROBE_MS', 'EXPORT_YEARS', 'BENCH_SERVER', 'BENCH_SERVER_NODE_ARGS',
  'EXPORT_SERVER_NODE_ARGS', 'SPOTTER_V8_DEFAULTS'
]
/** How this run was started, for the report (BENCH_DATABASE_URL left out: it may hold a password). */
const command = [...KNOWN_ENV.filter((n) => (process.env[n] ?? '') !== '').map((n) => `${n}=${process.env[n] ?? ''}`), 'npm run bench'].join(' ')

async function main (): Promise<void> {
  const workouts = Math.round(envNumber('WORKOUTS', 1000, 1))
  const seedConcurrency = Math.round(envNumber('SEED_CONCURRENCY', 4, 1))
  const settings: Settings = {
    duration: envNumber('DURATION', 10, 1),
    warmup: envNumber('WARMUP', 2, 0),
    connections: Math.round(envNumber('CONNECTIONS', 32, 1)),
    loginConnections: Math.round(envNumber('LOGIN_CONNECTIONS', 8, 1)),
    // 1000, not the shared harness's 64: the contract caps an exercise at 100 sets, and at
    // 2,500 sets/s even 400 workouts let some exercises fill up within a run (then 400s).
    logSetWorkouts: Math.round(envNumber('LOGSET_WORKOUTS', 1000, 1))
  }
  const scenarios = scenarioList()
  const probeMs = envNumber('PROBE_MS', 20, 5)
  const years = exportYears()
  const files = importFiles(log)
  // What the server will run with on SQLite (checked here, so a typo fails before seeding).
  const config = loadConfig({ SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS })
  const synchronous = config.database.dialect === 'sqlite' ? config.database.synchronous : undefined
  const startedAt = new Date().toISOString()
  const source = newestSource(path.resolve(import.meta.dirname, '..'))
  const loadAvgAtStart = loadavg()[0]
  const out = path.resolve(process.env.BENCH_OUT ?? path.join(import.meta.dirname, 'results', `bench-${startedAt.replace(/[:.]/g, '-')}.json`))

  let server: Server | undefined
  const stopServer = async (): Promise<void> => { const s = server; server = undefined; await s?.stop() }
  process.once('SIGINT', () => { log('interrupted, stopping the server'); stopServer().finally(() => process.exit(130)) })
  try {
    server = await startServer()
    log(`server pid ${server.pid} at ${server.base} (${server.dialect})`)
    const session = new Session(apiClient(server.base), {
      email: process.env.BENCH_EMAIL ?? 'heavy.lifter@bench.spotter.test',
      password: process.env.BENCH_PASSWORD ?? 'correct horse battery staple'
    })

    log(`seeding ${workouts} workouts at concurrency ${seedConcurrency}…`)
    const seedRss = sampleRss(server.pid)
    const seeded = await seedHeavyUser(session, workouts, seedConcurrency, log)
    const seedPeakRssMb = seedRss.stop()
    log(`seeded ${workouts} workouts (${seeded.sets} sets, ${seeded.warmups} warm-ups) in ${seeded.seconds.toFixed(1)} s ` +
      `(${(workouts / seeded.seconds).toFixed(1)} workouts/s)`)
    log(`stats/summary: ${JSON.stringify(seeded.summary)}`)

    const info: RunInfo = {
      startedAt,
      command,
      dialect: (server.dialect === 'sqlite' ? `sqlite (synchronous=${synchronous ?? 'full'})` : server.dialect) +
        (server.runtime === 'compiled' ? ', compiled server' : ''),
      workouts,
      sets: seeded.sets,
      warmups: seeded.warmups,
      seedSeconds: seeded.seconds,
      seedConcurrency,
      seedPeakRssMb,
      lifetimePeakRssMb: null,
      settings: { ...settings },
      loadAvgAtStart,
      summary: seeded.summary,
      source
    }
    console.log(header(info))
    const results: ScenarioResult[] = []
    const timed: TimedResult[] = []
    const timedCtx: TimedContext = {
      server, session, seeded, files: files.get, probeMs, exportYears: years, exportNodeArgs: exportNodeArgs(), log
    }
    let lastWasTable = false
    for (const name of scenarios) {
      log(`${name}…`)
      if (isTimed(name)) {
        const result = name === 'export' ? await runExport(timedCtx) : await runImport(name, timedCtx)
        timed.push(result)
        console.log(timedTable(result))
        lastWasTable = false
        continue
      }
      const result = await runScenario(name, { base: server.base, pid: server.pid, session, seeded, settings })
      results.push(result)
      if (!lastWasTable) console.log(tableHeader())
      lastWasTable = true
      console.log(tableRow(result))
    }
    // The export scenario restarts the server: the lifetime peak is the highest of its processes.
    const peaks = [procStatusMb(server.pid, 'VmHWM'), server.replacedPeakRssMb].filter((x) => x !== null)
    info.lifetimePeakRssMb = peaks.length === 0 ? null : Math.max(...peaks)
    const sourceAtEnd = newestSource(path.resolve(import.meta.dirname, '..'))
    if (sourceAtEnd.modifiedAt !== source.modifiedAt) info.sourceAtEnd = sourceAtEnd
    console.log(footer(info, results))
    for (const line of timedFooter(timed)) console.log(line)
    writeJson(out, info, results, timed)
    console.log(`results written to ${path.relative(process.cwd(), out)}`)
  } finally {
    await stopServer()
    files.remove()
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error)
  process.exitCode = 1
})
