// Starts the server as production runs it (`node --import tsx src/server.ts`) on a free port and
// a fresh database, and reads its memory from /proc. The pid we measure is the node process we
// spawned ourselves: no npm or shell wrapper in between.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
  stop: () => Promise<void>
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

export async function startServer (): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'spotter-bench-'))
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined
  const cleanup = async (): Promise<void> => {
    try { await db?.drop() } finally { rmSync(dir, { recursive: true, force: true }) }
  }
  try {
    db = await freshDatabase(dir)
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        JWT_SECRET: randomBytes(36).toString('base64'), // 48 characters
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        AUTH_RATE_LIMIT_PER_MIN: '1000000'
      }
    })
    // Server logs go to stderr so stdout keeps only the results.
    child.stdout.pipe(process.stderr)
    child.stderr.pipe(process.stderr)
    const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve() }))
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(killer)
      }
      await cleanup()
    }
    const base = `http://127.0.0.1:${port}`
    try {
      await waitForHealth(base, () => child.exitCode !== null)
    } catch (error) {
      await stop()
      throw error
    }
    return { base, pid: child.pid as number, dialect: db.dialect, stop }
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

/** Samples VmRSS every 100 ms; stop() returns the peak in MB. */
export function sampleRss (pid: number): { stop: () => number | null } {
  let peak: number | null = null
  const sample = (): void => {
    const rss = procStatusMb(pid, 'VmRSS')
    if (rss !== null) peak = Math.max(peak ?? 0, rss)
  }
  sample()
  const timer = setInterval(sample, 100)
  return { stop: () => { clearInterval(timer); sample(); return peak } }
}
