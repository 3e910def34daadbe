import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_SECRET, freshDatabaseUrl } from './app.js'

/** The real server (`node --import tsx src/server.ts`) as a child process, on a free port. */
export interface ServerProcess {
  child: ChildProcess
  port: number
  /** Log lines (pino JSON) seen so far, stdout and stderr. */
  lines: string[]
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
  /** Resolves when a log line matches (rejects when the process ends first or after `ms`). */
  waitForLog: (pattern: RegExp, ms?: number) => Promise<string>
  /** Kills the process if it still runs and removes its data. */
  stop: () => Promise<void>
}

const STARTUP_MS = 30_000

export interface StartOptions {
  /** Instead of `node --import tsx src/server.ts` (run in the repository root), e.g. `['npm', 'start']`. */
  command?: string[]
  /** Its own process group, so stop() also kills whatever it started (and tests can check none is left). */
  detached?: boolean
}

/**
 * Starts the server with its data in a tmp dir: an SQLite file there, or a fresh schema on the
 * DATABASE_URL PostgreSQL server. `env` overrides the rest of the configuration.
 */
export async function startServer (env: Record<string, string> = {}, options: StartOptions = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'spotter-server-'))
  const fresh = process.env.DATABASE_URL?.startsWith('postgres') === true
    ? await freshDatabaseUrl()
    : { url: `sqlite:${join(dir, 'spotter.db')}`, drop: async () => {} }
  const [command, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'src/server.ts']
  const child = spawn(command, args, {
    cwd: join(import.meta.dirname, '..', '..'),
    detached: options.detached === true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? tmpdir(),
      HOST: '127.0.0.1',
      PORT: '0',
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
      ...env,
      DATABASE_URL: fresh.url
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const waiters = new Set<() => void>()
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n')
      rest = parts.pop() ?? ''
      lines.push(...parts)
      for (const wake of waiters) wake()
    })
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => { for (const wake of waiters) wake(); resolve(code) })
  })
  const waitForLog = async (pattern: RegExp, ms = STARTUP_MS): Promise<string> => await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { done(); reject(new Error(`no log line ${pattern} within ${ms} ms:\n${lines.join('\n')}`)) }, ms)
    const check = (): void => {
      const hit = lines.find((l) => pattern.test(l))
      if (hit !== undefined) { done(); resolve(hit); return }
      if (child.exitCode !== null || child.signalCode !== null) {
        done()
        reject(new Error(`server ended before logging ${pattern}:\n${lines.join('\n')}`))
      }
    }
    const done = (): void => { clearTimeout(timer); waiters.delete(check) }
    waiters.add(check)
    check()
  })
  const stop = async (): Promise<void> => {
    if (options.detached === true && child.pid !== undefined) {
      try { process.kill(-child.pid, 'SIGKILL') } catch {} // the group may be gone already
    }
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited }
    rmSync(dir, { recursive: true, force: true })
    await fresh.drop()
  }
  try {
    const line = await waitForLog(/Server listening at http:\/\/127\.0\.0\.1:\d+/)
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1])
    return { child, port, lines, exited, waitForLog, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
