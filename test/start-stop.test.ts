import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { TEST_SECRET } from './helpers/app.js'
import { startServer, type ServerProcess } from './helpers/server-process.js'

// `npm start` as an operator runs it: compiled JavaScript, one node process under npm, and a
// signal to npm ends both within the drain time. CI builds before the tests; run alone, this
// file builds dist/ first if it is missing or older than src/ (as npm's prestart would).

const root = join(import.meta.dirname, '..')
const DRAIN_MS = 10_000
const run = promisify(execFile)

before(() => {
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: root, stdio: 'inherit' })
  assert.equal(build.status, 0, 'the build failed')
})

const servers: ServerProcess[] = []
after(async () => { for (const s of servers) await s.stop() })

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true } catch { return false }
}
const portOpen = async (port: number): Promise<boolean> => await new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1')
  socket.once('connect', () => { socket.destroy(); resolve(true) }).once('error', () => { resolve(false) })
})

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} to npm stops npm and the server within the drain time, leaving no process or port`, async () => {
      const server = await startServer({}, { command: ['npm', 'start'], detached: true })
      servers.push(server)
      const started = server.lines.find((l) => l.includes('Spotter listening on'))
      assert.ok(started, server.lines.join('\n'))
      const { url, api, docs, pid } = JSON.parse(started)
      assert.equal(url, `http://127.0.0.1:${server.port}`)
      assert.equal(api, `${url}/api/v1`)
      assert.equal(docs, `${url}/docs`)
      assert.notEqual(pid, server.child.pid, 'the server is npm\'s child, not npm')
      assert.equal((await fetch(`${docs}`)).status, 200)

      const sent = Date.now()
      server.child.kill(signal)
      assert.equal(await server.exited, 0, server.lines.join('\n'))
      assert.ok(Date.now() - sent < DRAIN_MS, `took ${Date.now() - sent} ms`)
      assert.equal(alive(pid), false, 'the server process outlived npm')
      assert.equal(alive(-(server.child.pid ?? 0)), false, 'a process of npm start\'s group is left')
      assert.equal(await portOpen(server.port), false, 'the port is still open')
      assert.ok(server.lines.some((l) => l.includes('"msg":"shutting down"') && l.includes(signal)))
    })
  }

  test('.env in the working directory is read, and variables already set win over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spotter-dotenv-'))
    after(() => { rmSync(dir, { recursive: true, force: true }) })
    writeFileSync(join(dir, '.env'), `JWT_SECRET=too-short\nDATABASE_URL=sqlite:${join(dir, 'from-env-file.db')}\nPORT=abc\n`)
    // PORT from .env is invalid: the server refuses to start, naming it (so .env was read) …
    const refused = spawnSync(process.execPath, [join(root, 'dist/server.js')], {
      cwd: dir, env: { PATH: process.env.PATH, JWT_SECRET: TEST_SECRET }, encoding: 'utf8'
    })
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /configuration error: PORT must be an integer .*"abc"/)
    // … and the environment's JWT_SECRET won over the short one in .env, or that would be the error.
    assert.doesNotMatch(refused.stderr, /JWT_SECRET/)
  })
})

describe('uncaught errors', () => {
  // Thrown once the server listens (its handlers are installed by then).
  const fault = (kind: string): string => 'data:text/javascript,' + encodeURIComponent(
    'const t = setInterval(() => { if (process.getActiveResourcesInfo().includes("TCPServerWrap")) { clearInterval(t);' +
    `setTimeout(() => { ${kind === 'throw' ? 'throw new Error("boom")' : 'Promise.reject(new Error("boom"))'} }, 200) } }, 20)`)

  for (const kind of ['throw', 'reject']) {
    test(`an ${kind === 'throw' ? 'uncaught exception' : 'unhandled rejection'} is logged and ends the process with 1`, async () => {
      const server = await startServer({}, { command: [process.execPath, '--import', fault(kind), 'dist/server.js'] })
      servers.push(server)
      assert.equal(await server.exited, 1)
      const fatal = server.lines.find((l) => l.includes('uncaught error: shutting down'))
      assert.ok(fatal, server.lines.join('\n'))
      assert.equal(JSON.parse(fatal).err.message, 'boom')
      assert.equal(await portOpen(server.port), false)
    })
  }
})

describe('PostgreSQL', { skip: process.env.DATABASE_URL?.startsWith('postgres') !== true }, () => {
  test('a database that does not exist stops the start with its name and the createdb command', async () => {
    const url = new URL(process.env.DATABASE_URL ?? '')
    url.pathname = '/spotter_missing_database'
    const started = await run(process.execPath, [join(root, 'dist/server.js')], {
      cwd: root, env: { PATH: process.env.PATH, DATABASE_URL: url.href, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }
    }).then(() => ({ code: 0, stderr: '' }), (error: { code: number, stderr: string }) => error)
    assert.equal(started.code, 1)
    const expected = 'spotter: failed to start: PostgreSQL database "spotter_missing_database" does not exist on ' +
      `${url.host}; create it first: createdb -h ${url.hostname}`
    assert.ok(started.stderr.startsWith(expected), started.stderr)
    assert.match(started.stderr, / spotter_missing_database\n$/)
  })
})

test('dist/ holds the library JSON the server imports', () => {
  assert.ok(existsSync(join(root, 'dist/modules/exercises/library/exercises.json')))
})
