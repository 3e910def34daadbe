import { AssertionError } from 'node:assert'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { bytesOf, Findings, judge, problemViolations, type Violation } from './fuzz-oracle.js'
import type { Prepared } from './fuzz-requests.js'
import type { World } from './fuzz-world.js'
import { record, type OpenApiContract } from './openapi-check.js'

// These answer 201 with something that is not a resource to read back, so without a Location.
const NO_LOCATION = new Set([
  'POST /api/v1/workouts/{id}/guide/ticket' // a single-use stream ticket
])
// After these succeed, the caller's session (or user) is gone.
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'DELETE /api/v1/me', 'POST /api/v1/me/password'])
const CONTRACT_PROBLEMS = [
  'status \\d+ is not documented', 'content type "[^"]*" is not documented',
  'body does not match the documented schema', 'body is not JSON', 'documented without a body'
]
const CONTRACT_PROBLEM = new RegExp(`: (${CONTRACT_PROBLEMS.join('|')})`)

/**
 * Sends the contract fuzzer's requests (test/contract-fuzz.test.ts) and checks every answer: the
 * document (openapi-check.ts), problem bodies and fixed statuses (fuzz-oracle.ts), a Location read
 * back. Keeps the World current: ids learnt and forgotten, sessions renewed when a request ended them.
 */
export class FuzzRun {
  readonly findings = new Findings()
  readonly statuses = new Map<number, number>()
  readonly succeeded = new Set<string>()
  readonly timing = new Map<string, number>()
  requests = 0
  rejected = 0
  /** Set when the fuzz users are gone (DELETE /me): the next request starts with fresh ones. */
  resetNeeded = false

  constructor (
    private readonly app: FastifyInstance,
    private readonly contract: OpenApiContract,
    private readonly world: World
  ) {}

  time (key: string, ms: number): void { this.timing.set(key, (this.timing.get(key) ?? 0) + ms) }

  // The callback form of inject is not wrapped by createTestApp's check: the run checks and reports itself.
  private async inject (options: InjectOptions): Promise<LightMyRequestResponse> {
    return await new Promise((resolve, reject) => {
      this.app.inject(options, (err, res) => {
        if (err !== undefined && err !== null) reject(err)
        else resolve(res as LightMyRequestResponse)
      })
    })
  }

  /** Sends one request (generated, with `p`, or made by the run itself) and checks the answer. */
  readonly send = async (options: InjectOptions, p?: Prepared): Promise<LightMyRequestResponse | undefined> => {
    this.requests++
    const started = performance.now()
    let res: LightMyRequestResponse
    try { res = await this.inject(options) } catch { this.rejected++; return undefined } // light-my-request refused it
    const operation = p === undefined
      ? `${String(options.method)} ${String(options.url).split('?')[0]}`
      : `${p.op.method} ${p.op.path}`
    this.time(p === undefined ? 'setup and read-backs' : operation, performance.now() - started)
    this.statuses.set(res.statusCode, (this.statuses.get(res.statusCode) ?? 0) + 1)
    const violations: Violation[] = [...problemViolations(res), ...(p === undefined ? [] : judge(p, res))]
    if (res.statusCode >= 500) violations.push({ check: 'server error', message: `answered ${res.statusCode}` })
    violations.push(...this.documented(options, res))
    for (const v of violations) this.findings.add(v, operation, res.statusCode, options, res)
    await this.afterwards(options, res, operation, p)
    return res
  }

  /** The answer against /openapi.json, through openapi-check.ts (and recorded for test/operations.check.ts). */
  private documented (options: InjectOptions, res: LightMyRequestResponse): Violation[] {
    try {
      const contentType = res.headers['content-type'] as string | undefined
      const answer = { statusCode: res.statusCode, contentType, body: res.body }
      const checked = this.contract.check(String(options.method), String(options.url), answer)
      if (checked === undefined) return []
      record(checked)
      if (res.statusCode < 300) this.succeeded.add(`${checked.method} ${checked.path}`)
      return []
    } catch (error) {
      if (!(error instanceof AssertionError)) throw error
      // An error answer that is no problem document is reported once, by problemViolations.
      if (/content type "[^"]*" is not documented/.test(error.message) && res.statusCode >= 400) return []
      const m = CONTRACT_PROBLEM.exec(error.message)
      const check = m === null ? 'answer not as documented' : m[1].replace(/\d{3}/, 'X')
      return [{ check, message: error.message.slice(0, 1500) }]
    }
  }

  /** Reads back what a create made, keeps the world's ids current, and renews ended sessions. */
  private async afterwards (
    options: InjectOptions, res: LightMyRequestResponse, operation: string, p?: Prepared
  ): Promise<void> {
    const { status, location } = { status: res.statusCode, location: res.headers.location }
    const report = (v: Violation, answer: LightMyRequestResponse): void => {
      this.findings.add(v, operation, answer.statusCode, options, answer)
    }
    if (status === 201 && location === undefined && p !== undefined && !NO_LOCATION.has(operation)) {
      report({ check: '201 without a Location', message: 'a create must say where the resource is' }, res)
    }
    if (status >= 200 && status < 300 && typeof location === 'string') {
      // A registration's Location is the new user's own (/me): read with the token it gave.
      const authorization = operation === 'POST /api/v1/auth/register'
        ? `Bearer ${String(res.json().accessToken)}`
        : (options.headers as Record<string, string> | undefined)?.authorization
      const headers = authorization === undefined ? {} : { authorization }
      const back = await this.send({ method: 'GET', url: location, headers })
      if (back !== undefined && back.statusCode !== 200) {
        const message = `GET ${location} answered ${back.statusCode}`
        report({ check: 'the Location of a create cannot be read back', message }, back)
      }
      if (p?.caller !== undefined) this.world.learn(location, p.caller.userId)
    }
    const caller = p?.caller
    if (p === undefined || caller === undefined) return
    const body = (): Record<string, unknown> => JSON.parse(bytesOf(options)?.toString() ?? '{}')
    if (status === 204 && options.method === 'DELETE') {
      this.world.forget(decodeURIComponent(String(options.url).split('?')[0].split('/').at(-1) ?? ''))
    }
    if (status >= 200 && status < 300 && ENDS_SESSION.has(operation)) {
      if (operation === 'POST /api/v1/me/password') caller.password = String(body().newPassword)
      if (operation === 'DELETE /api/v1/me' || !await this.world.login(this.send, caller)) this.resetNeeded = true
    }
    if (p.op.path === '/api/v1/auth/refresh' && status === 200) {
      const used = this.world.users.find((u) => bytesOf(options)?.toString().includes(u.refreshToken) === true)
      if (used !== undefined) used.refreshToken = String(res.json().refreshToken)
    }
    if (status === 401 && p.authorized === true) {
      // A valid token may legitimately stop working (a reused refresh token revokes its session).
      const headers = { authorization: `Bearer ${caller.token}` }
      const me = await this.send({ method: 'GET', url: '/api/v1/me', headers })
      if (me?.statusCode === 401 && !await this.world.login(this.send, caller)) this.resetNeeded = true
    }
  }

  summary (seconds: number): string[] {
    const byStatus = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')
    const slowest = [...this.timing].sort(([, a], [, b]) => b - a).slice(0, 5)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
    return [
      `${this.requests} requests in ${seconds.toFixed(1)} s (${Math.round(this.requests / seconds)}/s), ` +
        `${this.rejected} not sendable, ${this.world.generation} user generations; statuses ${byStatus}`,
      `most time in: ${slowest.join(', ')}`
    ]
  }
}
