// Starts the server (`node --import tsx src/server.ts`, or with BENCH_SERVER=compiled plain node on
// src/ compiled as `npm start` runs dist/) on a free port and a fresh database, and reads its
// memory from /proc. The pid we measure is the node process we spawned ourselves: no npm or shell
// wrapper in between.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

export interface Server {
  base: string
  pid: number
  /** `sqlite` or `postgres`, for the report. */
  dialect: string
  /** `tsx` (src/ through the tsx loader) or `compiled` (BENCH_SERVER=compiled). */
  runtime: 'tsx' | 'compiled'
  stop: () => Promise<void>
  /**
   * Stops the process and starts a new one on the same database and port (pid changes), with
   * `nodeArgs` instead of BENCH_SERVER_NODE_ARGS if given.
   */
  restart: (nodeArgs?: string[]) => Promise<void>
  /** Whether the current process is still running (it may die, e.g. out of memory under a heap limit). */
  alive: () => boolean
  /** The highest VmHWM (MB) of the processes that restart() replaced, or null. */
  replacedPeakRssMb: number | null
}

async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => { resolve(port) })
    })
  })
}

/** SQLite in `dir`, or (BENCH_DATABASE_URL=postgres://…) a schema of its own, dropped at the end. */
async function freshDatabase (dir: string): Promise<{ url: string, dialect: string, drop: () => Promise<void> }> {
  const pgUrl = process.env.BENCH_DATABASE_URL
  if (pgUrl === undefined || pgUrl === '') return { url: `sqlite:${path.join(dir, 'spotter.db')}`, dialect: 'sqlite', drop: async () => {} }
  if (!/^postgres(ql)?:\/\//.test(pgUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL (SQLite is the default)')
  const schema = `spotter_bench_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    try { await client.query(sql) } finally { await client.end() }
  }
  await admin(`CREATE SCHEMA "${schema}"`)
  const url = new URL(pgUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return { url: url.toString(), dialect: 'postgres', drop: async () => { await admin(`DROP SCHEMA "${schema}" CASCADE`) } }
}

/**
 * BENCH_SERVER=compiled: compiles src/ (tsconfig.build.json) into bench/results/server/dist, beside
 * a copy of package.json (ESM, and the version the OpenAPI document reads), without touching the
 * dist/ that `npm start` owns. Node resolves node_modules from there up to the project's.
 */
function compiledEntry (): string {
  const dir = path.join(ROOT, 'bench', 'results', 'server')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'))
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const args = [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist')]
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 2] })
  // 2: type errors, JavaScript emitted anyway (others may be mid-edit); 1 or a signal: nothing usable.
  if (result.status === 2) console.error('[bench] tsc reported type errors (above); running what it emitted')
  else if (result.status !== 0) throw new Error(`tsc for BENCH_SERVER=compiled failed (exit ${String(result.status)})`)
  return path.join(dir, 'dist', 'server.js')
}

function serverArgs (): { args: string[], runtime: Server['runtime'] } {
  const mode = process.env.BENCH_SERVER ?? 'tsx'
  if (mode === 'tsx' || mode === '') return { args: ['--import', 'tsx', 'src/server.ts'], runtime: 'tsx' }
  if (mode === 'compiled') return { args: [compiledEntry()], runtime: 'compiled' }
  throw new Error(`BENCH_SERVER must be tsx or compiled, got "${mode}"`)
}

/** `--a --b=1` as arguments. */
export const splitArgs = (raw: string | undefined): string[] => (raw ?? '').split(/\s+/).filter((a) => a !== '')

interface Child { pid: number, alive: () => boolean, stop: () => Promise<void> }

/** Spawns the server process and waits for its /health; a process that never answers is stopped. */
async function spawnServer (args: string[], env: NodeJS.ProcessEnv, base: string): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env })
  // Server logs go to stderr so stdout keeps only the results.
  child.stdout.pipe(process.stderr)
  child.stderr.pipe(process.stderr)
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve() }))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(killer)
  }
  try {
    await waitForHealth(base, () => child.exitCode !== null)
  } catch (error) {
    await stop()
    throw error
  }
  return { pid: child.pid as number, alive: () => child.exitCode === null && child.signalCode === null, stop }
}

export async function startServer (): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'spotter-bench-'))
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined
  const cleanup = async (): Promise<void> => {
    try { await db?.drop() } finally { rmSync(dir, { recursive: true, force: true }) }
  }
  try {
    const { args: entry, runtime } = serverArgs()
    // Node flags for the server alone, e.g. --max-old-space-size=64 or --cpu-prof --cpu-prof-dir=/tmp/prof.
    const nodeArgs = splitArgs(process.env.BENCH_SERVER_NODE_ARGS)
    const args = [...nodeArgs, ...entry]
    db = await freshDatabase(dir)
    const port = await freePort()
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(36).toString('base64'), // 48 characters
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      AUTH_RATE_LIMIT_PER_MIN: '1000000'
    }
    const base = `http://127.0.0.1:${port}`
    let child: Child | undefined = await spawnServer(args, env, base)
    const server: Server = {
      base,
      pid: child.pid,
      dialect: db.dialect,
      runtime,
      alive: () => child?.alive() ?? false,
      stop: async () => { const c = child; child = undefined; try { await c?.stop() } finally { await cleanup() } },
      // The same database, port and JWT secret (tokens stay valid): a new process, a fresh heap.
      replacedPeakRssMb: null,
      restart: async (flags = nodeArgs) => {
        const peak = procStatusMb(server.pid, 'VmHWM')
        if (peak !== null) server.replacedPeakRssMb = Math.max(server.replacedPeakRssMb ?? 0, peak)
        await child?.stop()
        child = await spawnServer([...flags, ...entry], env, base)
        server.pid = child.pid
      }
    }
    return server
  } catch (error) {
    await cleanup()
    throw error
  }
}

async function waitForHealth (base: string, died: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (died()) throw new Error('the server exited before /health answered (its log is above)')
    try {
      if ((await fetch(`${base}/health`)).status === 200) return
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`/health did not answer within ${timeoutMs / 1000} s`)
    await sleep(100)
  }
}

/**
 * Waits until the server has worked off what the load generator left queued when it stopped:
 * until /health answers in under 5 ms three times in a row. Returns the seconds waited.
 */
export async function waitIdle (base: string, timeoutMs = 120_000): Promise<number> {
  const start = Date.now()
  let fast = 0
  while (fast < 3 && Date.now() - start < timeoutMs) {
    const t = performance.now()
    try { await (await fetch(`${base}/health`)).arrayBuffer() } catch { /* count as slow */ }
    fast = performance.now() - t < 5 ? fast + 1 : 0
    await sleep(50)
  }
  return (Date.now() - start) / 1000
}

/** A field of /proc/<pid>/status in MB (VmRSS: now, VmHWM: the lifetime peak), or null. */
export function procStatusMb (pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match === null ? null : Number(match[1]) / 1024
  } catch { return null }
}

/** CPU time (user + system, all threads) the process has used so far, in seconds, or null. */
export function procCpuSeconds (pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in USER_HZ (100 on Linux)
  } catch { return null }
}

/** Samples VmRSS every `everyMs` (100); stop() returns the peak in MB. */
export function sampleRss (pid: number, everyMs = 100): { stop: () => number | null } {
  let peak: number | null = null
  const sample = (): void => {
    const rss = procStatusMb(pid, 'VmRSS')
    if (rss !== null) peak = Math.max(peak ?? 0, rss)
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return { stop: () => { clearInterval(timer); sample(); return peak } }
}
